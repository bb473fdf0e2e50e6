import { useState } from 'react';
import { useShareAppMessage } from '@tarojs/taro';
import { View, Text, Button } from '@tarojs/components';
import { api } from '../../services/api';
import { useAsync } from '../../hooks/useAsync';
import { usePageParams, pageUrl } from '../../services/params';
import StateView from '../../components/StateView';
import StudioSessions from '../../components/StudioSessions';
import { useTextSize } from '../../hooks/useTextSize';
import PrivacyConsent from '../../components/PrivacyConsent';
import { usePullRefresh } from '../../hooks/usePullRefresh';

export default function Studios() {
  const textSize = useTextSize();
  const params = usePageParams();
  const [open, setOpen] = useState<string | undefined>(params.studio);
  const studios = useAsync(() => api.studios(), []);
  usePullRefresh(studios.reload);
  useShareAppMessage(() => ({
    title: '劳模工匠创新工作室参观报名',
    path: pageUrl('pages/studios/index', { studio: open }),
  }));
  const list = (studios.data?.studios ?? [])
    .slice()
    .sort((a, b) => Number(b.id === params.studio) - Number(a.id === params.studio));

  return (
    <View className={`page ${textSize}`}>
      <PrivacyConsent />
      <Text className="muted">走进劳模工匠创新工作室，每次可报名 1–5 人</Text>
      <StateView loading={studios.loading} error={studios.error} empty={list.length === 0} emptyText="暂时没有开放参观的工作室" onRetry={studios.reload}>
        {list.map((s) => (
          <View key={s.id} className={`card studio ${s.id === params.studio ? 'card-highlight' : ''}`}>
            <View className="row-between">
              <Text className="card-title">{s.name}</Text>
              <Text className="tag">{s.field}</Text>
            </View>
            <Text className="line">
              {s.leaderTitle} {s.leader}
            </Text>
            <Text className="line">{s.company}</Text>
            <Text className="line">地址：{s.address}</Text>
            <Text className="muted">{s.description}</Text>
            <Button className="btn btn-plain" onClick={() => setOpen(open === s.id ? undefined : s.id)}>
              {open === s.id ? '收起场次' : '查看参观场次'}
            </Button>
            {open === s.id && <StudioSessions studio={s} />}
          </View>
        ))}
      </StateView>
    </View>
  );
}
