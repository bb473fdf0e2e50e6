import { useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text, Button } from '@tarojs/components';
import Sheet from './Sheet';
import { AGREE_BUTTON_ID, purposeOf, registerSheet, settlePrivacy } from '../services/privacy';

/**
 * The consent sheet WeChat's privacy check waits for (services/privacy.ts). Put one on each page that
 * can call a protected API; it shows only when the base library asks. Renders nothing on h5.
 */
export default function PrivacyConsent() {
  if (process.env.TARO_ENV !== 'weapp') return null;
  return <WeappConsent />;
}

function WeappConsent() {
  const { path } = useRouter();
  const [referrer, setReferrer] = useState<string | null>(null);
  const open = useRef(false);
  open.current = referrer !== null;
  useEffect(() => registerSheet(path, setReferrer), [path]);
  // a page closed with the sheet open: the waiting call fails instead of hanging
  useEffect(() => () => void (open.current && settlePrivacy(false)), []);
  if (referrer === null) return null;
  const answer = (agreed: boolean) => {
    settlePrivacy(agreed);
    setReferrer(null);
  };
  return (
    <Sheet onClose={() => answer(false)}>
      <View className="card">
        <Text className="card-title">隐私保护提示</Text>
        <Text className="line">为了{purposeOf(referrer)}，需要先征得您的同意。</Text>
        <Text className="muted">我们只收集预约所需的姓名、手机号和您填写的咨询问题，不用于其他目的；您可随时在「我的」中清除。</Text>
        <Text className="link" onClick={() => Taro.navigateTo({ url: '/pages/privacy/index' })}>
          查看《工友驿站隐私保护指引》
        </Text>
        <Button id={AGREE_BUTTON_ID} className="btn btn-primary" openType="agreePrivacyAuthorization" onAgreePrivacyAuthorization={() => answer(true)}>
          同意并继续
        </Button>
        <Button className="btn btn-plain" onClick={() => answer(false)}>
          不同意
        </Button>
      </View>
    </Sheet>
  );
}
