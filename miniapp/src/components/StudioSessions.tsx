import { useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import type { Booking, Studio, StudioSessionView } from '../../../shared/schemas/index';
import { api, bookingErrorText } from '../services/api';
import { useAsync } from '../hooks/useAsync';
import { useSession } from '../hooks/useSession';
import { timeLabel, clockLabel } from '../services/dates';
import StateView from './StateView';
import Sheet from './Sheet';
import Stepper from './Stepper';
import Notice from './Notice';
import LoginForm from './LoginForm';
import Voucher from './Voucher';
import SubscribeButton from './SubscribeButton';
import { useBusy } from '../hooks/useBusy';
import { useMyBookings } from '../hooks/useMyBookings';
import BookedButton from './BookedButton';
import { PARTY_SIZE } from '../../../shared/domain';
import { openPage } from '../services/nav';
import { toastDone } from '../services/feedback';

/** The visit sessions of one studio, with seats left, waitlist and sign-up. */
export default function StudioSessions({ studio }: { studio: Studio }) {
  const sessions = useAsync(() => api.sessions(studio.id), [studio.id]);
  const [picked, setPicked] = useState<StudioSessionView | null>(null);
  const [party, setParty] = useState(1);
  const { busy, run } = useBusy();
  const [error, setError] = useState<string | null>(null);
  const [booking, setBooking] = useState<Booking | null>(null);
  const { loggedIn } = useSession();
  const mine = useMyBookings();
  const list = sessions.data?.sessions ?? [];

  function open(s: StudioSessionView) {
    setPicked(s);
    setBooking(null);
    setError(null);
  }

  const confirm = () =>
    run(async () => {
      setError(null);
      try {
        const r = await api.book({ service: 'studio', sessionId: picked!.id, partySize: party });
        setBooking(r.booking);
        toastDone(r.booking.status === 'waitlisted' ? '已报名候补' : '报名成功');
        sessions.reload();
        mine.reload();
      } catch (e) {
        setError(bookingErrorText(e));
      }
    });

  return (
    <View className="sessions">
      <StateView loading={sessions.loading && !sessions.data} error={sessions.error} empty={list.length === 0} emptyText="暂无可报名的参观场次" onRetry={sessions.reload}>
        {list.map((s) => (
          <View key={s.id} className="session">
            <View className="session-info">
              <Text className="line">
                {timeLabel(s.startsAt)}–{clockLabel(s.endsAt)}
              </Text>
              <Text className={s.remaining > 0 ? 'remaining' : 'remaining remaining-none'}>
                {s.remaining > 0 ? `剩余 ${s.remaining} 个名额` : '名额已满，可候补'}
                <Text className="muted">
                  {' '}
                  / 共 {s.capacity} 人{s.waitlisted > 0 ? ` · ${s.waitlisted} 人候补中` : ''}
                </Text>
              </Text>
            </View>
            {mine.forSession(s.id) ? (
              <BookedButton booking={mine.forSession(s.id)!} />
            ) : Date.parse(s.startsAt) <= Date.now() ? (
              <Button className="btn btn-off btn-inline" disabled>
                已开始
              </Button>
            ) : (
              <Button className="btn btn-primary btn-inline" onClick={() => open(s)}>
                {s.remaining > 0 ? '立即报名' : '报名候补'}
              </Button>
            )}
          </View>
        ))}
      </StateView>
      {picked && (
        <Sheet onClose={() => setPicked(null)}>
          {!loggedIn ? (
            <LoginForm hint="登录后即可报名参观" />
          ) : booking ? (
            <View>
              {booking.status === 'waitlisted' ? (
                <Notice kind="info">
                  名额不够，您已进入候补名单。有人取消后会按报名先后自动为您递补，请留意「我的」中的状态。
                </Notice>
              ) : (
                <Notice kind="ok">报名成功！请按时到达</Notice>
              )}
              {booking.status === 'confirmed' && (
                <Voucher code={booking.code} title="工作室参观凭证" lines={[studio.name, `${timeLabel(picked.startsAt)} · ${booking.partySize} 人`]} />
              )}
              <SubscribeButton />
              <View className="row">
                <Button className="btn btn-plain" onClick={() => openPage('/pages/mine/index')}>
                  查看我的预约
                </Button>
                <Button className="btn btn-plain" onClick={() => setPicked(null)}>
                  关闭
                </Button>
              </View>
            </View>
          ) : (
            <View>
              <Text className="card-title">确认报名参观</Text>
              <Text className="line">{studio.name}</Text>
              <Text className="line">{timeLabel(picked.startsAt)}–{clockLabel(picked.endsAt)}</Text>
              <Text className="line">地址：{studio.address}</Text>
              <View className="row-between">
                <Text className="line">参观人数（1–5 人）</Text>
                <Stepper value={party} min={PARTY_SIZE.min} max={PARTY_SIZE.max} onChange={setParty} />
              </View>
              {party > picked.remaining && (
                <Notice kind="info">剩余名额不够 {party} 人，提交后将进入候补，有人取消后按先后递补。</Notice>
              )}
              {error && <Notice kind="error">{error}</Notice>}
              <View className="row">
                <Button className="btn btn-primary" loading={busy} disabled={busy} onClick={confirm}>
                  确认报名
                </Button>
                <Button className="btn btn-plain" onClick={() => setPicked(null)}>
                  再想想
                </Button>
              </View>
            </View>
          )}
        </Sheet>
      )}
    </View>
  );
}
