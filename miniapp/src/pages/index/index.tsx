import Taro, { useShareAppMessage } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { api } from '../../services/api';
import { useAsync } from '../../hooks/useAsync';
import StateView from '../../components/StateView';
import { openPage } from '../../services/nav';
import NoticeList from '../../components/NoticeList';
import { useTextSize } from '../../hooks/useTextSize';
import PrivacyConsent from '../../components/PrivacyConsent';

const SERVICES = [
  { page: '/pages/meals/index', title: '10元爱心餐', desc: '户外劳动者服务站，热饭热菜，提前预约' },
  { page: '/pages/studios/index', title: '工作室参观', desc: '走进劳模工匠创新工作室，学技术长见识' },
  { page: '/pages/legal/index', title: '法律咨询', desc: '工会律师一对一，欠薪、合同、工伤都能问' },
];

export default function Index() {
  const textSize = useTextSize();
  const notices = useAsync(() => api.notices(), []);
  useShareAppMessage(() => ({ title: '工友驿站：爱心餐、工作室参观、法律咨询', path: '/pages/index/index' }));
  const latest = notices.data?.notices.slice(0, 3) ?? [];
  return (
    <View className={`page ${textSize}`}>
      <PrivacyConsent />
      <View className="hero">
        <Text className="hero-title">工友驿站</Text>
        <Text className="hero-sub">工会为您服务 · 有困难找工会</Text>
      </View>
      {SERVICES.map((s) => (
        <View key={s.page} className="card service" onClick={() => Taro.navigateTo({ url: s.page })}>
          <Text className="service-title">{s.title}</Text>
          <Text className="muted">{s.desc}</Text>
        </View>
      ))}
      <View className="card service service-ask" onClick={() => Taro.navigateTo({ url: '/pages/ask/index' })}>
        <Text className="service-title">问一问</Text>
        <Text className="muted">老板不签合同、拖欠工资怎么办？输入问题，马上告诉您法律怎么说</Text>
      </View>
      <View className="section-head">
        <Text className="section-title">最新通知</Text>
        <Text className="link" onClick={() => openPage('/pages/notices/index')}>
          全部通知
        </Text>
      </View>
      <StateView loading={notices.loading} error={notices.error} empty={latest.length === 0} emptyText="暂时没有通知" onRetry={notices.reload}>
        <NoticeList notices={latest} />
      </StateView>
    </View>
  );
}
