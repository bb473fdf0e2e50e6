import { z } from 'zod';
import { OpinionArticle } from './schema.js';
import { OPINION_ARTICLES_RAW, OPINION_PARTS_RAW } from './opinion-text.js';

export { OPINION_TITLE, OPINION_DATE } from './opinion-text.js';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1..99 → 一 … 九十九 (as the opinion numbers its articles). */
export function toChineseNumber(n: number): string {
  if (n < 10) return NUMERALS[n - 1];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens === 1 ? '' : NUMERALS[tens - 1]) + '十' + (ones ? NUMERALS[ones - 1] : '');
}

/** 一 … 九十九 → number, or null. */
export function fromChineseNumber(s: string): number | null {
  const m = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || s === '') return null;
  const digit = (c?: string) => (c ? NUMERALS.indexOf(c) + 1 : 0);
  if (!m[2]) return m[3] ? null : digit(m[1]) || null;
  return (m[1] ? digit(m[1]) : 1) * 10 + digit(m[3]);
}

export const OPINION_PARTS = z
  .array(z.object({ number: z.string(), title: z.string() }))
  .length(9)
  .parse(OPINION_PARTS_RAW);

export const OPINION_ARTICLES: readonly OpinionArticle[] = Object.freeze(
  z.array(OpinionArticle).length(27).parse(OPINION_ARTICLES_RAW),
);

OPINION_ARTICLES.forEach((a, i) => {
  if (a.number !== toChineseNumber(i + 1)) throw new Error(`意见条目编号错位: ${a.number}`);
});

export function findArticle(number: string): OpinionArticle | undefined {
  return OPINION_ARTICLES.find((a) => a.number === number);
}

export function partTitle(part: string): string {
  return OPINION_PARTS.find((p) => p.number === part)?.title ?? '';
}
