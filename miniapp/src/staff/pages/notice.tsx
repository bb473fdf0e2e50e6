import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Button } from '@tarojs/components';
import { TextInput, TextArea } from '../../components/Field';
import { NOTICE_LINKS } from '../../../../shared/domain';
import type { Notice } from '../../../../shared/schemas/index';
import { api, newKey } from '../../services/api';
import { useAsync } from '../../hooks/useAsync';
import Chips from '../../components/Chips';
import NoticeBox from '../../components/Notice';
import Sheet from '../../components/Sheet';
import StaffGate from '../components/StaffGate';
import { clock, problemOf, ProblemNote, type Problem } from '../components/office';
import { useBusy } from '../../hooks/useBusy';
import { useTextSize } from '../../hooks/useTextSize';

const LINK_OPTIONS = [{ value: '', label: '不链接' }, ...NOTICE_LINKS.map((l) => ({ value: l.page, label: l.label }))];
const linkLabel = (page: string | null) => NOTICE_LINKS.find((l) => page?.startsWith(l.page))?.label ?? page ?? '';

export default function PublishNotice() {
  return (
    <StaffGate>
      <Notices />
    </StaffGate>
  );
}

/** Write (with a preview), publish once, then edit or withdraw what was published. */
function Notices() {
  const textSize = useTextSize();
  const [editing, setEditing] = useState<Notice | null>(null);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [link, setLink] = useState('');
  // one key per notice being written: a double tap, or a retry after a lost answer, publishes once
  const [key, setKey] = useState(newKey);
  const { busy, run } = useBusy();
  const [ok, setOk] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [withdrawing, setWithdrawing] = useState<Notice | null>(null);
  const list = useAsync(() => api.notices(), []);

  function reset() {
    setEditing(null);
    setTitle('');
    setBody('');
    setLink('');
    setKey(newKey());
  }

  async function save() {
    setOk(null);
    setProblem(null);
    if (!title.trim() || !body.trim()) return setProblem({ code: 'EMPTY', text: '请填写标题和内容' });
    await run(async () => {
      try {
        if (editing) {
          await api.editNotice(editing.id, { title: title.trim(), body: body.trim(), link: link || null });
          setOk('已保存修改。已经发到工友群里的消息不会跟着改。');
        } else {
          await api.publishNotice({ title: title.trim(), body: body.trim(), link: link || undefined }, key);
          setOk('通知已发布，会员可在「通知」中看到');
        }
        reset();
        list.reload();
      } catch (e) {
        setProblem(problemOf(e));
      }
    });
  }

  async function withdraw(n: Notice) {
    await run(async () => {
      try {
        await api.withdrawNotice(n.id);
        setWithdrawing(null);
        setOk('通知已撤回：「通知」里不再显示，也不会再发到群里；已经发到群里的消息还在，请在群里说明。');
        list.reload();
      } catch (e) {
        setWithdrawing(null);
        setProblem(problemOf(e));
      }
    });
  }

  function edit(n: Notice) {
    setEditing(n);
    setTitle(n.title);
    setBody(n.body);
    setLink(n.link ?? '');
    setOk(null);
    // the form is at the top: bring it into view
    void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined);
  }

  return (
    <View className={`page staff-page ${textSize}`}>
      <Text className="section-title">{editing ? '修改通知' : '发布通知'}</Text>
      <Text className="label">标题</Text>
      <TextInput className="input" placeholder="通知标题" maxlength={60} value={title} onChange={setTitle} />
      <Text className="label">内容</Text>
      <TextArea className="textarea" placeholder="通知内容" maxlength={2000} value={body} onChange={setBody} />
      <Text className="label">点开后去哪一页（可选）</Text>
      <Chips options={LINK_OPTIONS} value={link} onChange={setLink} />
      {(title.trim() || body.trim()) && (
        <View className="card preview">
          <Text className="muted">预览：工友在「通知」里看到的样子</Text>
          <Text className="card-title">{title.trim() || '（标题）'}</Text>
          <Text className="desc">{body.trim() || '（内容）'}</Text>
          {link && <Text className="muted">点开去：{linkLabel(link)}</Text>}
        </View>
      )}
      <ProblemNote problem={problem} />
      {ok && <NoticeBox kind="ok">{ok}</NoticeBox>}
      <Button className="btn btn-primary" loading={busy} disabled={busy} onClick={save}>
        {editing ? '保存修改' : '发布通知'}
      </Button>
      {editing && (
        <Button className="btn btn-plain" onClick={reset}>
          不改了
        </Button>
      )}

      <Text className="section-title">已发布</Text>
      <View className="card">
        {(list.data?.notices.length ?? 0) === 0 ? (
          <Text className="muted">{list.loading ? '正在加载…' : '还没有通知'}</Text>
        ) : (
          list.data!.notices.map((n) => (
            <View key={n.id} className="line-item notice-row">
              <View className="line-main">
                <Text className="card-title">{n.title}</Text>
                <Text className="muted">
                  {clock(n.createdAt)}
                  {n.authorName ? ` · ${n.authorName}` : ''}
                  {n.link ? ` · 链接：${linkLabel(n.link)}` : ''}
                </Text>
              </View>
              <View className="line-actions">
                <Button className="btn btn-plain btn-inline" onClick={() => edit(n)}>
                  修改
                </Button>
                <Button className="btn btn-plain btn-inline" onClick={() => setWithdrawing(n)}>
                  撤回
                </Button>
              </View>
            </View>
          ))
        )}
      </View>
      {withdrawing && (
        <Sheet onClose={() => setWithdrawing(null)}>
          <Text className="card-title">撤回「{withdrawing.title}」？</Text>
          <Text className="line">撤回后「通知」里不再显示，也不会再发到工友群。已经发到群里的消息撤不回，请在群里另行说明。</Text>
          <Button className="btn btn-primary" disabled={busy} onClick={() => withdraw(withdrawing)}>
            确认撤回
          </Button>
          <Button className="btn btn-plain" onClick={() => setWithdrawing(null)}>
            不撤回
          </Button>
        </Sheet>
      )}
    </View>
  );
}
