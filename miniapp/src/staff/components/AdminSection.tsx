import { useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import { TextInput } from '../../components/Field';
import { api, errorText, AdminKind } from '../../services/api';
import Notice from '../../components/Notice';
import StateView from '../../components/StateView';

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
  onChanged: () => void;
}

/** A list of one kind of catalogue entity with a create form and delete buttons. */
export default function AdminSection<T extends { id: string }>(p: Props<T>) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  async function create() {
    const missing = p.fields.find((f) => !values[f.key]?.trim() && !f.placeholder?.includes('可选'));
    if (missing) return setMsg({ kind: 'error', text: `请填写${missing.label}` });
    const body = p.toBody(values);
    if (typeof body === 'string') return setMsg({ kind: 'error', text: body });
    setBusy(true);
    try {
      await api.adminCreate(p.kind, body);
      setMsg({ kind: 'ok', text: '已添加' });
      setValues({});
      p.onChanged();
    } catch (e) {
      setMsg({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  }

  async function remove(id: string) {
    try {
      await api.adminDelete(p.kind, id);
      p.onChanged();
    } catch (e) {
      setMsg({ kind: 'error', text: errorText(e) });
    }
  }

  return (
    <View>
      <StateView loading={p.loading} error={p.error} empty={p.items.length === 0} emptyText="还没有记录">
        {p.items.map((it) => (
          <View key={it.id} className="card row-between">
            <Text className="line admin-item">{p.describe(it)}</Text>
            <Button className="btn btn-plain btn-inline btn-danger-text" onClick={() => remove(it.id)}>
              删除
            </Button>
          </View>
        ))}
      </StateView>
      <View className="card">
        <Text className="card-title">新增</Text>
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
        <Button className="btn btn-primary" loading={busy} disabled={busy} onClick={create}>
          添加
        </Button>
      </View>
    </View>
  );
}
