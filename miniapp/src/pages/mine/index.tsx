import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { Booking } from '../../../../shared/schemas/index';
import { api, errorText } from '../../services/api';
import { useAsync } from '../../hooks/useAsync';
import { useSession } from '../../hooks/useSession';
import { isStaff } from '../../services/session';
import Chips from '../../components/Chips';
import StateView from '../../components/StateView';
import BookingCard from '../../components/BookingCard';
import LoginForm from '../../components/LoginForm';
import Profile from '../../components/Profile';
import Notice from '../../components/Notice';
import NavBar from '../../components/NavBar';

const TABS = [
  { value: 'confirmed', label: '已预约' },
  { value: 'waitlisted', label: '候补中' },
  { value: 'cancelled', label: '已取消' },
];

export default function Mine() {
  const { user, loggedIn } = useSession();
  const [tab, setTab] = useState('confirmed');
  const [msg, setMsg] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const bookings = useAsync(() => (loggedIn ? api.myBookings() : Promise.resolve({ bookings: [] as Booking[] })), [loggedIn]);
  useDidShow(() => loggedIn && bookings.reload());
  const list = (bookings.data?.bookings ?? []).filter((b) => b.status === tab);

  async function cancel(b: Booking) {
    try {
      await api.cancel(b.id);
      setMsg({ kind: 'ok', text: '已取消预约，名额已让给其他工友' });
    } catch (e) {
      setMsg({ kind: 'error', text: errorText(e) });
    }
    bookings.reload();
  }

  if (!loggedIn || !user)
    return (
      <View className="page">
        <LoginForm />
        <StaffEntry />
        <NavBar current="pages/mine/index" />
      </View>
    );

  return (
    <View className="page">
      <View className="hero hero-small">
        <Text className="hero-title">{user.name || '工友'}，您好</Text>
        <Text className="hero-sub">{user.phone ?? ''}</Text>
      </View>
      <Text className="section-title">我的预约</Text>
      <Chips options={TABS} value={tab} onChange={setTab} />
      {msg && <Notice kind={msg.kind}>{msg.text}</Notice>}
      <StateView
        loading={bookings.loading && !bookings.data}
        error={bookings.error}
        empty={list.length === 0}
        emptyText={tab === 'confirmed' ? '还没有预约，去首页看看爱心餐和法律咨询吧' : '没有记录'}
        onRetry={bookings.reload}
      >
        {list.map((b) => (
          <BookingCard key={b.id} booking={b} onCancel={cancel} />
        ))}
      </StateView>
      <Profile user={user} />
      <StaffEntry staff={isStaff(user)} />
      <NavBar current="pages/mine/index" />
    </View>
  );
}

function StaffEntry({ staff }: { staff?: boolean }) {
  return (
    <View className="staff-entry" onClick={() => Taro.navigateTo({ url: '/staff/pages/index' })}>
      <Text className="link">{staff ? '进入工作人员后台' : '工会工作人员登录'}</Text>
    </View>
  );
}
