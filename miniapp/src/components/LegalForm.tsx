import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Button} from '@tarojs/components';
import { TextInput, TextArea } from './Field';
import type { Booking, LegalCategory } from '../../../shared/schemas/index';
import { api, bookingErrorText } from '../services/api';
import { useAsync } from '../hooks/useAsync';
import { useSession } from '../hooks/useSession';
import { addDays, timeLabel, clockLabel, today } from '../services/dates';
import { LEGAL_CATEGORIES, LEGAL_DESCRIPTION_MAX, LEGAL_MODE_LABELS } from '../../../shared/domain';
import Chips from './Chips';
import StateView from './StateView';
import Notice from './Notice';
import { useBusy } from '../hooks/useBusy';
import { voucherUrl } from '../services/params';
import { PHONE_INPUT_MAX, PHONE_MESSAGE, normalizePhone } from '../../../shared/contact';
import LoginForm from './LoginForm';
import SubscribeButton from './SubscribeButton';
import { useMyBookings } from '../hooks/useMyBookings';
import BookedButton from './BookedButton';
import { toastDone } from '../services/feedback';
import WechatPhoneButton from './WechatPhoneButton';

/** Category, private description, phone and a slot; the description is read only by union legal staff. */
export default function LegalForm({ initialCategory }: { initialCategory?: string }) {
  const { user, loggedIn } = useSession();
  const start = (LEGAL_CATEGORIES as readonly string[]).includes(initialCategory ?? '') ? (initialCategory as LegalCategory) : '';
  const [category, setCategory] = useState<LegalCategory | ''>(start);
  const [description, setDescription] = useState('');
  const [phone, setPhone] = useState(user?.phone ?? '');
  const [slotId, setSlotId] = useState('');
  const { busy, run } = useBusy();
  const [error, setError] = useState<string | null>(null);
  const [booking, setBooking] = useState<Booking | null>(null);
  // Prefill the phone once the worker has logged in.
  useEffect(() => {
    if (!phone && user?.phone) setPhone(user.phone);
  }, [user?.phone]);
  const from = today();
  const slots = useAsync(() => api.legalSlots(from, addDays(from, 30)), []);
  const open = (slots.data?.slots ?? []).filter((s) => s.available);
  // One upcoming consultation per worker: show theirs instead of a form the server would refuse.
  const mine = useMyBookings();
  const held = mine.upcoming.find((b) => b.service === 'legal');

  const submit = () => {
    if (!category) return setError('请选择咨询类别');
    if (!description.trim()) return setError('请简单描述您遇到的问题');
    const p = normalizePhone(phone);
    if (!p) return setError(`${PHONE_MESSAGE}，方便律师联系您`);
    if (!slotId) return setError('请选择咨询时间');
    return run(async () => {
      setError(null);
      try {
        const r = await api.book({ service: 'legal', slotId, category, description: description.trim(), phone: p });
        setBooking(r.booking);
        toastDone('预约成功');
        slots.reload();
      } catch (e) {
        setError(bookingErrorText(e));
        slots.reload();
      }
    });
  };

  if (booking) {
    const slot = slots.data?.slots.find((s) => s.id === booking.slotId);
    return (
      <View className="card">
        <Notice kind="ok">预约成功！律师会按约定时间联系您</Notice>
        <Text className="line">类别：{booking.category}</Text>
        {slot && <Text className="line">时间：{timeLabel(slot.startsAt)}（{LEGAL_MODE_LABELS[slot.mode]}）</Text>}
        <Text className="line">预约编号：{booking.code}</Text>
        <SubscribeButton />
        <Button className="btn btn-plain" onClick={() => Taro.navigateTo({ url: voucherUrl(booking.id) })}>
          查看预约
        </Button>
      </View>
    );
  }

  if (held)
    return (
      <View className="card">
        <Text className="card-title">您已预约法律咨询</Text>
        <Text className="line">
          {held.category}
          {held.startsAt ? ` · ${timeLabel(held.startsAt)}` : ''}
        </Text>
        <BookedButton booking={held} />
      </View>
    );

  return (
    <View>
      <Text className="section-title">咨询类别</Text>
      <Chips options={LEGAL_CATEGORIES.map((c) => ({ value: c, label: c }))} value={category} onChange={(v) => setCategory(v as LegalCategory)} />
      <Text className="section-title">问题描述</Text>
      <TextArea
        className="textarea"
        placeholder="简单说说您遇到的情况，比如：工地拖欠了三个月工资"
        value={description}
        maxlength={LEGAL_DESCRIPTION_MAX}
        onChange={setDescription}
      />
      <Text className="muted">描述内容保密，只有工会法律服务人员能看到</Text>
      <Text className="section-title">联系电话</Text>
      <TextInput className="input" type="tel" placeholder="联系电话" maxlength={PHONE_INPUT_MAX} value={phone} onChange={setPhone} />
      {loggedIn && <WechatPhoneButton onPhone={setPhone} />}
      <Text className="section-title">咨询时间</Text>
      <StateView loading={slots.loading && !slots.data} error={slots.error} empty={open.length === 0} emptyText="近期律师时段已约满，请过几天再来看看，或拨打 12351 工会热线" onRetry={slots.reload}>
        {open.map((s) => (
          <View key={s.id} className={`slot ${slotId === s.id ? 'slot-on' : ''}`} onClick={() => setSlotId(s.id)}>
            <Text className="line">
              {timeLabel(s.startsAt)}–{clockLabel(s.endsAt)}
            </Text>
            <Text className="muted">
              {LEGAL_MODE_LABELS[s.mode]}咨询{s.lawyer ? ` · ${s.lawyer}` : ''}
              {s.location ? ` · ${s.location}` : ''}
            </Text>
          </View>
        ))}
      </StateView>
      {!loggedIn && <LoginForm hint="登录后即可预约法律咨询" />}
      {error && <Notice kind="error">{error}</Notice>}
      {loggedIn && (
        <Button className="btn btn-primary" loading={busy} disabled={busy} onClick={submit}>
          确认预约
        </Button>
      )}
    </View>
  );
}
