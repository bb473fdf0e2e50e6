import { useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import { TextInput, TextArea } from '../../components/Field';
import { api, errorText } from '../../services/api';
import Notice from '../../components/Notice';
import StaffGate from '../components/StaffGate';
import { useBusy } from '../../hooks/useBusy';

export default function PublishNotice() {
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [link, setLink] = useState('');
  const { busy, run } = useBusy();
  const [msg, setMsg] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  async function publish() {
    if (!title.trim() || !body.trim()) return setMsg({ kind: 'error', text: '请填写标题和内容' });
    try {
      await api.publishNotice({ title: title.trim(), body: body.trim(), link: link.trim() || undefined });
      setMsg({ kind: 'ok', text: '通知已发布，会员可在「通知」中看到' });
      setTitle('');
      setBody('');
      setLink('');
    } catch (e) {
      setMsg({ kind: 'error', text: errorText(e) });
    }
  }

  return (
    <StaffGate>
      <View className="page">
        <Text className="label">标题</Text>
        <TextInput className="input" placeholder="通知标题" maxlength={60} value={title} onChange={setTitle} />
        <Text className="label">内容</Text>
        <TextArea className="textarea" placeholder="通知内容" maxlength={2000} value={body} onChange={setBody} />
        <Text className="label">链接（可选）</Text>
        <TextInput className="input" placeholder="如 pages/meals/index" value={link} onChange={setLink} />
        {msg && <Notice kind={msg.kind}>{msg.text}</Notice>}
        <Button className="btn btn-primary" loading={busy} disabled={busy} onClick={() => run(publish)}>
          发布通知
        </Button>
      </View>
    </StaffGate>
  );
}
