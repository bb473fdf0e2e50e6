import { useEffect, useMemo, useState } from 'react';
import { useShareAppMessage } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { MealStationView } from '../../../../shared/schemas/index';
import { MEAL_DAYS_AHEAD_DEFAULT } from '../../../../shared/domain';
import { api } from '../../services/api';
import { useAsync } from '../../hooks/useAsync';
import { useSession } from '../../hooks/useSession';
import { usePageParams, pageUrl } from '../../services/params';
import { addDays, dateLabel, today } from '../../services/dates';
import Chips from '../../components/Chips';
import StateView from '../../components/StateView';
import StationCard from '../../components/StationCard';
import Sheet from '../../components/Sheet';
import LoginForm from '../../components/LoginForm';
import MealBooking from '../../components/MealBooking';

export default function Meals() {
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

  useShareAppMessage(() => ({
    title: '10元爱心餐，提前预约',
    path: pageUrl('pages/meals/index', { station: params.station, date, district }),
  }));

  const all = stations.data?.stations ?? [];
  const districts = useMemo(() => Array.from(new Set(all.map((s) => s.district))), [all]);
  // The station from a poster QR code comes first, so the worker can book in one tap.
  const list = all
    .filter((s) => !district || s.district === district)
    .sort((a, b) => Number(b.id === params.station) - Number(a.id === params.station));

  return (
    <View className="page">
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
      <StateView
        loading={stations.loading}
        error={stations.error}
        empty={list.length === 0}
        emptyText="这一天附近没有开放的服务站，换个日期或区域看看"
        onRetry={stations.reload}
      >
        {list.map((s) => (
          <StationCard key={s.id} station={s} date={date} highlight={s.id === params.station} onBook={setPicked} />
        ))}
      </StateView>
      {picked && (
        <Sheet onClose={() => setPicked(null)}>
          {loggedIn ? (
            <MealBooking station={picked} date={date} onClose={() => setPicked(null)} onBooked={stations.reload} />
          ) : (
            <LoginForm hint="登录后即可预约爱心餐" />
          )}
        </Sheet>
      )}
    </View>
  );
}
