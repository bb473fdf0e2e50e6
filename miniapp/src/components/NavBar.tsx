import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';

const ITEMS = [
  { page: 'pages/index/index', label: '首页' },
  { page: 'pages/notices/index', label: '通知' },
  { page: 'pages/mine/index', label: '我的' },
];

/** Bottom navigation between the three everyday pages (no tabBar, so every page keeps its query). */
export default function NavBar({ current }: { current?: string }) {
  return (
    <View className="navbar">
      {ITEMS.map((i) => (
        <View
          key={i.page}
          className={`navbar-item ${i.page === current ? 'navbar-on' : ''}`}
          onClick={() => i.page !== current && Taro.reLaunch({ url: `/${i.page}` })}
        >
          {i.label}
        </View>
      ))}
    </View>
  );
}
