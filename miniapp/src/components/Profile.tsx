import { useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import { TextInput } from './Field';
import type { PublicUser } from '../../../shared/schemas/index';
import { api, errorText, logout } from '../services/api';
import { setUser, clearSession } from '../services/session';
import Notice from './Notice';
import { NAME_MAX } from '../../../shared/domain';

/** Name and phone, editable; logout; erase my data (with a confirmation step). */
export default function Profile({ user }: { user: PublicUser }) {
  const [name, setName] = useState(user.name ?? '');
  const [phone, setPhone] = useState(user.phone ?? '');
  const [msg, setMsg] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [erasing, setErasing] = useState(false);

  async function save() {
    if (!name.trim()) return setMsg({ kind: 'error', text: '请填写姓名' });
    if (!/^1\d{10}$/.test(phone.trim())) return setMsg({ kind: 'error', text: '请输入 11 位手机号' });
    setBusy(true);
    try {
      setUser(await api.updateMe({ name: name.trim(), phone: phone.trim() }));
      setMsg({ kind: 'ok', text: '已保存' });
    } catch (e) {
      setMsg({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  }

  async function erase() {
    setBusy(true);
    try {
      await api.eraseMe();
      clearSession();
    } catch (e) {
      setMsg({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="card">
      <Text className="card-title">个人信息</Text>
      <Text className="label">姓名</Text>
      <TextInput className="input" placeholder="姓名" value={name} maxlength={NAME_MAX} onChange={setName} />
      <Text className="label">手机号</Text>
      <TextInput className="input" placeholder="手机号" type="number" maxlength={11} value={phone} onChange={setPhone} />
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
