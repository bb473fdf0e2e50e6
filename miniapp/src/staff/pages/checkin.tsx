import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Button } from '@tarojs/components';
import { TextInput } from '../../components/Field';
import type { BookingView } from '../../../../shared/schemas/index';
import { api, newKey, type CheckInLine } from '../../services/api';
import { bookingLines } from '../../components/BookingCard';
import { SERVICE_LABELS } from '../../../../shared/domain';
import { useAsync } from '../../hooks/useAsync';
import { usePageParams } from '../../services/params';
import Chips from '../../components/Chips';
import StaffGate from '../components/StaffGate';
import { hhmm, problemOf, ProblemNote, type Problem } from '../components/office';
import { useBusy } from '../../hooks/useBusy';
import { useTextSize } from '../../hooks/useTextSize';
import PrivacyConsent from '../../components/PrivacyConsent';

type Result = { ok: true; booking: BookingView; memberName: string | null; repeat: boolean } | { ok: false; problem: Problem };

/** The counter's station, remembered on this device (a counter checks in for its own station). */
const STATION_KEY = 'staff.counterStation';

export default function Checkin() {
  return (
    <StaffGate>
      <Counter />
    </StaffGate>
  );
}

function Counter() {
  const textSize = useTextSize();
  const params = usePageParams();
  const [code, setCode] = useState('');
  const [stationId, setStationIdState] = useState<string>(() => params.station ?? (Taro.getStorageSync(STATION_KEY) as string) ?? '');
  const { busy, run } = useBusy();
  const [result, setResult] = useState<Result | null>(null);
  const [undoProblem, setUndoProblem] = useState<Problem | null>(null);
  const stations = useAsync(() => api.stations(), []);
  const today = useAsync(() => api.myCheckins(), []);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(t);
  }, []);

  function setStationId(id: string) {
    setStationIdState(id);
    Taro.setStorageSync(STATION_KEY, id);
  }

  async function check(value: string) {
    const c = value.replace(/[\s-]/g, '');
    // a second tap on 核销 after a success (the field was cleared): the success stays on screen
    if (!c && result?.ok) return;
    if (!c) return setResult({ ok: false, problem: { code: 'EMPTY', text: '请输入核销码' } });
    await run(async () => {
      try {
        // a key per scan: a retried request (bad network) is answered once
        const r = await api.counterCheckin(c, stationId || undefined, newKey());
        setResult({ ok: true, booking: r.booking, memberName: r.memberName ?? null, repeat: !!r.repeat });
        setCode('');
        today.reload();
      } catch (e) {
        setResult({ ok: false, problem: problemOf(e) });
      }
    });
  }

  async function scan() {
    try {
      const r = await Taro.scanCode({ onlyFromCamera: true });
      await check(r.result);
    } catch {
      /* the staff member closed the scanner */
    }
  }

  async function undo(line: CheckInLine) {
    setUndoProblem(null);
    await run(async () => {
      try {
        await api.undoCheckin(line.id);
        setResult(null);
        today.reload();
      } catch (e) {
        setUndoProblem(problemOf(e));
      }
    });
  }

  const stationName = stations.data?.stations.find((s) => s.id === stationId)?.name;
  return (
    <View className={`page staff-page ${textSize}`}>
      <PrivacyConsent />
      {(stations.data?.stations.length ?? 0) > 0 && (
        <>
          <Text className="section-title">本服务站{stationName ? `：${stationName}` : ''}</Text>
          <Chips
            options={[{ value: '', label: '不限' }, ...(stations.data?.stations ?? []).map((s) => ({ value: s.id, label: s.name }))]}
            value={stationId}
            onChange={setStationId}
          />
        </>
      )}
      {process.env.TARO_ENV === 'weapp' && (
        <Button className="btn btn-primary btn-big" disabled={busy} onClick={scan}>
          扫码核销
        </Button>
      )}
      <Text className="section-title">输入核销码</Text>
      <TextInput className="input input-code" placeholder="核销码" value={code} onChange={setCode} onConfirm={() => check(code)} />
      <Button className="btn btn-primary" loading={busy} disabled={busy} onClick={() => check(code)}>
        核销
      </Button>
      {result &&
        (result.ok ? (
          <View className="result result-ok" data-repeat={result.repeat ? '1' : '0'}>
            <Text className="big-ok">✓ 核销成功</Text>
            {result.repeat && <Text className="line">刚才已核销过，这是同一次核销</Text>}
            {result.memberName && <Text className="big-name">{result.memberName}</Text>}
            <Text className="line">{SERVICE_LABELS[result.booking.service]}</Text>
            {bookingLines(result.booking).map((l) => (
              <Text key={l} className="line">
                {l}
              </Text>
            ))}
            {result.booking.partySize ? <Text className="big-name">{result.booking.partySize} 人</Text> : null}
          </View>
        ) : (
          <View className="result result-error" data-code={result.problem.code}>
            <Text className="result-title">✗ 不能核销</Text>
            <Text className="line">{result.problem.text}</Text>
          </View>
        ))}

      <Text className="section-title">我今天的核销</Text>
      <ProblemNote problem={undoProblem} />
      <View className="card">
        {today.loading && !today.data ? (
          <Text className="muted">正在加载…</Text>
        ) : (today.data?.checkins.length ?? 0) === 0 ? (
          <Text className="muted">今天还没有核销</Text>
        ) : (
          today.data!.checkins.map((l) => (
            <View key={l.id} className="line-item checkin-line">
              <View className="line-main">
                <Text>
                  {hhmm(l.checkedInAt)} {l.memberName ?? ''} · {SERVICE_LABELS[l.service]}
                  {l.partySize ? ` · ${l.partySize} 人` : ''}
                </Text>
                <Text className="muted">
                  {l.placeName ?? ''} 核销码 {l.code}
                </Text>
              </View>
              {Date.parse(l.undoUntil) > now && (
                <Button className="btn btn-plain btn-inline" disabled={busy} onClick={() => undo(l)}>
                  撤销
                </Button>
              )}
            </View>
          ))
        )}
      </View>
    </View>
  );
}
