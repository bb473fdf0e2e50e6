import { useDidShow } from '@tarojs/taro';
import type { BookingView } from '../../../shared/schemas/index';
import { api } from '../services/api';
import { useAsync } from './useAsync';
import { useSession } from './useSession';

/**
 * The worker's bookings still to come (the server's phase), so a station, session or slot can say
 * 「已预约 · 查看核销码」 instead of offering to book again. Reloaded when the page shows again.
 */
export function useMyBookings() {
  const { loggedIn } = useSession();
  const mine = useAsync(() => (loggedIn ? api.myBookings() : Promise.resolve({ bookings: [] as BookingView[] })), [loggedIn]);
  useDidShow(() => loggedIn && mine.reload());
  const upcoming = (mine.data?.bookings ?? []).filter((b) => b.phase === 'upcoming');
  return {
    upcoming,
    reload: mine.reload,
    forStation: (stationId: string, date: string) => upcoming.find((b) => b.service === 'meal' && b.stationId === stationId && b.date === date),
    forSession: (sessionId: string) => upcoming.find((b) => b.service === 'studio' && b.sessionId === sessionId),
  };
}
