import { useShareAppMessage } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { usePageParams, pageUrl } from '../../services/params';
import LegalForm from '../../components/LegalForm';
import { useTextSize } from '../../hooks/useTextSize';
import PrivacyConsent from '../../components/PrivacyConsent';

export default function Legal() {
  const textSize = useTextSize();
  const params = usePageParams();
  useShareAppMessage(() => ({ title: '工会律师免费法律咨询', path: pageUrl('pages/legal/index', { category: params.category }) }));
  return (
    <View className={`page ${textSize}`}>
      <PrivacyConsent />
      <Text className="muted">工会律师免费解答劳动纠纷问题。每人同一时间可有一个待进行的咨询预约。</Text>
      <LegalForm initialCategory={params.category} />
    </View>
  );
}
