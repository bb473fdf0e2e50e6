import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Button } from '@tarojs/components';
import { TextInput } from '../../components/Field';
import type { Booking } from '../../../../shared/schemas/index';
import { api, ApiError, errorText } from '../../services/api';
import { bookingLines } from '../../components/BookingCard';
import { SERVICE_LABELS } from '../../../../shared/domain';
import { useAsync } from '../../hooks/useAsync';
import { usePageParams } from '../../services/params';
import Chips from '../../components/Chips';
import StaffGate from '../components/StaffGate';
import { useBusy } from '../../hooks/useBusy';

type Result = { ok: true; booking: Booking } | { ok: false; code: string; text: string };

export default function Checkin() {
  const params = usePageParams();
  const [code, setCode] = useState('');
  // A counter checks in for its own station; 不限 accepts any meal voucher of today.
  const [stationId, setStationId] = useState(params.station ?? '');
  const { busy, run } = useBusy();
  const [result, setResult] = useState<Result | null>(null);
  const stations = useAsync(() => api.stations(), []);

  async function check(value: string) {
    const c = value.trim();
    if (!c) return setResult({ ok: false, code: 'EMPTY', text: '请输入核销码' });
    try {
      const r = await api.checkin(c, stationId || undefined);
      setResult({ ok: true, booking: r.booking });
      setCode('');
    } catch (e) {
      setResult({ ok: false, code: e instanceof ApiError ? e.code : 'NETWORK', text: errorText(e) });
    }
  }

  async function scan() {
    try {
      const r = await Taro.scanCode({ onlyFromCamera: true });
      await run(() => check(r.result));
    } catch {
      /* the staff member closed the scanner */
    }
  }

  return (
    <StaffGate>
      <View className="page">
        {process.env.TARO_ENV === 'weapp' && (
          <Button className="btn btn-primary btn-big" onClick={scan}>
            扫码核销
          </Button>
        )}
        {(stations.data?.stations.length ?? 0) > 0 && (
          <>
            <Text className="section-title">本服务站</Text>
            <Chips
              options={[{ value: '', label: '不限' }, ...(stations.data?.stations ?? []).map((s) => ({ value: s.id, label: s.name }))]}
              value={stationId}
              onChange={setStationId}
            />
          </>
        )}
        <Text className="section-title">输入核销码</Text>
        <TextInput className="input input-code" placeholder="核销码" value={code} onChange={setCode} onConfirm={() => run(() => check(code))} />
        <Button className="btn btn-primary" loading={busy} disabled={busy} onClick={() => run(() => check(code))}>
          核销
        </Button>
        {result &&
          (result.ok ? (
            <View className="result result-ok">
              <Text className="result-title">✓ 核销成功</Text>
              <Text className="line">{SERVICE_LABELS[result.booking.service]}</Text>
              {bookingLines(result.booking).map((l) => (
                <Text key={l} className="line">
                  {l}
                </Text>
              ))}
              {result.booking.partySize ? <Text className="line">人数：{result.booking.partySize} 人</Text> : null}
            </View>
          ) : (
            <View className="result result-error">
              <Text className="result-title">✗ 不能核销</Text>
              <Text className="line">{result.text}</Text>
              <Text className="muted">错误代码：{result.code}</Text>
            </View>
          ))}
      </View>
    </StaffGate>
  );
}
