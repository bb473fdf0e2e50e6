import { useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import { TextArea } from '../../components/Field';
import { CONSULTATION_NOTE_MAX, CONSULTATION_OUTCOME_LABELS, LEGAL_MODE_LABELS, type LegalModeKind } from '../../../../shared/domain';
import { api, type Consultation } from '../../services/api';
import { useAsync } from '../../hooks/useAsync';
import StateView from '../../components/StateView';
import StaffGate from '../components/StaffGate';
import { clock, hhmm, problemOf, ProblemNote, type Problem } from '../components/office';
import { useBusy } from '../../hooks/useBusy';
import { useTextSize } from '../../hooks/useTextSize';

/** The lawyer's desk (roles legal and admin): upcoming consultations, each marked done or no-show. */
export default function LegalDesk() {
  return (
    <StaffGate>
      <Desk />
    </StaffGate>
  );
}

function Desk() {
  const textSize = useTextSize();
  const data = useAsync(() => api.consultations(), []);
  return (
    <View className={`page staff-page ${textSize}`}>
      <Text className="section-title">律师工作台</Text>
      <Text className="muted">工友的问题描述和您的备注只有法律顾问和管理员能看到；每次打开都会记入操作记录。</Text>
      <StateView loading={data.loading} error={data.error} empty={(data.data?.consultations.length ?? 0) === 0} emptyText="近期没有预约的咨询" onRetry={data.reload}>
        {data.data?.consultations.map((c) => <ConsultationCard key={c.bookingId} c={c} onSaved={data.reload} />)}
      </StateView>
    </View>
  );
}

function ConsultationCard({ c, onSaved }: { c: Consultation; onSaved: () => void }) {
  const [note, setNote] = useState(c.note ?? '');
  const [problem, setProblem] = useState<Problem | null>(null);
  const { busy, run } = useBusy();
  async function mark(outcome: 'done' | 'no_show') {
    setProblem(null);
    await run(async () => {
      try {
        await api.consultationOutcome(c.bookingId, { outcome, note: note.trim() || undefined });
        onSaved();
      } catch (e) {
        setProblem(problemOf(e));
      }
    });
  }
  return (
    <View className="card consultation">
      <Text className="card-title">
        {clock(c.startsAt)}–{hhmm(c.endsAt)} · {c.mode ? LEGAL_MODE_LABELS[c.mode as LegalModeKind] : ''}
      </Text>
      <Text className="muted">
        {[c.location, c.lawyer].filter(Boolean).join(' · ')}
      </Text>
      <Text>
        {c.memberName ?? '（已注销）'} · {c.phone ?? ''} · {c.category ?? ''}
      </Text>
      <Text className="desc">{c.description ?? ''}</Text>
      {c.outcome && <Text className={`pill ${c.outcome === 'done' ? 'pill-ok' : 'pill-off'}`}>{CONSULTATION_OUTCOME_LABELS[c.outcome]}</Text>}
      <Text className="label">备注（只有您和管理员能看到）</Text>
      <TextArea className="textarea" placeholder="咨询备注" maxlength={CONSULTATION_NOTE_MAX} value={note} onChange={setNote} />
      <ProblemNote problem={problem} />
      <View className="line-actions">
        <Button className="btn btn-primary btn-inline" disabled={busy} onClick={() => mark('done')}>
          已完成
        </Button>
        <Button className="btn btn-plain btn-inline" disabled={busy} onClick={() => mark('no_show')}>
          未到场
        </Button>
      </View>
    </View>
  );
}
