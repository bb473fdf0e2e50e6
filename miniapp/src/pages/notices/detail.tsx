import { useShareAppMessage } from '@tarojs/taro';
import { View, Text, Button } from '@tarojs/components';
import { api } from '../../services/api';
import { useAsync } from '../../hooks/useAsync';
import { usePageParams } from '../../services/params';
import { timeLabel } from '../../services/dates';
import StateView from '../../components/StateView';
import { useTextSize } from '../../hooks/useTextSize';
import PrivacyConsent from '../../components/PrivacyConsent';
import { openPage } from '../../services/nav';

export default function NoticeDetail() {
  const textSize = useTextSize();
  const { id } = usePageParams();
  const notices = useAsync(() => api.notice(id ?? ''), [id]);
  const notice = notices.data?.notice;
  useShareAppMessage(() => ({
    title: notice?.title ?? '工友驿站通知',
    path: `/pages/notices/detail?id=${encodeURIComponent(id ?? '')}`,
  }));
  return (
    <View className={`page ${textSize}`}>
      <PrivacyConsent />
      <StateView loading={notices.loading} error={notices.error} empty={!notice} emptyText="这条通知不存在或已撤下" onRetry={notices.reload}>
        {notice && (
          <View className="card">
            <Text className="notice-title">{notice.title}</Text>
            <Text className="muted">
              {timeLabel(notice.createdAt)}
              {notice.authorName ? ` · ${notice.authorName}` : ''}
            </Text>
            <Text className="notice-body">{notice.body}</Text>
            {notice.link && (
              <Button className="btn btn-primary" onClick={() => openPage(notice.link!)}>
                去看看
              </Button>
            )}
          </View>
        )}
      </StateView>
      <Button className="btn btn-plain" onClick={() => openPage('/pages/notices/index')}>
        全部通知
      </Button>
    </View>
  );
}
