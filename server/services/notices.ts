import { parseShanghaiInstant } from '../../shared/calendar/index.js';
import { isStaff } from '../../shared/domain.js';
import { DomainError } from '../../shared/errors.js';
import type { Notice, User } from '../../shared/schemas/index.js';
import { newId } from '../ids.js';
import { activeStaff } from './users.js';
import { recordAudit } from './audit.js';
import { lock } from '../store/locks.js';
import type { Tx } from '../store/types.js';
import type { ServiceContext } from './context.js';

export async function publishNotice(ctx: ServiceContext, author: User, input: { title: string; body: string; link?: string }, inTx?: { tx: Tx; now: Date }) {
  if (inTx) return publishInTx(inTx.tx, author, input, inTx.now);
  return ctx.store.atomic([lock.notices()], (tx) => publishInTx(tx, author, input, ctx.now()));
}

/** Plan: lock.notices() (the caller's transaction holds it). */
async function publishInTx(tx: Tx, author: User, input: { title: string; body: string; link?: string }, now: Date) {
  const notice: Notice = {
    id: newId('nt'),
    seq: await tx.nextSeq('notice'),
    title: input.title,
    body: input.body,
    link: input.link ?? null,
    authorId: author.id,
    authorName: author.name ?? author.username ?? null,
    createdAt: now.toISOString(),
  };
  await tx.put('notices', notice);
  await recordAudit(tx, now, author, 'notice.publish', `notice:${notice.id}`);
  return notice;
}

async function liveNotice(tx: Tx, id: string): Promise<Notice> {
  const n = await tx.get('notices', id);
  if (!n || n.withdrawnAt) throw new DomainError('NOT_FOUND', '找不到这条通知（可能已撤回）');
  return n;
}

/** Edits a notice; what was already posted to groups or sent as a message keeps the old text. */
export async function editNotice(ctx: ServiceContext, staff: User, id: string, input: { title?: string; body?: string; link?: string | null }) {
  const now = ctx.now();
  return ctx.store.atomic([lock.notices()], async (tx) => {
    const n = await liveNotice(tx, id);
    const edited: Notice = {
      ...n,
      title: input.title ?? n.title,
      body: input.body ?? n.body,
      link: input.link === undefined ? n.link : input.link,
      editedAt: now.toISOString(),
    };
    await tx.put('notices', edited);
    await recordAudit(tx, now, staff, 'notice.edit', `notice:${id}`, { fields: Object.keys(input).join(',') });
    return edited;
  });
}

/**
 * Withdraws a notice: it leaves GET /api/notices (so the bot, which polls that, never posts it after
 * this) and no subscribe message goes out for it. A group post already made stays where it is.
 */
export async function withdrawNotice(ctx: ServiceContext, staff: User, id: string): Promise<void> {
  const now = ctx.now();
  await ctx.store.atomic([lock.notices()], async (tx) => {
    const n = await liveNotice(tx, id);
    await tx.put('notices', { ...n, withdrawnAt: now.toISOString(), withdrawnBy: staff.id });
    await recordAudit(tx, now, staff, 'notice.withdraw', `notice:${id}`);
  });
}

/** One notice, unless withdrawn. */
export function noticeById(ctx: ServiceContext, id: string): Promise<Notice> {
  return ctx.store.read((tx) => liveNotice(tx, id));
}

/** The staff member the bot publishes for: matched by id, username or name. */
export async function staffByReference(ctx: ServiceContext, ref: string | undefined): Promise<User> {
  if (!ref) throw new DomainError('BAD_REQUEST', '机器人发布通知时须写明代哪位工作人员发布', 'onBehalfOf');
  const user = await ctx.store.read(async (tx) => {
    const byId = await tx.get('users', ref);
    if (byId) return byId;
    return (await tx.list('users', { username: ref }))[0] ?? (await tx.list('users', { name: ref })).find(isStaff);
  });
  if (!user || !isStaff(user)) throw new DomainError('FORBIDDEN', `“${ref}”不是工作人员，不能发布通知`, 'onBehalfOf');
  // a disabled or erased account can no more publish through the bot than log in
  if (!activeStaff(user)) throw new DomainError('FORBIDDEN', `“${ref}”的账号已停用或删除，不能发布通知`, 'onBehalfOf');
  return user;
}

/** Newest first. `since` is an ISO instant or a notice seq number (the bot's cursor). */
export async function listNotices(ctx: ServiceContext, since?: string): Promise<Notice[]> {
  const all = (await ctx.store.read((tx) => tx.list('notices'))).filter((n) => !n.withdrawnAt);
  let list = all;
  if (since && /^\d+$/.test(since)) list = all.filter((n) => n.seq > Number(since));
  else if (since) {
    const t = parseShanghaiInstant(since);
    if (Number.isNaN(t)) throw new DomainError('BAD_REQUEST', 'since 应为时间（ISO 8601）或通知序号', 'since');
    list = all.filter((n) => Date.parse(n.createdAt) > t);
  }
  return list.sort((a, b) => b.seq - a.seq);
}
