import { useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import { SERVICES, SERVICE_LABELS } from '../../../../shared/domain';
import type { ReportRow } from '../../../../shared/schemas/index';
import { api } from '../../services/api';
import { useAsync } from '../../hooks/useAsync';
import { addDays, today, dateLabel } from '../../services/dates';
import Chips from '../../components/Chips';
import StateView from '../../components/StateView';
import StaffGate from '../components/StaffGate';
import TrendChart from '../components/TrendChart';
import { DateField, download, problemOf, ProblemNote, type Problem } from '../components/office';
import { useTextSize } from '../../hooks/useTextSize';

const SERVICE_CHOICES = [{ value: '', label: '全部' }, ...SERVICES.map((s) => ({ value: s, label: SERVICE_LABELS[s] }))];

/** Monday of the week `date` is in (the report's default range is this week). */
function monday(date: string): string {
  const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((wd + 6) % 7));
}

/** Today's meal numbers per station, then the report: a date range per day and place, a trend, downloads. */
export default function Stats() {
  return (
    <StaffGate>
      <StatsBody />
    </StaffGate>
  );
}

/** Rendered only inside StaffGate, so its staff-only requests start after the login. */
function StatsBody() {
  const textSize = useTextSize();
  const date = today();
  // The server counts (one report), whatever the number of bookings.
  const data = useAsync(() => Promise.all([api.stations(date), api.stats({ from: date, to: date, service: 'meal' })]), [date]);
  const [stations, stats] = data.data ?? [undefined, undefined];
  const rows = (stations?.stations ?? []).map((s) => {
    const counts = stats?.rows.find((r) => r.resourceId === s.id);
    return { s, booked: counts?.confirmed ?? 0, checkedIn: counts?.checkedIn ?? 0 };
  });

  return (
    <View className={`page staff-page ${textSize}`}>
      <Text className="section-title">{dateLabel(date)} 爱心餐</Text>
      <StateView loading={data.loading} error={data.error} empty={rows.length === 0} emptyText="还没有服务站" onRetry={data.reload}>
        {rows.map(({ s, booked, checkedIn }) => (
          <View key={s.id} className="card">
            <Text className="card-title">{s.name}</Text>
            {s.closedReason && <Text className="muted">今日暂停供餐：{s.closedReason}</Text>}
            <View className="stats">
              <View className="stat">
                <Text className="stat-num">{booked}</Text>
                <Text className="muted">已预约</Text>
              </View>
              <View className="stat">
                <Text className="stat-num">{checkedIn}</Text>
                <Text className="muted">已核销</Text>
              </View>
              <View className="stat">
                <Text className="stat-num">{s.remaining}</Text>
                <Text className="muted">剩余/共{s.dailyQuota}</Text>
              </View>
            </View>
          </View>
        ))}
      </StateView>
      <Report />
    </View>
  );
}

function Report() {
  const [from, setFrom] = useState(monday(today()));
  const [to, setTo] = useState(addDays(monday(today()), 6));
  const [service, setService] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const report = useAsync(() => api.stats({ from, to, service: service || undefined }), [from, to, service]);
  const rows: ReportRow[] = report.data?.rows ?? [];
  const days: string[] = [];
  for (let d = from; d <= to && days.length < 92; d = addDays(d, 1)) days.push(d);
  const sum = (d: string, f: (r: ReportRow) => number) => rows.filter((r) => r.date === d).reduce((n, r) => n + f(r), 0);
  const series = [
    { label: '预约', color: '#c8102e', values: days.map((d) => sum(d, (r) => r.confirmed)) },
    { label: '核销', color: '#1b7a3a', values: days.map((d) => sum(d, (r) => r.checkedIn)) },
    { label: '取消', color: '#8a5300', values: days.map((d) => sum(d, (r) => r.cancelled)) },
    { label: '爽约', color: '#555', values: days.map((d) => sum(d, (r) => r.noShows)) },
  ];

  async function exportFile(format: 'xlsx' | 'csv') {
    setProblem(null);
    try {
      await download(api.exportUrl('stats', { from, to, service: service || undefined }, format), `统计-${from}-${to}`, format);
    } catch (e) {
      setProblem(problemOf(e));
    }
  }

  return (
    <>
      <Text className="section-title">统计报表</Text>
      <View className="row">
        <DateField label="从" value={from} onChange={setFrom} />
        <DateField label="到" value={to} onChange={setTo} start={from} />
      </View>
      <Chips options={SERVICE_CHOICES} value={service} onChange={setService} />
      <ProblemNote problem={problem} />
      <StateView loading={report.loading} error={report.error} onRetry={report.reload}>
        <View className="card">
          <TrendChart days={days} series={series} />
        </View>
        <View className="card report">
          {rows.length === 0 ? (
            <Text className="muted">这段时间没有预约</Text>
          ) : (
            rows.map((r) => (
              <View key={`${r.date}-${r.resourceId}`} className="line-item report-row">
                <View className="line-main">
                  <Text className="card-title">
                    {dateLabel(r.date)} · {SERVICE_LABELS[r.service]} · {r.placeName ?? ''}
                  </Text>
                  <Text className="muted">
                    预约 {r.confirmed}（{r.people} 人）· 核销 {r.checkedIn} · 取消 {r.cancelled} · 候补 {r.waitlisted} · 爽约 {r.noShows}
                  </Text>
                </View>
              </View>
            ))
          )}
        </View>
      </StateView>
      <View className="row">
        <Button className="btn btn-plain btn-inline" onClick={() => exportFile('xlsx')}>
          下载 Excel（XLSX）
        </Button>
        <Button className="btn btn-plain btn-inline" onClick={() => exportFile('csv')}>
          下载 CSV
        </Button>
      </View>
    </>
  );
}
