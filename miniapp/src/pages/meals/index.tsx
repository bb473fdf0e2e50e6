import { useEffect, useMemo, useState } from 'react';
import { useShareAppMessage } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { MealStationView } from '../../../../shared/schemas/index';
import { MEAL_DAYS_AHEAD_DEFAULT } from '../../../../shared/domain';
import { api } from '../../services/api';
import { useAsync } from '../../hooks/useAsync';
import { useSession } from '../../hooks/useSession';
import { usePageParams, pageUrl } from '../../services/params';
import { addDays, dateLabel, stationClosed, today } from '../../services/dates';
import Chips from '../../components/Chips';
import StateView from '../../components/StateView';
import StationCard, { stationOpen } from '../../components/StationCard';
import { useMyBookings } from '../../hooks/useMyBookings';
import { distanceKm, type Point } from '../../../../shared/geo';
import Taro from '@tarojs/taro';
import Sheet from '../../components/Sheet';
import LoginForm from '../../components/LoginForm';
import MealBooking from '../../components/MealBooking';
import { useTextSize } from '../../hooks/useTextSize';
import PrivacyConsent from '../../components/PrivacyConsent';
import { usePullRefresh } from '../../hooks/usePullRefresh';

export default function Meals() {
  const textSize = useTextSize();
  const params = usePageParams();
  const base = today();
  const config = useAsync(() => api.publicConfigOnce(), []);
  const ahead = config.data?.mealDaysAhead;
  const daysAhead = typeof ahead === 'number' && ahead >= 0 && ahead <= 60 ? Math.floor(ahead) : MEAL_DAYS_AHEAD_DEFAULT; // until /api/config/public says
  const dates = Array.from({ length: daysAhead + 1 }, (_, i) => addDays(base, i));
  const [date, setDate] = useState(params.date && params.date >= base && params.date <= addDays(base, 60) ? params.date : base);
  // A ?date= beyond the server's window falls back to today once the window is known.
  useEffect(() => {
    if (!config.loading && !dates.includes(date)) setDate(base);
  }, [config.loading]);
  const [district, setDistrict] = useState(params.district ?? '');
  const [picked, setPicked] = useState<MealStationView | null>(null);
  const { loggedIn } = useSession();
  const stations = useAsync(() => api.stations(date), [date]);
  const mine = useMyBookings();
  usePullRefresh(stations.reload, mine.reload);
  const [here, setHere] = useState<Point | null>(null);
  const [locating, setLocating] = useState(false);
  // Opened without a date after every station has closed for today: tomorrow is what the worker wants.
  const [movedOn, setMovedOn] = useState(false);
  useEffect(() => {
    if (movedOn || params.date || date !== base || !stations.data || stations.data.date !== base) return;
    const all = stations.data.stations;
    if (all.length > 0 && all.every((s) => stationClosed(base, s.hours))) {
      setMovedOn(true);
      setDate(addDays(base, 1));
    }
  }, [stations.data]);

  async function locate() {
    setLocating(true);
    try {
      // gcj02 on weapp (what WeChat's map and openLocation use); browsers only give wgs84
      const r = await Taro.getLocation({ type: process.env.TARO_ENV === 'h5' ? 'wgs84' : 'gcj02' });
      setHere({ lat: r.latitude, lng: r.longitude });
    } catch {
      Taro.showToast({ title: '未获得位置，按区域显示', icon: 'none' });
    } finally {
      setLocating(false);
    }
  }

  useShareAppMessage(() => ({
    title: '10元爱心餐，提前预约',
    path: pageUrl('pages/meals/index', { station: params.station, date, district }),
  }));

  const all = stations.data?.stations ?? [];
  const districts = useMemo(() => Array.from(new Set(all.map((s) => s.district))), [all]);
  const kmOf = (s: MealStationView) => (here && s.lat != null && s.lng != null ? distanceKm(here, { lat: s.lat, lng: s.lng }) : undefined);
  // The station from a poster QR code first (book in one tap), then those still open, then the nearest.
  const list = all
    .filter((s) => !district || s.district === district)
    .map((s) => ({ s, km: kmOf(s), open: stationOpen(s, date) }))
    .sort(
      (a, b) =>
        Number(b.s.id === params.station) - Number(a.s.id === params.station) ||
        Number(b.open) - Number(a.open) ||
        (a.km ?? Infinity) - (b.km ?? Infinity),
    );

  return (
    <View className={`page ${textSize}`}>
      <PrivacyConsent />
      <Text className="section-title">选择日期</Text>
      <Chips options={dates.map((d) => ({ value: d, label: dateLabel(d, base) }))} value={date} onChange={setDate} />
      {districts.length > 1 && (
        <>
          <Text className="section-title">选择区域</Text>
          <Chips
            options={[{ value: '', label: '全部' }, ...districts.map((d) => ({ value: d, label: d }))]}
            value={district}
            onChange={setDistrict}
          />
        </>
      )}
      <View className="section-head">
        <Text className="section-title">服务站</Text>
        <Text className="link" onClick={() => !locating && locate()}>
          {here ? '已按距离排序' : locating ? '正在定位…' : '离我最近'}
        </Text>
      </View>
      <StateView
        loading={stations.loading}
        error={stations.error}
        empty={list.length === 0}
        emptyText="这一天附近没有开放的服务站，换个日期或区域看看"
        onRetry={stations.reload}
      >
        {list.map(({ s, km }) => (
          <StationCard
            key={s.id}
            station={s}
            date={date}
            km={km}
            highlight={s.id === params.station}
            booked={mine.forStation(s.id, date)}
            onBook={setPicked}
          />
        ))}
      </StateView>
      {picked && (
        <Sheet onClose={() => setPicked(null)}>
          {loggedIn ? (
            <MealBooking station={picked} date={date} onClose={() => setPicked(null)} onBooked={() => (stations.reload(), mine.reload())} />
          ) : (
            <LoginForm hint="登录后即可预约爱心餐" />
          )}
        </Sheet>
      )}
    </View>
  );
}
