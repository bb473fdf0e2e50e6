import Taro from '@tarojs/taro';
import { View, Text, Button } from '@tarojs/components';
import type { BookingView, MealStationView } from '../../../shared/schemas/index';
import { distanceLabel } from '../../../shared/geo';
import { stationClosed, today } from '../services/dates';
import { PhoneLink } from './Phone';
import BookedButton from './BookedButton';

interface Props {
  station: MealStationView;
  /** The date being booked; today after closing time cannot be booked any more. */
  date?: string;
  highlight?: boolean;
  /** The worker's booking here on `date`, if any: then 「已预约 · 查看核销码」 instead of 立即预约. */
  booked?: BookingView;
  /** Kilometres from the worker, when they let the app know where they are. */
  km?: number;
  onBook: (s: MealStationView) => void;
}

/** 「可充电、饮水、货车可停车」 as separate facilities. */
export const facilitiesOf = (notes?: string) =>
  (notes ?? '')
    .split(/[、，,；;\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** Whether a station can still be booked on `date` (not paused, not full, not closed for today). */
export function stationOpen(s: MealStationView, date: string, now = Date.now()): boolean {
  return !s.closedReason && s.remaining > 0 && !(date === today(now) && stationClosed(date, s.hours, now));
}

export default function StationCard({ station: s, date, highlight, booked, km, onBook }: Props) {
  // staff closed the station that date: said instead of 「名额已满」
  const paused = !!s.closedReason;
  const full = !paused && s.remaining <= 0;
  const closed = !!date && date === today() && stationClosed(date, s.hours);
  const off = paused || full || closed;
  const facilities = facilitiesOf(s.notes ?? undefined);
  // WeChat's own map on weapp; a browser has none, so h5 opens 高德's marker page
  const navigate = () =>
    process.env.TARO_ENV === 'h5'
      ? window.open(`https://uri.amap.com/marker?position=${s.lng},${s.lat}&name=${encodeURIComponent(s.name)}&coordinate=gaode&callnative=1`, '_blank')
      : Taro.openLocation({ latitude: s.lat!, longitude: s.lng!, name: s.name, address: s.address, scale: 17 }).catch(() => undefined);
  return (
    <View className={`card station ${highlight ? 'card-highlight' : ''}`}>
      <View className="row-between">
        <Text className="card-title">{s.name}</Text>
        <Text className="tag">{km !== undefined ? distanceLabel(km) : s.district}</Text>
      </View>
      <Text className="line">地址：{s.address}</Text>
      <Text className="line">供餐时间：{s.hours}</Text>
      {s.phone && (
        <Text className="line">
          电话：<PhoneLink number={s.phone} />
        </Text>
      )}
      {facilities.length > 0 && (
        <View className="facilities">
          {facilities.map((f) => (
            <Text key={f} className="facility">
              {f}
            </Text>
          ))}
        </View>
      )}
      <View className="row-between station-actions">
        <Text className={full || paused ? 'remaining remaining-none' : 'remaining'}>
          {paused ? `${date && date !== today() ? '当天' : '今日'}暂停供餐` : full ? '名额已满' : `剩余 ${s.remaining} 份`}
          <Text className="muted"> / 共 {s.dailyQuota} 份</Text>
        </Text>
        <View className="row">
          {s.lat != null && s.lng != null && (
            <Button className="btn btn-inline btn-plain" onClick={navigate}>
              导航
            </Button>
          )}
          {booked ? (
            <BookedButton booking={booked} />
          ) : (
            <Button className={`btn btn-inline ${off ? 'btn-off' : 'btn-primary'}`} disabled={off} onClick={() => onBook(s)}>
              {paused ? '暂停供餐' : closed ? '已打烊' : full ? '已约满' : '立即预约'}
            </Button>
          )}
        </View>
      </View>
      {paused && <Text className="line station-paused">{date && date !== today() ? '当天' : '今日'}暂停供餐：{s.closedReason}</Text>}
      {closed && !paused && !booked && <Text className="muted">今日已打烊，可预约明天</Text>}
    </View>
  );
}
