import { View, Text, Button } from '@tarojs/components';
import type { MealStationView } from '../../../shared/schemas/index';
import { stationClosed, today } from '../services/dates';

interface Props {
  station: MealStationView;
  /** The date being booked; today after closing time cannot be booked any more. */
  date?: string;
  highlight?: boolean;
  onBook: (s: MealStationView) => void;
}

export default function StationCard({ station: s, date, highlight, onBook }: Props) {
  // staff closed the station that date (issue 10): said instead of 「名额已满」
  const paused = !!s.closedReason;
  const full = !paused && s.remaining <= 0;
  const closed = !!date && date === today() && stationClosed(date, s.hours);
  const off = paused || full || closed;
  return (
    <View className={`card station ${highlight ? 'card-highlight' : ''}`}>
      <View className="row-between">
        <Text className="card-title">{s.name}</Text>
        <Text className="tag">{s.district}</Text>
      </View>
      <Text className="line">地址：{s.address}</Text>
      <Text className="line">供餐时间：{s.hours}</Text>
      <View className="row-between">
        <Text className={full || paused ? 'remaining remaining-none' : 'remaining'}>
          {paused ? `${date && date !== today() ? '当天' : '今日'}暂停供餐` : full ? '名额已满' : `剩余 ${s.remaining} 份`}
          <Text className="muted"> / 共 {s.dailyQuota} 份</Text>
        </Text>
        <Button className={`btn btn-inline ${off ? 'btn-off' : 'btn-primary'}`} disabled={off} onClick={() => onBook(s)}>
          {paused ? '暂停供餐' : closed ? '已打烊' : full ? '已约满' : '立即预约'}
        </Button>
      </View>
      {paused && <Text className="line station-paused">{date && date !== today() ? '当天' : '今日'}暂停供餐：{s.closedReason}</Text>}
      {closed && !paused && <Text className="muted">今日已打烊，可预约明天</Text>}
    </View>
  );
}
