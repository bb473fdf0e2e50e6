import { useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import { TextInput } from '../../components/Field';
import { api, errorText } from '../../services/api';
import { isStaff } from '../../../../shared/domain';
import { useSession } from '../../hooks/useSession';
import { useBusy } from '../../hooks/useBusy';
import Notice from '../../components/Notice';
import './office.css';
import { useTextSize } from '../../hooks/useTextSize';

/** Staff pages render their content only for a staff session; otherwise the staff login form. */
export default function StaffGate({ children }: { children: React.ReactNode }) {
  const textSize = useTextSize();
  const { user } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, run } = useBusy();
  const [error, setError] = useState<string | null>(null);
  if (isStaff(user)) return <>{children}</>;

  async function login() {
    if (!username || !password) return setError('请输入账号和密码');
    setError(null);
    await run(async () => {
      try {
        const u = await api.staffLogin(username.trim(), password);
        if (!isStaff(u)) setError('该账号不是工作人员账号');
      } catch (e) {
        setError(errorText(e));
      }
    });
  }

  return (
    <View className={`page staff-page ${textSize}`}>
      <View className="card">
        <Text className="card-title">工作人员登录</Text>
        {user && <Text className="muted">当前登录的是会员账号，请使用工作人员账号登录</Text>}
        <TextInput className="input" placeholder="账号" value={username} onChange={setUsername} />
        <TextInput className="input" placeholder="密码" type="password" value={password} onChange={setPassword} />
        {error && <Notice kind="error">{error}</Notice>}
        <Button className="btn btn-primary" loading={busy} disabled={busy} onClick={login}>
          登录后台
        </Button>
      </View>
    </View>
  );
}
