import { parseShanghaiInstant } from '../../shared/calendar/index.js';
import { isStaff } from '../../shared/domain.js';
import { DomainError } from '../../shared/errors.js';
import type { Notice, User } from '../../shared/schemas/index.js';
import { newId } from '../ids.js';
import { activeStaff } from './users.js';
import { lock } from '../store/locks.js';
import type { ServiceContext } from './context.js';

export async function publishNotice(ctx: ServiceContext, author: User, input: { title: string; body: string; link?: string }) {
  return ctx.store.atomic([lock.notices()], async (tx) => {
    const notice: Notice = {
      id: newId('nt'),
      seq: await tx.nextSeq('notice'),
      title: input.title,
      body: input.body,
      link: input.link ?? null,
      authorId: author.id,
      authorName: author.name ?? author.username ?? null,
      createdAt: ctx.now().toISOString(),
    };
    await tx.put('notices', notice);
    return notice;
  });
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
  const all = await ctx.store.read((tx) => tx.list('notices'));
  let list = all;
  if (since && /^\d+$/.test(since)) list = all.filter((n) => n.seq > Number(since));
  else if (since) {
    const t = parseShanghaiInstant(since);
    if (Number.isNaN(t)) throw new DomainError('BAD_REQUEST', 'since 应为时间（ISO 8601）或通知序号', 'since');
    list = all.filter((n) => Date.parse(n.createdAt) > t);
  }
  return list.sort((a, b) => b.seq - a.seq);
}
