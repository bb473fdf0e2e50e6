/** 企业微信 group robots: a union that cannot keep a WeChat login still reaches its groups. */
import { createHash } from 'node:crypto';
import type { ApiClient, Notice } from './api.js';
import { h5Url, PAGES, truncate } from './format.js';
import type { BroadcastTarget } from './broadcast.js';

// WeCom caps markdown content at 4096 bytes; Chinese is 3 bytes a character in UTF-8.
const MAX_BODY_CHARS = 1000;

/** `url`: the server's link for the notice's page (a URL Link that opens the mini-program); else the h5 page. */
export function noticeMarkdown(notice: Notice, h5BaseUrl: string, url?: string | null): string {
  const link = url ?? h5Url(h5BaseUrl, notice.link ?? PAGES.notices);
  const by = notice.authorName ? `\n> 发布：${notice.authorName}` : '';
  return `### 📢 ${truncate(notice.title, 60)}\n${truncate(notice.body, MAX_BODY_CHARS)}${by}\n[在工友驿站查看](${link})`;
}

export async function postWecomMarkdown(url: string, content: string, timeoutMs = 5000): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ msgtype: 'markdown', markdown: { content } }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const data = (await res.json().catch(() => null)) as { errcode?: number; errmsg?: string } | null;
  if (!res.ok || (data && typeof data.errcode === 'number' && data.errcode !== 0)) {
    throw new Error(`企业微信机器人返回 HTTP ${res.status} ${data?.errmsg ?? ''}`.trim());
  }
}

/** The cursor key hides the webhook URL: it carries the robot's secret key. */
export function wecomTarget(url: string, h5BaseUrl: string, api?: Pick<ApiClient, 'pageLink'>): BroadcastTarget {
  const id = createHash('sha256').update(url).digest('hex').slice(0, 12);
  return { key: `wecom:${id}`, send: async (notice) => postWecomMarkdown(url, noticeMarkdown(notice, h5BaseUrl, await noticeLink(notice, api))) };
}

/** The server's link for a notice's page, or null (then the h5 page). */
export async function noticeLink(notice: Notice, api?: Pick<ApiClient, 'pageLink'>): Promise<string | null> {
  return api ? api.pageLink(notice.link ?? PAGES.notices) : null;
}
