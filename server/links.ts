/**
 * Links that open a mini-program page from a chat: a WeChat URL Link (`/wxa/generate_urllink`) where
 * WeChat is configured, else (or when WeChat fails or is slow) the h5 page on PUBLIC_URL. The bot's
 * replies, the notices it posts to groups and the staff poster page ask for them (`GET /api/links`).
 *
 * WeChat counts every generated link against a daily quota and a link lives 30 days at most, so one
 * link per page + query is kept in memory and handed out again for its first 23 days: every link we
 * give out still works for at least a week in the chat it was pasted into.
 */
import type { ServiceContext } from './services/context.js';
import { URL_LINK_DAYS } from './wechat.js';

const DAY = 86_400_000;
/** A cached link is given out again until this many days before it expires. */
export const URL_LINK_MIN_LEFT_DAYS = 7;
/** After a failure, the h5 link for this long before asking WeChat again (outage, quota used up). */
const FAIL_BACKOFF_MS = 60_000;
/** The bot waits 5 s for the server: answer the h5 link after 3 s and let the link fill the cache later. */
const WAIT_MS = 3_000;
/** Pages × queries are few (stations, categories); a bound keeps a stray caller from growing it. */
const MAX_ENTRIES = 1_000;

export interface PageLinkOut {
  url: string;
  /** `urllink`: opens the mini-program (https://wxaurl.cn/…); `h5`: the h5 page in a browser. */
  kind: 'urllink' | 'h5';
  /** When a URL Link stops working (ISO); null for h5 links. */
  expiresAt: string | null;
}

interface Entry {
  url: string;
  expiresAt: number;
}

interface LinkCache {
  links: Map<string, Entry>;
  pending: Map<string, Promise<Entry>>;
  failedUntil: number;
}

const caches = new WeakMap<object, LinkCache>();

/**
 * `pages/legal/index?category=工资报酬` → path and a query WeChat accepts (percent-encoded; a space as
 * %20, not +, since the pages decode with decodeURIComponent: services/params.ts).
 */
export function splitPage(page: string): { path: string; query: string } {
  const [path, query] = page.replace(/^\//, '').split('?', 2) as [string, string | undefined];
  const pairs = [...new URLSearchParams(query ?? '')].map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return { path, query: pairs.join('&') };
}

/** Where the h5 app is: PUBLIC_URL, else the configured address on the port the request came in on (never the Host header). */
export function h5Base(ctx: ServiceContext, localPort: number | undefined): string {
  if (ctx.config.PUBLIC_URL) return ctx.config.PUBLIC_URL.replace(/\/+$/, '');
  const host = ['0.0.0.0', '::', ''].includes(ctx.config.HOST) ? '127.0.0.1' : ctx.config.HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${localPort ?? ctx.config.PORT}`;
}

export function h5Link(base: string, path: string, query: string): string {
  return `${base}/#/${path}${query ? `?${query}` : ''}`;
}

export async function pageLink(
  ctx: ServiceContext,
  page: string,
  localPort: number | undefined,
  log?: { warn(obj: object, msg: string): void },
): Promise<PageLinkOut> {
  const { path, query } = splitPage(page);
  const h5: PageLinkOut = { url: h5Link(h5Base(ctx, localPort), path, query), kind: 'h5', expiresAt: null };
  const wechat = ctx.wechat;
  if (!wechat) return h5;
  const cacheKey = ctx.wechat as object;
  let cache = caches.get(cacheKey);
  if (!cache) caches.set(cacheKey, (cache = { links: new Map(), pending: new Map(), failedUntil: 0 }));
  const c = cache;
  const now = ctx.now().getTime();
  const key = `${path}?${query}`;
  const kept = c.links.get(key);
  if (kept && kept.expiresAt - URL_LINK_MIN_LEFT_DAYS * DAY > now) return out(kept);
  if (now < c.failedUntil) return h5;

  let p = c.pending.get(key);
  if (!p) {
    p = wechat
      .generateUrlLink(path, query)
      .then((url) => {
        // counted from when WeChat made it
        const entry = { url, expiresAt: ctx.now().getTime() + URL_LINK_DAYS * DAY };
        c.links.delete(key);
        c.links.set(key, entry);
        if (c.links.size > MAX_ENTRIES) c.links.delete(c.links.keys().next().value!);
        return entry;
      })
      .catch((err: Error) => {
        c.failedUntil = ctx.now().getTime() + FAIL_BACKOFF_MS;
        log?.warn({ err: err.message, page: key }, 'wechat url link not generated, h5 link used');
        throw err;
      })
      .finally(() => c.pending.delete(key));
    c.pending.set(key, p);
  }
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<null>((r) => (timer = setTimeout(() => r(null), WAIT_MS)));
  try {
    const entry = await Promise.race([p, slow]);
    return entry ? out(entry) : h5;
  } catch {
    return h5;
  } finally {
    clearTimeout(timer);
  }
}

function out(e: Entry): PageLinkOut {
  return { url: e.url, kind: 'urllink', expiresAt: new Date(e.expiresAt).toISOString() };
}
