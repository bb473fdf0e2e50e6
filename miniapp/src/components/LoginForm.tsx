import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Button, Text } from '@tarojs/components';
import { TextInput } from './Field';
import { api, errorText } from '../services/api';
import { useAsync } from '../hooks/useAsync';
import Notice from './Notice';
import { useBusy } from '../hooks/useBusy';
import { PHONE_INPUT_MAX, PHONE_MESSAGE, checkName, normalizePhone } from '../../../shared/contact';

interface Props {
  hint?: string;
  onDone?: () => void;
}

/** weapp: one tap WeChat login. h5: the dev login form when the server allows it. */
export default function LoginForm({ hint = '登录后即可预约和查看我的预约', onDone }: Props) {
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const isWeapp = process.env.TARO_ENV === 'weapp';
  const config = useAsync(() => (isWeapp ? Promise.resolve(null) : api.authConfig()), []);

  const { busy, run: guarded } = useBusy();
  const run = (fn: () => Promise<unknown>) =>
    guarded(async () => {
      setError(null);
      try {
        await fn();
        onDone?.();
      } catch (e) {
        setError(errorText(e));
      }
    });

  const wechatLogin = () =>
    run(async () => {
      const { code } = await Taro.login();
      await api.wechatLogin(code);
    });

  const devLogin = () => {
    const n = checkName(name);
    if (!n.ok) return setError(n.message);
    const p = normalizePhone(phone);
    if (!p) return setError(PHONE_MESSAGE);
    return run(() => api.devLogin(n.name, p));
  };

  return (
    <View className="card login">
      <Text className="card-title">请先登录</Text>
      <Text className="muted">{hint}</Text>
      {isWeapp ? (
        <Button className="btn btn-primary" loading={busy} disabled={busy} onClick={wechatLogin}>
          微信一键登录
        </Button>
      ) : config.loading ? (
        <View className="state">正在加载…</View>
      ) : config.data?.devLogin ? (
        <View>
          <TextInput className="input" placeholder="姓名" value={name} onChange={setName} />
          <TextInput
            className="input"
            placeholder="手机号"
            type="tel"
            value={phone}
            maxlength={PHONE_INPUT_MAX}
            onChange={setPhone}
          />
          <Button className="btn btn-primary" loading={busy} disabled={busy} onClick={devLogin}>
            登录
          </Button>
        </View>
      ) : (
        <Notice kind="info">请在微信中打开「工友驿站」小程序登录</Notice>
      )}
      {error && <Notice kind="error">{error}</Notice>}
      <Text className="muted consent-line">
        登录即表示您已阅读并同意
        <Text className="link privacy-link" onClick={() => Taro.navigateTo({ url: '/pages/privacy/index' })}>
          《隐私保护指引》
        </Text>
      </Text>
    </View>
  );
}
