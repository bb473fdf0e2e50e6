import { useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import { TextInput } from '../../components/Field';
import { REASON_MAX } from '../../../../shared/domain';
import { api } from '../../services/api';
import { useAsync } from '../../hooks/useAsync';
import { addDays, today } from '../../services/dates';
import Chips from '../../components/Chips';
import NoticeBox from '../../components/Notice';
import Sheet from '../../components/Sheet';
import StaffGate from '../components/StaffGate';
import { DateField, problemOf, ProblemNote, type Problem } from '../components/office';
import { useBusy } from '../../hooks/useBusy';
import { useTextSize } from '../../hooks/useTextSize';

/** Close a station for one date: its bookings are cancelled and the workers told why. */
export default function Closure() {
  return (
    <StaffGate>
      <ClosureBody />
    </StaffGate>
  );
}

function ClosureBody() {
  const textSize = useTextSize();
  const [date, setDate] = useState(today());
  const [stationId, setStationId] = useState('');
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const { busy, run } = useBusy();
  const [ok, setOk] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const stations = useAsync(() => api.stations(date), [date]);
  const station = stations.data?.stations.find((s) => s.id === stationId);

  function ask() {
    setOk(null);
    setProblem(null);
    if (!stationId) return setProblem({ code: 'EMPTY', text: '请选择服务站' });
    if (!reason.trim()) return setProblem({ code: 'EMPTY', text: '请写明暂停供餐的原因，工友会看到' });
    setConfirming(true);
  }

  async function close() {
    await run(async () => {
      try {
        const r = await api.closeStation(stationId, { date, reason: reason.trim() });
        setOk(`${station?.name ?? '服务站'} ${date} 已暂停供餐，取消了 ${r.cancelled} 份预约，已告知这些工友。`);
        setReason('');
        stations.reload();
      } catch (e) {
        setProblem(problemOf(e));
      } finally {
        setConfirming(false);
      }
    });
  }

  return (
    <View className={`page staff-page ${textSize}`}>
      <Text className="section-title">服务站暂停供餐</Text>
      <DateField label="日期" value={date} onChange={setDate} start={today()} end={addDays(today(), 30)} />
      <Text className="label">服务站</Text>
      <Chips
        options={(stations.data?.stations ?? []).map((s) => ({ value: s.id, label: s.closedReason ? `${s.name}（已停餐）` : s.name }))}
        value={stationId}
        onChange={setStationId}
      />
      {station?.closedReason && <NoticeBox kind="info">这一天已暂停供餐：{station.closedReason}</NoticeBox>}
      <Text className="label">原因（工友会看到「今日暂停供餐：原因」）</Text>
      <TextInput className="input" placeholder="暂停供餐原因" maxlength={REASON_MAX} value={reason} onChange={setReason} />
      <ProblemNote problem={problem} />
      {ok && <NoticeBox kind="ok">{ok}</NoticeBox>}
      <Button className="btn btn-primary" disabled={busy} onClick={ask}>
        暂停这一天的供餐
      </Button>
      {confirming && (
        <Sheet onClose={() => setConfirming(false)}>
          <Text className="card-title">
            {station?.name} {date} 暂停供餐？
          </Text>
          <Text className="line">这一天已有的 {station ? station.dailyQuota - station.remaining : 0} 份预约会被取消，工友会在「我的」里看到原因；当天不能再预约。</Text>
          <Button className="btn btn-primary" disabled={busy} onClick={close}>
            确认暂停
          </Button>
          <Button className="btn btn-plain" onClick={() => setConfirming(false)}>
            不暂停
          </Button>
        </Sheet>
      )}
    </View>
  );
}
