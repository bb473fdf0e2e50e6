import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { Booking, BookingView } from '../../../../shared/schemas/index';
import { api, errorText } from '../../services/api';
import { useAsync } from '../../hooks/useAsync';
import { useSession } from '../../hooks/useSession';
import { isStaff } from '../../../../shared/domain';
import Chips from '../../components/Chips';
import StateView from '../../components/StateView';
import BookingCard, { bookingLines, cancelledForMember } from '../../components/BookingCard';
import LoginForm from '../../components/LoginForm';
import Profile from '../../components/Profile';
import Notice from '../../components/Notice';
import MineSettings from '../../components/MineSettings';
import PrivacyConsent from '../../components/PrivacyConsent';
import { useTextSize } from '../../hooks/useTextSize';
import { usePullRefresh } from '../../hooks/usePullRefresh';
import { toastDone, toastText, withLoading } from '../../services/feedback';

/** 待使用: confirmed or waitlisted, still to come; 已使用/已结束: checked in or over; 已取消. */
const TABS = [
  { value: 'upcoming', label: '待使用' },
  { value: 'past', label: '已使用/已结束' },
  { value: 'cancelled', label: '已取消' },
];

const EMPTY: Record<string, string> = {
  upcoming: '没有待使用的预约，去首页看看爱心餐和法律咨询吧',
  past: '还没有用过的预约',
  cancelled: '没有取消的预约',
};

export default function Mine() {
  const { user, loggedIn } = useSession();
  const textSize = useTextSize();
  const [tab, setTab] = useState('upcoming');
  const [msg, setMsg] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const bookings = useAsync(() => (loggedIn ? api.myBookings() : Promise.resolve({ bookings: [] as BookingView[] })), [loggedIn]);
  // Each booking comes with its phase and until when it can be cancelled: no station list needed.
  useDidShow(() => loggedIn && bookings.reload());
  usePullRefresh(bookings.reload);
  const list = (bookings.data?.bookings ?? [])
    .filter((b) => b.phase === tab)
    .sort((a, b) => (tab === 'upcoming' ? 1 : -1) * (whenOf(a) - whenOf(b)));
  const cancelledForYou = cancelledForMember(bookings.data?.bookings ?? []);

  async function cancel(b: Booking) {
    try {
      await withLoading('正在取消', () => api.cancel(b.id));
      setMsg({ kind: 'ok', text: '已取消预约，名额已让给其他工友' });
      toastDone('已取消');
    } catch (e) {
      setMsg({ kind: 'error', text: errorText(e) });
      toastText(errorText(e));
    }
    bookings.reload();
  }

  if (!loggedIn || !user)
    return (
      <View className={`page ${textSize}`}>
        <PrivacyConsent />
        <LoginForm />
        <MineSettings />
        <StaffEntry />
      </View>
    );

  return (
    <View className={`page ${textSize}`}>
      <PrivacyConsent />
      <View className="hero hero-small">
        <Text className="hero-title">{user.name || '工友'}，您好</Text>
        <Text className="hero-sub">{user.phone ?? ''}</Text>
      </View>
      <Text className="section-title">我的预约</Text>
      {tab !== 'cancelled' && cancelledForYou.length > 0 && (
        <View className="msg msg-info cancelled-for-you" onClick={() => setTab('cancelled')}>
          {cancelledForYou.map((b) => (
            <Text key={b.id} className="line">
              {bookingLines(b)[0]}：{b.cancelReason}，预约已取消
            </Text>
          ))}
          <Text className="link">查看已取消的预约</Text>
        </View>
      )}
      <Chips options={TABS} value={tab} onChange={setTab} />
      {msg && <Notice kind={msg.kind}>{msg.text}</Notice>}
      <StateView
        loading={bookings.loading && !bookings.data}
        error={bookings.error}
        empty={list.length === 0}
        emptyText={EMPTY[tab]}
        onRetry={bookings.reload}
      >
        {list.map((b) => (
          <BookingCard key={b.id} booking={b} onCancel={cancel} />
        ))}
      </StateView>
      <Profile user={user} />
      <MineSettings />
      <StaffEntry staff={isStaff(user)} />
    </View>
  );
}

/** When a booking happens, for ordering: the meal date or the session/slot start. */
function whenOf(b: BookingView): number {
  const t = Date.parse(b.startsAt ?? (b.date ? `${b.date}T00:00:00+08:00` : ''));
  return Number.isNaN(t) ? 0 : t;
}

function StaffEntry({ staff }: { staff?: boolean }) {
  return (
    <View className="staff-entry" onClick={() => Taro.navigateTo({ url: '/staff/pages/index' })}>
      <Text className="link">{staff ? '进入工作人员后台' : '工会工作人员登录'}</Text>
    </View>
  );
}
