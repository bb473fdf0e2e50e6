import { useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import { TextInput } from '../../components/Field';
import { PASSWORD_MIN } from '../../../../shared/domain';
import type { PublicUser } from '../../../../shared/schemas/index';
import { api } from '../../services/api';
import { getUser } from '../../services/session';
import { useAsync } from '../../hooks/useAsync';
import Chips from '../../components/Chips';
import NoticeBox from '../../components/Notice';
import StaffGate from '../components/StaffGate';
import { problemOf, ProblemNote, type Problem } from '../components/office';
import { useBusy } from '../../hooks/useBusy';
import { useTextSize } from '../../hooks/useTextSize';

const ROLE_OPTIONS = [
  { value: 'staff', label: '工作人员' },
  { value: 'legal', label: '法律顾问' },
  { value: 'admin', label: '管理员' },
];
const roleLabel = (r: string) => ROLE_OPTIONS.find((o) => o.value === r)?.label ?? r;

/** Staff accounts (admins only): one per person, so the audit log names who did what. */
export default function Accounts() {
  return (
    <StaffGate>
      <AccountsBody />
    </StaffGate>
  );
}

function AccountsBody() {
  const textSize = useTextSize();
  const list = useAsync(() => api.users(), []);
  const { busy, run } = useBusy();
  const [ok, setOk] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [username, setUsername] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState('staff');
  const [resetting, setResetting] = useState<string | null>(null);
  const [newPassword, setNewPassword] = useState('');
  const me = getUser();

  async function act(fn: () => Promise<unknown>, done: string) {
    setOk(null);
    setProblem(null);
    await run(async () => {
      try {
        await fn();
        setOk(done);
        list.reload();
      } catch (e) {
        setProblem(problemOf(e));
      }
    });
  }

  function add() {
    if (password.length < PASSWORD_MIN) return setProblem({ code: 'EMPTY', text: `密码至少 ${PASSWORD_MIN} 个字符` });
    return act(async () => {
      await api.createUser({ username: username.trim(), password, role, name: name.trim() || undefined });
      setUsername('');
      setName('');
      setPassword('');
    }, `已新建账号 ${username.trim()}`);
  }

  return (
    <View className={`page staff-page ${textSize}`}>
      <Text className="section-title">工作人员账号</Text>
      <ProblemNote problem={problem} />
      {ok && <NoticeBox kind="ok">{ok}</NoticeBox>}
      <StateList users={list.data?.users} loading={list.loading}>
        {(u) => (
          <View key={u.id} className="line-item account-row">
            <View className="line-main">
              <Text className="card-title">
                {u.name ?? u.username} <Text className="muted">{u.username}</Text>
              </Text>
              <Text>
                <Text className="pill">{roleLabel(u.role)}</Text>
                {u.disabled && <Text className="pill pill-off">已停用</Text>}
              </Text>
              {u.id !== me?.id && (
                <Chips options={ROLE_OPTIONS} value={u.role} onChange={(r) => r !== u.role && act(() => api.updateUser(u.id, { role: r }), `已把 ${u.username} 改为${roleLabel(r)}，其登录已失效`)} />
              )}
              {resetting === u.id && (
                <View className="row">
                  <TextInput className="input" placeholder="新密码" type="password" value={newPassword} onChange={setNewPassword} />
                  <Button
                    className="btn btn-primary btn-inline"
                    disabled={busy || newPassword.length < PASSWORD_MIN}
                    onClick={() => act(async () => (await api.updateUser(u.id, { password: newPassword }), setResetting(null), setNewPassword('')), `已重设 ${u.username} 的密码，其登录已失效`)}
                  >
                    保存新密码
                  </Button>
                </View>
              )}
            </View>
            <View className="line-actions">
              <Button className="btn btn-plain btn-inline" onClick={() => (setResetting(u.id), setNewPassword(''))}>
                重设密码
              </Button>
              {u.id !== me?.id && (
                <Button
                  className="btn btn-plain btn-inline"
                  disabled={busy}
                  onClick={() => act(() => api.updateUser(u.id, { disabled: !u.disabled }), u.disabled ? `已启用 ${u.username}` : `已停用 ${u.username}，其登录立即失效`)}
                >
                  {u.disabled ? '启用' : '停用'}
                </Button>
              )}
            </View>
          </View>
        )}
      </StateList>

      <Text className="section-title">新建账号（每人一个）</Text>
      <View className="card">
        <TextInput className="input" placeholder="登录账号（字母、数字）" value={username} onChange={setUsername} />
        <TextInput className="input" placeholder="姓名" value={name} onChange={setName} />
        <TextInput className="input" placeholder={`初始密码（至少 ${PASSWORD_MIN} 个字符）`} type="password" value={password} onChange={setPassword} />
        <Chips options={ROLE_OPTIONS} value={role} onChange={setRole} />
        <Button className="btn btn-primary" disabled={busy || !username.trim()} onClick={add}>
          新建账号
        </Button>
      </View>
    </View>
  );
}

function StateList({ users, loading, children }: { users?: PublicUser[]; loading: boolean; children: (u: PublicUser) => React.ReactNode }) {
  if (!users) return <Text className="muted">{loading ? '正在加载…' : ''}</Text>;
  return <View className="card">{users.map(children)}</View>;
}
