import Taro from '@tarojs/taro';
import { View, Text, Switch } from '@tarojs/components';
import { setLargeText } from '../services/textSize';
import { useTextSize } from '../hooks/useTextSize';

/** 我的: the 大字版 switch and the privacy notice, for everyone, logged in or not. */
export default function MineSettings() {
  const large = useTextSize() !== '';
  return (
    <View className="card settings">
      <View className="row-between setting">
        <View className="setting-text">
          <Text className="card-title">大字版</Text>
          <Text className="muted">放大所有页面的文字和按钮</Text>
        </View>
        <Switch className="large-text-switch" checked={large} color="#c8102e" onChange={(e) => setLargeText(!!e.detail.value)} />
      </View>
      <Text className="link privacy-link" onClick={() => Taro.navigateTo({ url: '/pages/privacy/index' })}>
        隐私保护指引：我们收集什么、保存多久、怎样删除
      </Text>
    </View>
  );
}
