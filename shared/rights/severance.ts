// Severance from the tenure a worker states: 劳动合同法第四十七条 — one month's wage per full year,
// six months or more count as a year, less than six months as half a month.
import { fromChineseNumber } from './opinion.js';

const NUM = '(\\d{1,2}|[一二两三四五六七八九十]{1,3})';
const YEARS_MONTHS = new RegExp(`${NUM}年(?:零|又)?${NUM}个?月`);
const YEARS_HALF = new RegExp(`${NUM}年半`);
// A bare 「N年」 or 「N个月」 counts only after a work verb, so 「三个月没发工资」 is not a tenure.
const VERB = '(?:干了|做了|工作了|上班|上了|待了|呆了|干|做|入职|工龄)';
const YEARS_ONLY = new RegExp(`${VERB}.{0,4}?${NUM}年(?!半|零|又|\\d|[一二两三四五六七八九十])`);
const MONTHS_ONLY = new RegExp(`${VERB}.{0,4}?${NUM}个?月`);

function toNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  return fromChineseNumber(s.replace(/两/g, '二'));
}

export interface Tenure {
  years: number;
  months: number;
}

export function parseTenure(question: string): Tenure | null {
  const q = question.normalize('NFKC').replace(/\s+/g, '');
  let m = YEARS_MONTHS.exec(q);
  if (m) return valid(toNumber(m[1]), toNumber(m[2]));
  if ((m = YEARS_HALF.exec(q))) return valid(toNumber(m[1]), 6);
  if (/一年半/.test(q)) return { years: 1, months: 6 };
  if ((m = YEARS_ONLY.exec(q))) return valid(toNumber(m[1]), 0);
  if ((m = MONTHS_ONLY.exec(q))) {
    const months = toNumber(m[1]);
    return months === null ? null : valid(Math.floor(months / 12), months % 12);
  }
  return null;
}

function valid(years: number | null, months: number | null): Tenure | null {
  if (years === null || months === null || years > 50 || months > 11 || years + months === 0) return null;
  return { years, months };
}

/** Months of wages owed as severance (before the 3× average-wage cap and 12-year limit). */
export function severanceMonths({ years, months }: Tenure): number {
  return years + (months >= 6 ? 1 : months > 0 ? 0.5 : 0);
}

export function describeTenure({ years, months }: Tenure): string {
  return `${years ? `${years}年` : ''}${months ? `${months}个月` : ''}`;
}

export function describeMonths(n: number): string {
  return n === 0.5 ? '半个月' : `${n}个月`;
}
