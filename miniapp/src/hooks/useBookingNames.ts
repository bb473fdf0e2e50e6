import type { Booking } from '../../../shared/schemas/index';
import { api } from '../services/api';
import { addDays, today } from '../services/dates';
import { useAsync } from './useAsync';
import type { BookingNames } from '../components/BookingCard';

/**
 * Bookings carry only ids; this looks up station names, session studio + time and slot times so
 * 我的 can say where and when. Studio sessions are fetched only when there is a studio booking.
 */
export function useBookingNames(bookings: Booking[] | undefined): BookingNames {
  const needStudios = !!bookings?.some((b) => b.service === 'studio');
  const needSlots = !!bookings?.some((b) => b.service === 'legal');
  const stations = useAsync(() => api.stations(), []);
  const sessions = useAsync(async () => {
    if (!needStudios) return {};
    const { studios } = await api.studios();
    const lists = await Promise.all(studios.map((s) => api.sessions(s.id).then((r) => ({ s, list: r.sessions }))));
    const out: Record<string, { studioName: string; startsAt: string }> = {};
    for (const { s, list } of lists) for (const x of list) out[x.id] = { studioName: s.name, startsAt: x.startsAt };
    return out;
  }, [needStudios]);
  const slots = useAsync(async () => {
    if (!needSlots) return {};
    const from = addDays(today(), -7);
    const { slots: list } = await api.legalSlots(from, addDays(from, 90));
    return Object.fromEntries(list.map((x) => [x.id, { startsAt: x.startsAt }]));
  }, [needSlots]);
  return {
    stations: Object.fromEntries((stations.data?.stations ?? []).map((s) => [s.id, s.name])),
    sessions: sessions.data ?? {},
    slots: slots.data ?? {},
  };
}
