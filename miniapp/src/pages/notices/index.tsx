import { useDidShow, useShareAppMessage } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { api } from '../../services/api';
import { useAsync } from '../../hooks/useAsync';
import StateView from '../../components/StateView';
import NoticeList from '../../components/NoticeList';
import { useTextSize } from '../../hooks/useTextSize';
import PrivacyConsent from '../../components/PrivacyConsent';
import { usePullRefresh } from '../../hooks/usePullRefresh';

export default function Notices() {
  const textSize = useTextSize();
  const notices = useAsync(() => api.notices(), []);
  useDidShow(() => notices.reload());
  usePullRefresh(notices.reload);
  useShareAppMessage(() => ({ title: '工友驿站通知', path: '/pages/notices/index' }));
  const list = notices.data?.notices ?? [];
  return (
    <View className={`page ${textSize}`}>
      <PrivacyConsent />
      <StateView loading={notices.loading && !notices.data} error={notices.error} empty={list.length === 0} emptyText="暂时没有通知" onRetry={notices.reload}>
        <NoticeList notices={list} />
      </StateView>
    </View>
  );
}
