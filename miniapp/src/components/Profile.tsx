import { useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import { TextInput } from './Field';
import type { PublicUser } from '../../../shared/schemas/index';
import { api, errorText, logout } from '../services/api';
import { setUser, clearSession } from '../services/session';
import Notice from './Notice';
import WechatPhoneButton from './WechatPhoneButton';
import { useBusy } from '../hooks/useBusy';
import { PHONE_INPUT_MAX, PHONE_MESSAGE, checkName, normalizePhone } from '../../../shared/contact';

/** Name and phone, editable; logout; erase my data (with a confirmation step). */
export default function Profile({ user }: { user: PublicUser }) {
  const [name, setName] = useState(user.name ?? '');
  const [phone, setPhone] = useState(user.phone ?? '');
  const [msg, setMsg] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const { busy, run } = useBusy();
  const [erasing, setErasing] = useState(false);

  const save = () => {
    const n = checkName(name);
    if (!n.ok) return setMsg({ kind: 'error', text: n.message });
    const p = normalizePhone(phone);
    if (!p) return setMsg({ kind: 'error', text: PHONE_MESSAGE });
    return run(async () => {
      try {
        const u = await api.updateMe({ name: n.name, phone: p });
        setUser(u);
        setPhone(u.phone ?? p);
        setMsg({ kind: 'ok', text: '已保存' });
      } catch (e) {
        setMsg({ kind: 'error', text: errorText(e) });
      }
    });
  };

  const erase = () =>
    run(async () => {
      try {
        await api.eraseMe();
        clearSession();
      } catch (e) {
        setMsg({ kind: 'error', text: errorText(e) });
      }
    });

  return (
    <View className="card">
      <Text className="card-title">个人信息</Text>
      <Text className="label">姓名</Text>
      <TextInput className="input" placeholder="姓名" value={name} onChange={setName} />
      <Text className="label">手机号</Text>
      <TextInput className="input" placeholder="手机号" type="tel" maxlength={PHONE_INPUT_MAX} value={phone} onChange={setPhone} />
      <WechatPhoneButton onPhone={setPhone} />
      {msg && <Notice kind={msg.kind}>{msg.text}</Notice>}
      <View className="row">
        <Button className="btn btn-primary" loading={busy} disabled={busy} onClick={save}>
          保存
        </Button>
        <Button className="btn btn-plain" disabled={busy} onClick={() => logout()}>
          退出登录
        </Button>
      </View>
      {erasing ? (
        <View className="confirm">
          <Text>清除后将删除您的姓名和手机号，并取消所有未使用的预约，且无法恢复。确定清除吗？</Text>
          <View className="row">
            <Button className="btn btn-danger" loading={busy} disabled={busy} onClick={erase}>
              确认清除
            </Button>
            <Button className="btn btn-plain" onClick={() => setErasing(false)}>
              不清除
            </Button>
          </View>
        </View>
      ) : (
        <Text className="link link-danger" onClick={() => setErasing(true)}>
          清除我的数据
        </Text>
      )}
    </View>
  );
}
