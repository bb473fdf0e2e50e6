import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Button, Text } from '@tarojs/components';
import { TextInput } from './Field';
import { api, errorText } from '../services/api';
import { useAsync } from '../hooks/useAsync';
import Notice from './Notice';
import { NAME_MAX } from '../../../shared/domain';

interface Props {
  hint?: string;
  onDone?: () => void;
}

/** weapp: one tap WeChat login. h5: the dev login form when the server allows it. */
export default function LoginForm({ hint = '登录后即可预约和查看我的预约', onDone }: Props) {
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const isWeapp = process.env.TARO_ENV === 'weapp';
  const config = useAsync(() => (isWeapp ? Promise.resolve(null) : api.authConfig()), []);

  async function run(fn: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await fn();
      onDone?.();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  const wechatLogin = () =>
    run(async () => {
      const { code } = await Taro.login();
      await api.wechatLogin(code);
    });

  const devLogin = () => {
    if (!name.trim()) return setError('请填写姓名');
    if (!/^1\d{10}$/.test(phone.trim())) return setError('请输入 11 位手机号');
    return run(() => api.devLogin(name.trim(), phone.trim()));
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
          <TextInput className="input" placeholder="姓名" value={name} maxlength={NAME_MAX} onChange={setName} />
          <TextInput
            className="input"
            placeholder="手机号"
            type="number"
            value={phone}
            maxlength={11}
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
    </View>
  );
}
