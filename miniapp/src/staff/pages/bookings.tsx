import { useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import { TextInput } from '../../components/Field';
import { SERVICES, SERVICE_LABELS, STATUS_LABELS, REASON_MAX } from '../../../../shared/domain';
import { api, newKey, type AdminBooking } from '../../services/api';
import { useAsync } from '../../hooks/useAsync';
import { today } from '../../services/dates';
import Chips from '../../components/Chips';
import Sheet from '../../components/Sheet';
import StaffGate from '../components/StaffGate';
import { clock, DateField, download, hhmm, problemOf, ProblemNote, type Problem } from '../components/office';
import { useBusy } from '../../hooks/useBusy';
import { useTextSize } from '../../hooks/useTextSize';

const PAGE = 30;
const SERVICE_CHOICES = [{ value: '', label: '全部' }, ...SERVICES.map((s) => ({ value: s, label: SERVICE_LABELS[s] }))];

/** The day's bookings by service and place, searched by code or phone's last 4 digits, a page at a time. */
export default function Bookings() {
  return (
    <StaffGate>
      <BookingsBody />
    </StaffGate>
  );
}

function BookingsBody() {
  const textSize = useTextSize();
  const [date, setDate] = useState(today());
  const [service, setService] = useState('');
  const [place, setPlace] = useState('');
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [pages, setPages] = useState<AdminBooking[][]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<AdminBooking | null>(null);
  const [reason, setReason] = useState('');
  const { busy, run } = useBusy();

  const placeQuery = () => {
    if (!place) return {};
    if (service === 'meal') return { stationId: place };
    if (service === 'studio') return { sessionId: place };
    return { slotId: place };
  };
  const query = () => ({ date, service: service || undefined, q: search || undefined, ...placeQuery() });
  const first = useAsync(async () => {
    const r = await api.adminBookings({ ...query(), limit: PAGE });
    setPages([r.bookings]);
    setCursor(r.nextCursor);
    return r;
  }, [date, service, place, search]);
  // places of the chosen service that date, for the second row of choices
  const places = useAsync(async () => {
    if (service === 'meal') return (await api.stations(date)).stations.map((s) => ({ value: s.id, label: s.name }));
    if (service === 'legal') {
      const { slots } = await api.legalSlots(date, date);
      return slots.map((s) => ({ value: s.id, label: `${hhmm(s.startsAt)} ${s.lawyer ?? ''}`.trim() }));
    }
    if (service === 'studio') {
      const { studios } = await api.studios();
      const lists = await Promise.all(studios.map(async (st) => (await api.sessions(st.id)).sessions.map((se) => ({ se, st }))));
      return lists
        .flat()
        .filter(({ se }) => new Date(Date.parse(se.startsAt) + 8 * 3600_000).toISOString().slice(0, 10) === date)
        .map(({ se, st }) => ({ value: se.id, label: `${hhmm(se.startsAt)} ${st.name}` }));
    }
    return [];
  }, [service, date]);

  async function more() {
    if (!cursor) return;
    await run(async () => {
      try {
        const r = await api.adminBookings({ ...query(), limit: PAGE, cursor });
        setPages((p) => [...p, r.bookings]);
        setCursor(r.nextCursor);
      } catch (e) {
        setProblem(problemOf(e));
      }
    });
  }

  function replace(b: Partial<AdminBooking> & { id: string }) {
    setPages((ps) => ps.map((p) => p.map((x) => (x.id === b.id ? { ...x, ...b } : x))));
  }

  async function checkIn(b: AdminBooking) {
    setProblem(null);
    setDone(null);
    await run(async () => {
      try {
        const r = await api.counterCheckin(b.code, undefined, newKey());
        replace({ id: b.id, checkedInAt: r.booking.checkedInAt });
        setDone(`已为 ${b.memberName ?? '工友'} 核销`);
      } catch (e) {
        setProblem(problemOf(e));
      }
    });
  }

  async function cancel() {
    const b = cancelling;
    if (!b) return;
    if (!reason.trim()) return setProblem({ code: 'EMPTY', text: '请写明代为取消的原因' });
    await run(async () => {
      try {
        const r = await api.cancel(b.id, reason.trim());
        replace({ id: b.id, status: r.booking.status, cancelReason: reason.trim() });
        setCancelling(null);
        setReason('');
        setDone(`已代 ${b.memberName ?? '工友'} 取消`);
        setProblem(null);
      } catch (e) {
        setProblem(problemOf(e));
      }
    });
  }

  async function exportFile(format: 'xlsx' | 'csv') {
    setProblem(null);
    try {
      await download(api.exportUrl('bookings', { date, service: service || undefined, ...placeQuery() }, format), `预约名单-${date}`, format);
    } catch (e) {
      setProblem(problemOf(e));
    }
  }

  const rows = pages.flat();
  return (
    <View className={`page staff-page ${textSize}`}>
      <View className="row">
        <DateField label="日期" value={date} onChange={setDate} />
        <View className="field">
          <Text className="label">核销码或手机尾号</Text>
          <TextInput className="input" placeholder="核销码或手机尾号 4 位" value={q} onChange={setQ} onConfirm={() => setSearch(q.trim())} />
        </View>
        <Button className="btn btn-primary btn-inline" onClick={() => setSearch(q.trim())}>
          查找
        </Button>
      </View>
      <Chips options={SERVICE_CHOICES} value={service} onChange={(v) => (setService(v), setPlace(''))} />
      {service && (places.data?.length ?? 0) > 0 && <Chips options={[{ value: '', label: '全部地点' }, ...places.data!]} value={place} onChange={setPlace} />}
      <ProblemNote problem={problem} />
      {done && (
        <View className="msg msg-ok">
          <Text>{done}</Text>
        </View>
      )}
      <View className="card">
        {first.loading && rows.length === 0 ? (
          <Text className="muted">正在加载…</Text>
        ) : first.error ? (
          <Text className="muted">{first.error}</Text>
        ) : rows.length === 0 ? (
          <Text className="muted">没有找到预约</Text>
        ) : (
          rows.map((b) => (
            <View key={b.id} className="line-item booking-row">
              <View className="line-main">
                <Text>
                  <Text className="card-title">{b.memberName ?? '（已注销）'}</Text> {b.memberPhone ?? ''}
                </Text>
                <Text className="muted">
                  {SERVICE_LABELS[b.service]} · {b.placeName ?? ''} · {b.appointment ?? b.serviceDate ?? ''}
                  {b.partySize ? ` · ${b.partySize} 人` : ''}
                </Text>
                <Text>
                  <Text className="pill">核销码 {b.code}</Text>
                  <Text className={`pill ${b.status === 'cancelled' ? 'pill-off' : b.checkedInAt ? 'pill-ok' : ''}`}>
                    {b.checkedInAt ? `已核销 ${clock(b.checkedInAt)}` : STATUS_LABELS[b.status]}
                  </Text>
                </Text>
                {b.cancelReason && <Text className="muted">取消原因：{b.cancelReason}</Text>}
              </View>
              {b.status === 'confirmed' && !b.checkedInAt && (
                <View className="line-actions">
                  <Button className="btn btn-primary btn-inline" disabled={busy} onClick={() => checkIn(b)}>
                    核销
                  </Button>
                  <Button className="btn btn-plain btn-inline" disabled={busy} onClick={() => (setCancelling(b), setReason(''))}>
                    代为取消
                  </Button>
                </View>
              )}
            </View>
          ))
        )}
      </View>
      {cursor && (
        <Button className="btn btn-plain" disabled={busy} onClick={more}>
          加载更多
        </Button>
      )}
      <View className="row">
        <Button className="btn btn-plain btn-inline" onClick={() => exportFile('xlsx')}>
          导出 Excel（XLSX）
        </Button>
        <Button className="btn btn-plain btn-inline" onClick={() => exportFile('csv')}>
          导出 CSV
        </Button>
      </View>
      {cancelling && (
        <Sheet onClose={() => setCancelling(null)}>
          <Text className="card-title">代 {cancelling.memberName ?? '工友'} 取消预约</Text>
          <Text className="muted">
            {SERVICE_LABELS[cancelling.service]} · {cancelling.appointment ?? ''} · 核销码 {cancelling.code}
          </Text>
          <Text className="label">原因（工友会在「我的」里看到）</Text>
          <TextInput className="input" placeholder="取消原因" maxlength={REASON_MAX} value={reason} onChange={setReason} />
          <ProblemNote problem={problem} />
          <Button className="btn btn-primary" disabled={busy} onClick={cancel}>
            确认取消
          </Button>
          <Button className="btn btn-plain" onClick={() => setCancelling(null)}>
            不取消
          </Button>
        </Sheet>
      )}
    </View>
  );
}
