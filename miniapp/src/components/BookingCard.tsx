import { View, Text, Button } from '@tarojs/components';
import type { Booking, BookingView } from '../../../shared/schemas/index';
import { dateLabel, timeLabel } from '../services/dates';
import { SERVICE_LABELS, STATUS_LABELS } from '../../../shared/domain';
import Taro from '@tarojs/taro';
import { voucherUrl } from '../services/params';
import { useBusy } from '../hooks/useBusy';
import { confirmModal } from '../services/feedback';

export type BookingPhase = BookingView['phase'];
type AnyBooking = Booking & Partial<BookingView>;

/** The server's phase (GET /api/bookings/mine); a bare booking (just made or checked in) is still to come. */
export function bookingPhase(b: AnyBooking): BookingPhase {
  if (b.phase) return b.phase;
  if (b.status === 'cancelled') return 'cancelled';
  return b.checkedInAt ? 'past' : 'upcoming';
}

/** The tag on a card: 已预约 / 候补中 / 已使用 / 已结束 / 已取消. */
export function tagLabel(b: AnyBooking, phase: BookingPhase): string {
  if (b.checkedInAt) return '已使用';
  if (phase === 'past') return b.status === 'waitlisted' ? '未递补' : '已结束';
  return STATUS_LABELS[b.status];
}

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
  // cancelled by staff or a station closure: the worker is told why (「服务站暂停供餐：…」)
  if (b.status === 'cancelled' && b.cancelReason) lines.push(b.cancelReason);
  return lines;
}

/**
 * Bookings the union cancelled for the member (a station closed for the day, staff on their behalf)
 * whose time has not passed yet: 我的 says so on top, so nobody walks to a closed station.
 */
export function cancelledForMember(list: BookingView[], now = Date.now()): BookingView[] {
  return list.filter((b) => b.phase === 'cancelled' && !!b.cancelReason && !!b.endsAt && Date.parse(b.endsAt) > now);
}

interface Props {
  booking: BookingView;
  onCancel?: (b: Booking) => Promise<void>;
}

/** A booking in 我的: status, details, voucher on demand, and 取消预约 after WeChat's confirm dialog. */
export default function BookingCard({ booking: b, onCancel }: Props) {
  const { busy, run } = useBusy();
  const phase = b.phase;
  // the server says until when (shared/booking/rules.ts bookingTimeline); the page only compares
  const canCancel = !!onCancel && !!b.cancellableUntil && Date.now() < Date.parse(b.cancellableUntil);
  // A voucher is for use: not for a visit that is over, nor one already checked in.
  const usable = b.status === 'confirmed' && phase === 'upcoming';
  const lines = bookingLines(b);

  // one guard around the dialog and the request: a second tap opens no second dialog
  const cancel = () =>
    run(async () => {
      const ok = await confirmModal({ title: '取消预约', content: '确定要取消这个预约吗？取消后名额会让给其他工友。', confirmText: '确认取消', cancelText: '不取消' });
      if (ok) await onCancel!(b);
    });

  return (
    <View className={`card booking booking-${b.status}`}>
      <View className="row-between">
        <Text className="card-title">{SERVICE_LABELS[b.service]}</Text>
        <Text className={`tag tag-${b.status}`}>{tagLabel(b, phase)}</Text>
      </View>
      {lines.map((l) => (
        <Text key={l} className="line">
          {l}
        </Text>
      ))}
      {b.status === 'waitlisted' && phase === 'upcoming' && (
        <Text className="muted">
          {b.waitlistPosition ? `候补第 ${b.waitlistPosition} 位；` : '正在候补；'}有人取消后按报名先后自动递补
        </Text>
      )}
      {usable && (
        <Button className="btn btn-plain" onClick={() => Taro.navigateTo({ url: voucherUrl(b.id) })}>
          查看核销码
        </Button>
      )}
      {b.cancellableUntil && phase === 'upcoming' && canCancel && (
        <Text className="muted">{timeLabel(b.cancellableUntil)}前可取消</Text>
      )}
      {usable && !canCancel && onCancel && (
        <Text className="muted">{b.service === 'meal' ? '服务站已开门，不能再取消' : '已经开始，不能再取消'}</Text>
      )}
      {canCancel && (
        <Button className="btn btn-plain btn-danger-text" loading={busy} disabled={busy} onClick={cancel}>
          取消预约
        </Button>
      )}
    </View>
  );
}
