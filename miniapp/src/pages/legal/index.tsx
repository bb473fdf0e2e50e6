import { useShareAppMessage } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { usePageParams, pageUrl } from '../../services/params';
import LegalForm from '../../components/LegalForm';

export default function Legal() {
  const params = usePageParams();
  useShareAppMessage(() => ({ title: '工会律师免费法律咨询', path: pageUrl('pages/legal/index', { category: params.category }) }));
  return (
    <View className="page">
      <Text className="muted">工会律师免费解答劳动纠纷问题。每人同一时间可有一个待进行的咨询预约。</Text>
      <LegalForm initialCategory={params.category} />
    </View>
  );
}
