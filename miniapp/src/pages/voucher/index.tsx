import { View, Text, Button } from '@tarojs/components';
import { SERVICE_LABELS } from '../../../../shared/domain';
import { api } from '../../services/api';
import { useAsync } from '../../hooks/useAsync';
import { useSession } from '../../hooks/useSession';
import { usePageParams } from '../../services/params';
import { timeLabel } from '../../services/dates';
import StateView from '../../components/StateView';
import LoginForm from '../../components/LoginForm';
import Voucher from '../../components/Voucher';
import { bookingLines, tagLabel } from '../../components/BookingCard';
import { useTextSize } from '../../hooks/useTextSize';
import PrivacyConsent from '../../components/PrivacyConsent';
import { openPage } from '../../services/nav';

/**
 * One booking's voucher on a page of its own (?id=): code, QR, place, time, address and how to
 * cancel. It loads from the server, so a reload, a screenshot or a link shared to oneself still shows it.
 */
export default function VoucherPage() {
  const textSize = useTextSize();
  const { id = '' } = usePageParams();
  const { loggedIn } = useSession();
  const mine = useAsync(() => (loggedIn ? api.myBookings() : Promise.resolve(null)), [loggedIn]);
  const b = mine.data?.bookings.find((x) => x.id === id);

  if (!loggedIn)
    return (
      <View className={`page ${textSize}`}>
        <PrivacyConsent />
        <LoginForm hint="登录后查看您的核销码" />
      </View>
    );

  return (
    <View className={`page ${textSize}`}>
      <PrivacyConsent />
      <StateView loading={mine.loading && !mine.data} error={mine.error} empty={!b} emptyText="没有找到这个预约，请在「我的」查看" onRetry={mine.reload}>
        {b && (
          <View className="card">
            <View className="row-between">
              <Text className="card-title">{SERVICE_LABELS[b.service]}</Text>
              <Text className={`tag tag-${b.status}`}>{tagLabel(b, b.phase)}</Text>
            </View>
            {b.status === 'confirmed' && b.phase === 'upcoming' ? (
              <Voucher code={b.code} title={`${SERVICE_LABELS[b.service]}预约凭证`} lines={[...bookingLines(b), ...(b.hours ? [`供餐时间 ${b.hours}`] : [])]} />
            ) : (
              bookingLines(b).map((l) => (
                <Text key={l} className="line">
                  {l}
                </Text>
              ))
            )}
            {b.address && <Text className="line">地址：{b.address}</Text>}
            <Text className="muted">
              {b.cancellableUntil
                ? `${timeLabel(b.cancellableUntil)}前可在「我的」取消，名额会让给其他工友`
                : b.phase === 'upcoming'
                  ? '已经开始，不能再取消'
                  : b.phase === 'cancelled'
                    ? '这个预约已取消'
                    : '这个预约已结束'}
            </Text>
          </View>
        )}
      </StateView>
      <Button className="btn btn-plain" onClick={() => openPage('/pages/mine/index')}>
        我的预约
      </Button>
    </View>
  );
}
