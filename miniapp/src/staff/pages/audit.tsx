import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { AUDIT_ACTION_LABELS, type AuditActionKind } from '../../../../shared/domain';
import { api } from '../../services/api';
import { useAsync } from '../../hooks/useAsync';
import { addDays, today } from '../../services/dates';
import Chips from '../../components/Chips';
import StateView from '../../components/StateView';
import StaffGate from '../components/StaffGate';
import { clock, DateField } from '../components/office';
import { useTextSize } from '../../hooks/useTextSize';

const ACTIONS = [{ value: '', label: '全部' }, ...Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label }))];

/** Who did what and when (admins only). */
export default function Audit() {
  return (
    <StaffGate>
      <AuditBody />
    </StaffGate>
  );
}

function AuditBody() {
  const textSize = useTextSize();
  const [from, setFrom] = useState(addDays(today(), -6));
  const [to, setTo] = useState(today());
  const [action, setAction] = useState('');
  const data = useAsync(() => api.audit({ from, to, action: action || undefined }), [from, to, action]);
  return (
    <View className={`page staff-page ${textSize}`}>
      <Text className="section-title">操作记录</Text>
      <View className="row">
        <DateField label="从" value={from} onChange={setFrom} />
        <DateField label="到" value={to} onChange={setTo} />
      </View>
      <Chips options={ACTIONS} value={action} onChange={setAction} />
      <StateView loading={data.loading} error={data.error} empty={(data.data?.entries.length ?? 0) === 0} emptyText="这段时间没有记录" onRetry={data.reload}>
        <View className="card">
          {data.data?.entries.map((e) => (
            <View key={e.id} className="line-item audit-row">
              <View className="line-main">
                <Text>
                  {clock(e.at)} · {e.actorName ?? e.actorId}
                </Text>
                <Text className="card-title">{AUDIT_ACTION_LABELS[e.action as AuditActionKind] ?? e.action}</Text>
                <Text className="muted">
                  {e.target}
                  {e.detail
                    ? ` · ${Object.entries(e.detail)
                        .filter(([, v]) => v !== null && v !== '')
                        .map(([k, v]) => `${k}: ${v}`)
                        .join('，')}`
                    : ''}
                </Text>
              </View>
            </View>
          ))}
        </View>
      </StateView>
    </View>
  );
}
