import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Button } from '@tarojs/components';
import type { Booking, MealStationView } from '../../../shared/schemas/index';
import { api, ApiError, bookingErrorText } from '../services/api';
import { dateLabel } from '../services/dates';
import Notice from './Notice';
import Voucher from './Voucher';
import SubscribeButton from './SubscribeButton';
import { useBusy } from '../hooks/useBusy';
import { voucherUrl } from '../services/params';
import { toastDone } from '../services/feedback';

interface Props {
  station: MealStationView;
  date: string;
  onClose: () => void;
  onBooked: () => void;
}

/** 确认预约 → voucher, or a sentence that says what to do when it failed. */
export default function MealBooking({ station, date, onClose, onBooked }: Props) {
  const { busy, run } = useBusy();
  const [error, setError] = useState<string | null>(null);
  const [booking, setBooking] = useState<Booking | null>(null);

  const confirm = () =>
    run(async () => {
      setError(null);
      try {
        const r = await api.book({ service: 'meal', stationId: station.id, date });
        setBooking(r.booking);
        toastDone('预约成功');
        onBooked();
      } catch (e) {
        const full = e instanceof ApiError && e.code === 'QUOTA_FULL';
        setError(full ? `${station.name}${dateLabel(date)}的名额已满，请换个日期，或选择附近其他服务站。` : bookingErrorText(e));
        if (full) onBooked();
      }
    });

  if (booking)
    return (
      <View>
        <Notice kind="ok">预约成功！请按时到店用餐</Notice>
        <Voucher code={booking.code} title="爱心餐预约凭证" lines={[station.name, `${dateLabel(date)} · ${station.hours}`, station.address]} />
        <SubscribeButton />
        <View className="row">
          <Button className="btn btn-plain" onClick={() => Taro.navigateTo({ url: voucherUrl(booking.id) })}>
            查看核销码
          </Button>
          <Button className="btn btn-plain" onClick={onClose}>
            关闭
          </Button>
        </View>
      </View>
    );

  return (
    <View>
      <Text className="card-title">确认预约爱心餐</Text>
      <Text className="line">服务站：{station.name}</Text>
      <Text className="line">日期：{dateLabel(date)}</Text>
      <Text className="line">供餐时间：{station.hours}</Text>
      <Text className="line">地址：{station.address}</Text>
      <Text className="muted">每人每天可预约一份，凭核销码到店用餐</Text>
      {error && <Notice kind="error">{error}</Notice>}
      <View className="row">
        <Button className="btn btn-primary" loading={busy} disabled={busy} onClick={confirm}>
          确认预约
        </Button>
        <Button className="btn btn-plain" onClick={onClose}>
          再想想
        </Button>
      </View>
    </View>
  );
}
