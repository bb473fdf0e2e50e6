import { useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import type { Booking, BookingView } from '../../../shared/schemas/index';
import { dateLabel, timeLabel } from '../services/dates';
import Voucher from './Voucher';

export const SERVICE_LABELS: Record<string, string> = { meal: '爱心餐', studio: '工作室参观', legal: '法律咨询' };
export const STATUS_LABELS: Record<string, string> = { confirmed: '已预约', waitlisted: '候补中', cancelled: '已取消' };

/** What a booking is, in one or two lines. */
export function bookingLines(b: Booking & Partial<BookingView>): string[] {
  const lines: string[] = [];
  if (b.service === 'meal') {
    lines.push(`${b.placeName ? `${b.placeName} · ` : ''}${b.date ? dateLabel(b.date) : ''}`);
  } else if (b.service === 'studio') {
    if (b.placeName) lines.push(b.placeName);
    lines.push(`${b.startsAt ? `${timeLabel(b.startsAt)} · ` : ''}${b.partySize ?? 1} 人`);
  } else {
    lines.push(`${b.category ?? ''}${b.startsAt ? ` · ${timeLabel(b.startsAt)}` : ''}${b.placeName ? ` · ${b.placeName}` : ''}`);
  }
  if (b.checkedInAt) lines.push('已核销');
  return lines;
}

interface Props {
  booking: Booking & Partial<BookingView>;
  onCancel?: (b: Booking) => Promise<void>;
}

/** A booking in 我的: status, details, voucher on demand, and 取消预约 with a confirmation step. */
export default function BookingCard({ booking: b, onCancel }: Props) {
  const [showVoucher, setShowVoucher] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const canCancel = b.status !== 'cancelled' && !b.checkedInAt && onCancel;
  const lines = bookingLines(b);

  async function cancel() {
    setBusy(true);
    try {
      await onCancel!(b);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  return (
    <View className={`card booking booking-${b.status}`}>
      <View className="row-between">
        <Text className="card-title">{SERVICE_LABELS[b.service]}</Text>
        <Text className={`tag tag-${b.status}`}>{STATUS_LABELS[b.status]}</Text>
      </View>
      {lines.map((l) => (
        <Text key={l} className="line">
          {l}
        </Text>
      ))}
      {b.status === 'waitlisted' && (
        <Text className="muted">
          {b.waitlistPosition ? `候补第 ${b.waitlistPosition} 位；` : '正在候补；'}有人取消后按报名先后自动递补
        </Text>
      )}
      {b.status === 'confirmed' && (
        <Button className="btn btn-plain" onClick={() => setShowVoucher(!showVoucher)}>
          {showVoucher ? '收起核销码' : '查看核销码'}
        </Button>
      )}
      {showVoucher && b.status === 'confirmed' && (
        <Voucher code={b.code} title={SERVICE_LABELS[b.service]} lines={lines} />
      )}
      {canCancel &&
        (confirming ? (
          <View className="confirm">
            <Text>确定要取消这个预约吗？取消后名额会让给其他工友。</Text>
            <View className="row">
              <Button className="btn btn-danger" loading={busy} disabled={busy} onClick={cancel}>
                确认取消
              </Button>
              <Button className="btn btn-plain" onClick={() => setConfirming(false)}>
                不取消
              </Button>
            </View>
          </View>
        ) : (
          <Button className="btn btn-plain btn-danger-text" onClick={() => setConfirming(true)}>
            取消预约
          </Button>
        ))}
    </View>
  );
}
