/** A new notice goes to every member holding an unused `notice` opt-in: one opt-in, one message. */
import type { Notice } from '../../shared/schemas/index.js';
import type { ServiceContext } from '../services/context.js';
import { lock } from '../store/locks.js';
import type { Subscription } from '../store/types.js';
import { describe, enabled, giveBack, oldestFirst, pool, reachable, releaseSubscription, silent, type Log } from './optins.js';
import { fieldMap, fields, NOTICE_FIELDS, thing, timeText, type FieldMap, type NoticeRole } from './templates.js';

/** Plan of claiming opt-ins for notice `id`: every opt-in (so two claims never pick the same) and the record of it. */
const claimPlan = (id: string) => [lock.subscriptions(), lock.kv(`notice:${id}`)];

export async function sendNotice(ctx: ServiceContext, n: Notice, log: Log = silent, opts: { noticeFields?: FieldMap<NoticeRole> } = {}) {
  const on = enabled(ctx);
  if (!on?.noticeTemplate) return { sent: 0, failed: 0 };
  const template = on.noticeTemplate;
  const now = ctx.now().toISOString();
  // Claim: pick one unused opt-in per member and mark it used, in the same transaction that records
  // this notice as handled (a second process sharing the store gets the same notice and stops here).
  const claims = await ctx.store.atomic(claimPlan(n.id), async (tx) => {
    if (await tx.get('kv', `notice:${n.id}`)) return [];
    // withdrawn before its messages went out: none go (read under the claim, so a later withdrawal waits)
    if ((await tx.get('notices', n.id))?.withdrawnAt) return [];
    const subs = (await tx.list('subscriptions', { kind: 'notice', usedAt: null })).filter((s) => s.templateId === template);
    const out: { sub: Subscription; openid: string }[] = [];
    const seen = new Set<string>();
    for (const s of oldestFirst(subs)) {
      if (seen.has(s.userId)) continue;
      const openid = reachable(await tx.get('users', s.userId));
      if (!openid) continue; // no WeChat identity (dev login) or erased: keep the opt-in, send nothing
      seen.add(s.userId);
      await tx.put('subscriptions', { ...s, usedAt: now });
      out.push({ sub: s, openid });
    }
    await tx.put('kv', { id: `notice:${n.id}`, value: { at: now, recipients: out.length } });
    return out;
  });
  if (claims.length === 0) return { sent: 0, failed: 0 };
  const data = noticeData(n, fieldMap(ctx, 'WX_TEMPLATE_NOTICE_FIELDS', NOTICE_FIELDS, opts.noticeFields));
  const page = `pages/notices/detail?id=${encodeURIComponent(n.id)}`;
  let sent = 0;
  let failed = 0;
  await pool(claims, async ({ sub, openid }) => {
    try {
      await on.wechat.sendSubscribeMessage({ touser: openid, templateId: template, page, data });
      sent++;
    } catch (err) {
      failed++;
      log.warn({ err: describe(err), notice: n.id, userId: sub.userId }, 'wechat notice message not sent');
      if (giveBack(err)) await releaseSubscription(ctx, sub.id, now).catch((e) => log.error({ err: e }, 'could not give back opt-in'));
    }
  });
  log.info({ notice: n.id, sent, failed }, 'wechat notice messages');
  return { sent, failed };
}

export function noticeData(n: Notice, keys: FieldMap<NoticeRole> = NOTICE_FIELDS) {
  return fields(keys, {
    title: thing(n.title),
    summary: thing(n.body),
    time: timeText(n.createdAt),
    from: thing(n.authorName ? `工会·${n.authorName}` : '工友驿站'),
  });
}
