import { useState } from 'react';
import { View } from '@tarojs/components';
import type { LegalMode, MealStationView, Studio, StudioSessionView, LegalSlotView } from '../../../../shared/schemas/index';
import { api } from '../../services/api';
import { useAsync } from '../../hooks/useAsync';
import { addDays, clockLabel, timeLabel, today } from '../../services/dates';
import { businessDate } from '../../../../shared/calendar/days';
import { LEGAL_MODE_LABELS, PAST_START_MESSAGE } from '../../../../shared/domain';
import Chips from '../../components/Chips';
import StaffGate from '../components/StaffGate';
import AdminSection from '../components/AdminSection';
import { useTextSize } from '../../hooks/useTextSize';

const TABS = [
  { value: 'stations', label: '服务站' },
  { value: 'studios', label: '工作室' },
  { value: 'sessions', label: '参观场次' },
  { value: 'slots', label: '律师时段' },
];

/** "2026-11-25" + "09:00" → an instant with the Shanghai offset, as the API wants. */
function instant(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  return `${date}T${time}:00+08:00`;
}

/** A session or slot must start later than now: refused here with the server's sentence, before the server. */
const PAST = PAST_START_MESSAGE;

/** 「每周重复」: this many weeks, the same weekday and times (e.g. every Tuesday 14:00–17:00 for 8 weeks). */
const REPEAT_OPTIONS = [1, 2, 4, 8, 12].map((n) => ({ value: String(n), label: n === 1 ? '只这一次' : `每周一次，共 ${n} 周` }));
const MODE_OPTIONS = (Object.keys(LEGAL_MODE_LABELS) as LegalMode[]).map((m) => ({ value: m, label: LEGAL_MODE_LABELS[m] }));

/** Dates, times and repeat from the form: the weeks' [startsAt, endsAt], or a sentence saying what is wrong. */
function weeklyTimes(v: Record<string, string>, editing: boolean): [string, string][] | string {
  const startsAt = instant(v.date ?? '', v.start ?? '');
  const endsAt = instant(v.date ?? '', v.end ?? '');
  if (!startsAt || !endsAt) return '请选择日期、开始时间和结束时间';
  if (endsAt <= startsAt) return '结束时间要晚于开始时间';
  // as the server (shared/booking checkNewStart): an edit that keeps its start (a capacity, a lawyer's name) is no move
  const kept = editing && !!v.was && Date.parse(v.was) === Date.parse(startsAt);
  if (!kept && Date.parse(startsAt) <= Date.now()) return PAST;
  const weeks = editing ? 1 : Number(v.repeat || '1');
  return Array.from({ length: weeks }, (_, w) => [instant(addDays(v.date!, 7 * w), v.start!)!, instant(addDays(v.date!, 7 * w), v.end!)!]);
}

/** An entry's times as the edit form's Shanghai date and HH:mm fields (`was`: the start it has). */
function timeValues(x: { startsAt: string; endsAt: string }): Record<string, string> {
  return { date: businessDate(x.startsAt), start: clockLabel(x.startsAt), end: clockLabel(x.endsAt), was: x.startsAt };
}

export default function Manage() {
  const textSize = useTextSize();
  const [tab, setTab] = useState('stations');
  const [studioId, setStudioId] = useState('');
  const stations = useAsync(() => api.stations(), []);
  const studios = useAsync(() => api.studios(), []);
  const sid = studioId || studios.data?.studios[0]?.id || '';
  const sessions = useAsync(() => (sid ? api.sessions(sid) : Promise.resolve({ sessions: [] as StudioSessionView[] })), [sid]);
  const slots = useAsync(() => api.legalSlots(today(), addDays(today(), 60)), []);

  return (
    <StaffGate>
      <View className={`page staff-page ${textSize}`}>
        <Chips options={TABS} value={tab} onChange={setTab} />
        {tab === 'stations' && (
          <AdminSection<MealStationView>
            kind="meal-stations"
            items={stations.data?.stations ?? []}
            loading={stations.loading}
            error={stations.error}
            onChanged={stations.reload}
            describe={(s) => `${s.name}（${s.district}）${s.hours} · 每日 ${s.dailyQuota} 份`}
            fields={[
              { key: 'name', label: '名称' },
              { key: 'address', label: '地址' },
              { key: 'district', label: '区域', placeholder: '如 朝阳区' },
              { key: 'hours', label: '供餐时间', placeholder: '如 11:00-13:30' },
              { key: 'dailyQuota', label: '每日份数', number: true },
            ]}
            toBody={(v) => ({ ...v, dailyQuota: Number(v.dailyQuota) })}
          />
        )}
        {tab === 'studios' && (
          <AdminSection<Studio>
            kind="studios"
            items={studios.data?.studios ?? []}
            loading={studios.loading}
            error={studios.error}
            onChanged={studios.reload}
            describe={(s) => `${s.name} · ${s.leaderTitle} ${s.leader}`}
            fields={[
              { key: 'name', label: '工作室名称' },
              { key: 'leader', label: '领衔人' },
              { key: 'leaderTitle', label: '称号', placeholder: '如 全国劳动模范' },
              { key: 'company', label: '单位' },
              { key: 'field', label: '领域' },
              { key: 'address', label: '地址' },
              { key: 'description', label: '简介' },
            ]}
            toBody={(v) => v}
          />
        )}
        {tab === 'sessions' && (
          <View>
            <Chips options={(studios.data?.studios ?? []).map((s) => ({ value: s.id, label: s.name }))} value={sid} onChange={setStudioId} />
            <AdminSection<StudioSessionView>
              kind="sessions"
              items={sessions.data?.sessions ?? []}
              loading={sessions.loading}
              error={sessions.error}
              onChanged={sessions.reload}
              describe={(s) => `${timeLabel(s.startsAt)} · ${s.capacity} 人 · 剩 ${s.remaining}`}
              fields={[
                { key: 'date', label: '日期', kind: 'date' },
                { key: 'start', label: '开始时间', kind: 'time' },
                { key: 'end', label: '结束时间', kind: 'time' },
                { key: 'capacity', label: '可接待人数', number: true },
                { key: 'repeat', label: '每周重复', kind: 'choice', options: REPEAT_OPTIONS, createOnly: true },
              ]}
              toBody={(v, editing) => {
                if (!sid) return '请先添加工作室';
                const times = weeklyTimes(v, editing);
                if (typeof times === 'string') return times;
                return times.map(([startsAt, endsAt]) => ({ studioId: sid, startsAt, endsAt, capacity: Number(v.capacity) }));
              }}
              toValues={(x) => ({ ...timeValues(x), capacity: String(x.capacity) })}
            />
          </View>
        )}
        {tab === 'slots' && (
          <AdminSection<LegalSlotView>
            kind="legal-slots"
            items={slots.data?.slots ?? []}
            loading={slots.loading}
            error={slots.error}
            onChanged={slots.reload}
            describe={(s) => `${timeLabel(s.startsAt)} · ${LEGAL_MODE_LABELS[s.mode]}${s.lawyer ? ` · ${s.lawyer}` : ''}${s.available ? '' : ' · 已约'}`}
            fields={[
              { key: 'date', label: '日期', kind: 'date' },
              { key: 'start', label: '开始时间', kind: 'time' },
              { key: 'end', label: '结束时间', kind: 'time' },
              { key: 'mode', label: '方式', kind: 'choice', options: MODE_OPTIONS },
              { key: 'lawyer', label: '律师', placeholder: '律师姓名（可选）' },
              { key: 'location', label: '地点', placeholder: '地点（可选）' },
              { key: 'repeat', label: '每周重复', kind: 'choice', options: REPEAT_OPTIONS, createOnly: true },
            ]}
            toBody={(v, editing) => {
              const times = weeklyTimes(v, editing);
              if (typeof times === 'string') return times;
              if (!v.mode) return '请选择咨询方式';
              return times.map(([startsAt, endsAt]) => ({ startsAt, endsAt, mode: v.mode, lawyer: v.lawyer?.trim() || undefined, location: v.location?.trim() || undefined }));
            }}
            toValues={(x) => ({ ...timeValues(x), mode: x.mode, lawyer: x.lawyer ?? '', location: x.location ?? '' })}
          />
        )}
      </View>
    </StaffGate>
  );
}
