/**
 * Small parts the staff pages share: date and time pickers (the native one on each platform, never
 * typed ISO text), an error line that shows a sentence (the code only as data-code, for tests and
 * support) and file downloads (XLSX/CSV). The double-tap guard is hooks/useBusy, the app's one.
 */
import Taro from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import { ApiError, errorText, fileUrl } from '../../services/api';
import './office.css';

const isH5 = process.env.TARO_ENV === 'h5';

interface PickerProps {
  value: string;
  onChange: (value: string) => void;
  label: string;
  start?: string;
  end?: string;
}

/** A date (YYYY-MM-DD) chosen from a calendar. */
export function DateField({ value, onChange, label, start, end }: PickerProps) {
  if (isH5)
    return (
      <label className="field">
        <Text className="label">{label}</Text>
        <input className="input" type="date" aria-label={label} value={value} min={start} max={end} onChange={(e) => e.target.value && onChange(e.target.value)} />
      </label>
    );
  return (
    <View className="field">
      <Text className="label">{label}</Text>
      <Picker mode="date" value={value} start={start} end={end} onChange={(e) => onChange(String(e.detail.value))}>
        <View className="input picker">{value || '请选择日期'}</View>
      </Picker>
    </View>
  );
}

/** A clock time (HH:mm). */
export function TimeField({ value, onChange, label }: PickerProps) {
  if (isH5)
    return (
      <label className="field">
        <Text className="label">{label}</Text>
        <input className="input" type="time" aria-label={label} value={value} onChange={(e) => e.target.value && onChange(e.target.value)} />
      </label>
    );
  return (
    <View className="field">
      <Text className="label">{label}</Text>
      <Picker mode="time" value={value} onChange={(e) => onChange(String(e.detail.value))}>
        <View className="input picker">{value || '请选择时间'}</View>
      </Picker>
    </View>
  );
}

/** What went wrong, as a sentence; the code stays out of sight (data-code). */
export interface Problem {
  code: string;
  text: string;
}
export const problemOf = (e: unknown): Problem => ({ code: e instanceof ApiError ? e.code : 'NETWORK', text: errorText(e) });

export function ProblemNote({ problem }: { problem: Problem | null }) {
  if (!problem) return null;
  return (
    <View className="msg msg-error" data-code={problem.code}>
      <Text>{problem.text}</Text>
    </View>
  );
}

/**
 * Downloads a staff file: on h5 a file the browser saves; on weapp a temp file opened with
 * Taro.openDocument (which opens xlsx, not csv: WeChat's preview then offers 用其他应用打开).
 */
export async function download(url: string, name: string, format: 'xlsx' | 'csv'): Promise<void> {
  const local = await fileUrl(url);
  if (isH5) {
    const a = document.createElement('a');
    a.href = local;
    a.download = `${name}.${format}`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    return;
  }
  await Taro.openDocument({ filePath: local, fileType: format === 'xlsx' ? 'xlsx' : undefined, showMenu: true } as Parameters<typeof Taro.openDocument>[0]);
}

/** "11月24日 周二 14:00" from an instant (the staff pages never show ISO text). */
export function clock(iso: string | null | undefined): string {
  if (!iso) return '';
  const local = new Date(Date.parse(iso) + 8 * 3600_000);
  const s = local.toISOString();
  return `${+s.slice(5, 7)}月${+s.slice(8, 10)}日 周${'日一二三四五六'[local.getUTCDay()]} ${s.slice(11, 16)}`;
}

/** "14:00" from an instant. */
export const hhmm = (iso: string | null | undefined) => (iso ? new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(11, 16) : '');
