/** Text shaping shared by every channel: links, citations, truncation, redaction. */
import { shanghaiClock } from '../shared/calendar/index.js';
import type { Citation } from '../shared/rights/index.js';

/** A mini-program page the reply points to (a card where the puppet can send one, else a link). */
export interface PageLink {
  title: string;
  /** e.g. `pages/legal/index?category=工资报酬` */
  page: string;
  /** The server's link for `page` (a WeChat URL Link that opens the mini-program, `GET /api/links`); else the h5 page. */
  url?: string;
}

/** What the handler answers; `null` from the handler means stay silent. */
export interface Reply {
  text: string;
  link?: PageLink;
}

export const PAGES = {
  home: 'pages/index/index',
  meals: 'pages/meals/index',
  studios: 'pages/studios/index',
  legal: 'pages/legal/index',
  notices: 'pages/notices/index',
  ask: 'pages/ask/index',
} as const;

/** `pages/legal/index?category=工资报酬` → `${h5Base}/#/pages/legal/index?category=%E5…` */
export function h5Url(h5BaseUrl: string, page: string): string {
  const [path, query] = page.replace(/^\//, '').split('?', 2);
  const params = query ? new URLSearchParams(query).toString() : '';
  return `${h5BaseUrl.replace(/\/+$/, '')}/#/${path}${params ? `?${params}` : ''}`;
}

/** Where a link sends people: the server's URL Link when it gave one, else the h5 page. */
export function linkUrl(h5BaseUrl: string, link: PageLink): string {
  return link.url ?? h5Url(h5BaseUrl, link.page);
}

/** The reply as plain text, with the page as a link (channels without mini-program cards). */
export function renderText(reply: Reply, h5BaseUrl: string): string {
  if (!reply.link) return reply.text;
  return `${reply.text}\n👉 ${reply.link.title}：${linkUrl(h5BaseUrl, reply.link)}`;
}

/** The reply with its link's URL from the server (`api.pageLink`); unchanged when the server gives none. */
export async function withLinkUrl(reply: Reply, pageLink: (page: string) => Promise<string | null>): Promise<Reply> {
  if (!reply.link || reply.link.url) return reply;
  const url = await pageLink(reply.link.page);
  return url ? { ...reply, link: { ...reply.link, url } } : reply;
}

/**
 * Citations on one short line, grouped by source:
 * 依据：意见第十五条；《劳动合同法》第三十条、第三十八条
 */
export function citationLine(citations: Citation[], maxChars = 90): string {
  if (citations.length === 0) return '';
  const bySource = new Map<string, string[]>();
  for (const c of citations) {
    const list = bySource.get(c.source) ?? [];
    if (!list.includes(c.article)) list.push(c.article);
    bySource.set(c.source, list);
  }
  const parts = [...bySource].map(([source, articles]) =>
    source === '意见' ? articles.map((a) => `意见第${a}条`).join('、') : `《${source}》${articles.join('、')}`,
  );
  return truncate(`依据：${parts.join('；')}`, maxChars);
}

/** Cuts to `max` characters (code points, so no broken emoji) with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

// Mainland mobile numbers and resident ID numbers: never repeated into a group.
const PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
const ID_CARD = /(?<![\dXx])\d{17}[\dXx](?![\dXx])/g;

export function redactPersonalData(text: string): string {
  return text.replace(ID_CARD, (s) => `${s.slice(0, 3)}***********${s.slice(-4)}`).replace(PHONE, (s) => `${s.slice(0, 3)}****${s.slice(-4)}`);
}

/** `11月23日 周一 14:00` in Asia/Shanghai, whatever the machine's zone (the shared formatter). */
export const shanghaiTime = shanghaiClock;
