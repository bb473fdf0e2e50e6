import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { Notice } from '../../../shared/schemas/index';
import { timeLabel } from '../services/dates';

/** Notice titles with their time; tapping one opens its detail page. */
export default function NoticeList({ notices }: { notices: Notice[] }) {
  return (
    <View>
      {notices.map((n) => (
        <View
          key={n.id}
          className="card notice-item"
          onClick={() => Taro.navigateTo({ url: `/pages/notices/detail?id=${encodeURIComponent(n.id)}` })}
        >
          <Text className="card-title">{n.title}</Text>
          <Text className="muted">{timeLabel(n.createdAt)}</Text>
        </View>
      ))}
    </View>
  );
}
