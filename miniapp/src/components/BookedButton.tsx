import Taro from '@tarojs/taro';
import { Button } from '@tarojs/components';
import type { BookingView } from '../../../shared/schemas/index';
import { voucherUrl } from '../services/params';

/** In place of 立即预约 when the worker already holds this booking: straight to its voucher. */
export default function BookedButton({ booking }: { booking: Pick<BookingView, 'id' | 'status'> }) {
  return (
    <Button className="btn btn-inline btn-booked" onClick={() => Taro.navigateTo({ url: voucherUrl(booking.id) })}>
      {booking.status === 'waitlisted' ? '候补中 · 查看' : '已预约 · 查看核销码'}
    </Button>
  );
}
