import { useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import { TextInput } from '../../components/Field';
import { api, errorText, AdminKind } from '../../services/api';
import Notice from '../../components/Notice';
import StateView from '../../components/StateView';
import { useBusy } from '../../hooks/useBusy';

export interface Field {
  key: string;
  label: string;
  placeholder?: string;
  number?: boolean;
}

interface Props<T extends { id: string }> {
  kind: AdminKind;
  fields: Field[];
  items: T[];
  loading: boolean;
  error: string | null;
  describe: (item: T) => string;
  /** Turns the typed strings into the create body; returns an error sentence when incomplete. */
  toBody: (v: Record<string, string>) => unknown | string;
  /** The form's strings for an existing item (default: the item's fields of the same names). */
  toValues?: (item: T) => Record<string, string>;
  onChanged: () => void;
}

function sameNamedValues<T>(item: T, fields: Field[]): Record<string, string> {
  const rec = item as Record<string, unknown>;
  return Object.fromEntries(fields.map((f) => [f.key, rec[f.key] === undefined || rec[f.key] === null ? '' : String(rec[f.key])]));
}

/** A list of one kind of catalogue entity: add, edit (修改) and delete with a confirmation. */
export default function AdminSection<T extends { id: string }>(p: Props<T>) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const { busy, run } = useBusy();
  const [msg, setMsg] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  function edit(item: T) {
    setEditing(item.id);
    setValues(p.toValues ? p.toValues(item) : sameNamedValues(item, p.fields));
    setMsg(null);
  }

  function stopEditing() {
    setEditing(null);
    setValues({});
  }

  async function save() {
    const missing = p.fields.find((f) => !values[f.key]?.trim() && !f.placeholder?.includes('可选'));
    if (missing) return setMsg({ kind: 'error', text: `请填写${missing.label}` });
    const body = p.toBody(values);
    if (typeof body === 'string') return setMsg({ kind: 'error', text: body });
    try {
      if (editing) await api.adminUpdate(p.kind, editing, body);
      else await api.adminCreate(p.kind, body);
      setMsg({ kind: 'ok', text: editing ? '已保存修改' : '已添加' });
      stopEditing();
      p.onChanged();
    } catch (e) {
      setMsg({ kind: 'error', text: errorText(e) });
    }
  }

  async function remove(id: string) {
    setConfirming(null);
    try {
      await api.adminDelete(p.kind, id);
      if (editing === id) stopEditing();
      p.onChanged();
    } catch (e) {
      setMsg({ kind: 'error', text: errorText(e) });
    }
  }

  return (
    <View>
      <StateView loading={p.loading} error={p.error} empty={p.items.length === 0} emptyText="还没有记录">
        {p.items.map((it) => (
          <View key={it.id} className="card">
            <Text className="line admin-item">{p.describe(it)}</Text>
            {confirming === it.id ? (
              <View className="confirm">
                <Text>确定删除吗？已有的预约会被取消。</Text>
                <View className="row">
                  <Button className="btn btn-danger btn-inline" onClick={() => remove(it.id)}>
                    确认删除
                  </Button>
                  <Button className="btn btn-plain btn-inline" onClick={() => setConfirming(null)}>
                    不删除
                  </Button>
                </View>
              </View>
            ) : (
              <View className="row">
                <Button className="btn btn-plain btn-inline" onClick={() => edit(it)}>
                  修改
                </Button>
                <Button className="btn btn-plain btn-inline btn-danger-text" onClick={() => setConfirming(it.id)}>
                  删除
                </Button>
              </View>
            )}
          </View>
        ))}
      </StateView>
      <View className="card">
        <Text className="card-title">{editing ? '修改' : '新增'}</Text>
        {p.fields.map((f) => (
          <View key={f.key}>
            <Text className="label">{f.label}</Text>
            <TextInput
              className="input"
              placeholder={f.placeholder ?? f.label}
              type={f.number ? 'number' : 'text'}
              value={values[f.key] ?? ''}
              onChange={(v) => setValues({ ...values, [f.key]: v })}
            />
          </View>
        ))}
        {msg && <Notice kind={msg.kind}>{msg.text}</Notice>}
        <Button className="btn btn-primary" loading={busy} disabled={busy} onClick={() => run(save)}>
          {editing ? '保存修改' : '添加'}
        </Button>
        {editing && (
          <Button className="btn btn-plain" onClick={stopEditing}>
            取消修改
          </Button>
        )}
      </View>
    </View>
  );
}
