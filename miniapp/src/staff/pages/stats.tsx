import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Button } from '@tarojs/components';
import { api, errorText, fileUrl } from '../../services/api';
import { useAsync } from '../../hooks/useAsync';
import { today, dateLabel } from '../../services/dates';
import StateView from '../../components/StateView';
import Notice from '../../components/Notice';
import StaffGate from '../components/StaffGate';

/** Today's meal numbers per station (booked, checked in, places left) and the CSV export. */
export default function Stats() {
  return (
    <StaffGate>
      <StatsBody />
    </StaffGate>
  );
}

/** Rendered only inside StaffGate, so its staff-only requests start after the login. */
function StatsBody() {
  const date = today();
  // The server counts (one report), whatever the number of bookings.
  const data = useAsync(
    () => Promise.all([api.stations(date), api.stats({ from: date, to: date, service: 'meal' })]),
    [date],
  );
  const [msg, setMsg] = useState<string | null>(null);
  const [stations, stats] = data.data ?? [undefined, undefined];
  const rows = (stations?.stations ?? []).map((s) => {
    const counts = stats?.rows.find((r) => r.resourceId === s.id);
    return { s, booked: counts?.confirmed ?? 0, checkedIn: counts?.checkedIn ?? 0 };
  });

  async function exportCsv() {
    setMsg(null);
    try {
      const url = await fileUrl(api.exportCsvUrl({ date }));
      if (process.env.TARO_ENV === 'h5') {
        const a = document.createElement('a');
        a.href = url;
        a.download = `预约名单-${date}.csv`;
        a.click();
      } else {
        await Taro.openDocument({ filePath: url, showMenu: true } as any).catch(() =>
          setMsg('已下载，请在电脑浏览器的工作人员后台导出表格'),
        );
      }
    } catch (e) {
      setMsg(errorText(e));
    }
  }

  return (
    <View className="page">
      <Text className="section-title">{dateLabel(date)} 爱心餐</Text>
      <StateView loading={data.loading} error={data.error} empty={rows.length === 0} emptyText="还没有服务站" onRetry={data.reload}>
        {rows.map(({ s, booked, checkedIn }) => (
          <View key={s.id} className="card">
            <Text className="card-title">{s.name}</Text>
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
      {msg && <Notice kind="error">{msg}</Notice>}
      <Button className="btn btn-plain" onClick={exportCsv}>
        导出今日预约名单（CSV）
      </Button>
    </View>
  );
}
