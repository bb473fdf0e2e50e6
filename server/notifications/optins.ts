/**
 * Subscribe-message opt-ins (one-time: each allows one message) and what sending them needs: which
 * templates are configured, a small pool of sends in flight, and giving a claim back when WeChat
 * certainly did not deliver.
 */
import type { FastifyBaseLogger } from 'fastify';
import { OPTINS_UNUSED_MAX } from '../../shared/domain.js';
import type { User } from '../../shared/schemas/index.js';
import { newId } from '../ids.js';
import type { ServiceContext } from '../services/context.js';
import { lock, shared } from '../store/locks.js';
import type { Subscription } from '../store/types.js';
import { WechatSendError, type WechatClient } from '../wechat.js';

export type Log = Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
export const silent: Log = { info() {}, warn() {}, error() {} } as unknown as Log;

/** Sends in flight at once (WeChat answers each in ~100 ms; thousands of members stay quick). */
const CONCURRENCY = 4;

export interface Enabled {
  wechat: WechatClient;
  noticeTemplate: string | undefined;
  reminderTemplate: string | undefined;
}

export function enabled(ctx: ServiceContext): Enabled | null {
  const { WX_TEMPLATE_NOTICE, WX_TEMPLATE_REMINDER } = ctx.config;
  if (!ctx.wechat || (!WX_TEMPLATE_NOTICE && !WX_TEMPLATE_REMINDER)) return null;
  return { wechat: ctx.wechat, noticeTemplate: WX_TEMPLATE_NOTICE || undefined, reminderTemplate: WX_TEMPLATE_REMINDER || undefined };
}

/**
 * Records a member's opt-ins. Only the configured template of this kind is worth storing: anything
 * else could never be sent. Adding holds the opt-ins shared: adders never wait for each other, only
 * for a claim.
 */
export async function recordOptIns(ctx: ServiceContext, user: User, kind: 'reminder' | 'notice', templateIds: string[]): Promise<Subscription[]> {
  const expected = kind === 'reminder' ? ctx.config.WX_TEMPLATE_REMINDER : ctx.config.WX_TEMPLATE_NOTICE;
  const ids = templateIds.filter((t) => t === expected);
  // the user's lock: two taps at once must not both see room under the cap
  return ctx.store.atomic([shared(lock.subscriptions()), lock.user(user.id)], async (tx) => {
    const now = ctx.now().toISOString();
    const out: Subscription[] = [];
    const unused = (await tx.list('subscriptions', { userId: user.id })).filter((s) => !s.usedAt);
    for (const templateId of ids) {
      if (unused.filter((s) => s.templateId === templateId).length >= OPTINS_UNUSED_MAX) continue;
      const s = { id: newId('sub'), userId: user.id, templateId, kind, createdAt: now, usedAt: null };
      unused.push(s);
      await tx.put('subscriptions', s);
      out.push(s);
    }
    return out;
  });
}

/** The openid to send to, or null when the member has none or erased their data. */
export function reachable(u: User | undefined): string | null {
  return u && !u.erasedAt && u.openid ? u.openid : null;
}

export function oldestFirst(subs: Subscription[]): Subscription[] {
  return [...subs].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** Whether the opt-in is still unused on WeChat's side after this failure (43101: the member said no). */
export function giveBack(err: unknown): boolean {
  return err instanceof WechatSendError && err.notSent && err.errcode !== 43101;
}

export async function releaseSubscription(ctx: ServiceContext, id: string, usedAt: string) {
  await ctx.store.atomic([lock.subscriptions()], async (tx) => {
    const s = await tx.get('subscriptions', id);
    if (s && s.usedAt === usedAt) await tx.put('subscriptions', { ...s, usedAt: null });
  });
}

export function describe(err: unknown) {
  return err instanceof Error ? { message: err.message, ...(err instanceof WechatSendError ? { errcode: err.errcode } : {}) } : err;
}

/** Runs `fn` over `items`, a few at a time. */
export async function pool<T>(items: T[], fn: (item: T) => Promise<void>, n = CONCURRENCY) {
  let i = 0;
  const worker = async () => {
    while (i < items.length) await fn(items[i++]!);
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
}
