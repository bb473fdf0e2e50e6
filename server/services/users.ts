/** Members, staff accounts and login sessions. */
import { DomainError } from '../../shared/errors.js';
import { STAFF_ROLES, type PublicUser, type Role, type User } from '../../shared/schemas/index.js';
import { newId, newToken, sha256 } from '../ids.js';
import type { Tx } from '../store/types.js';
import { cancelInTx } from './bookings.js';
import type { ServiceContext } from './context.js';
import { hashPassword, verifyPassword } from './passwords.js';

const SESSION_DAYS = 30;

export function publicUser(u: User): PublicUser {
  return { id: u.id, role: u.role, name: u.name, phone: u.phone, createdAt: u.createdAt, username: u.username ?? null };
}

export function isStaff(u: Pick<User, 'role'> | null | undefined): boolean {
  return !!u && STAFF_ROLES.includes(u.role);
}

async function startSession(ctx: ServiceContext, tx: Tx, user: User) {
  const token = newToken();
  const now = ctx.now();
  await tx.put('authSessions', {
    id: sha256(token),
    tokenHash: sha256(token),
    userId: user.id,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString(),
  });
  return { token, user: publicUser(user) };
}

export async function devLogin(ctx: ServiceContext, name: string, phone: string) {
  return ctx.store.atomic([`phone:${phone}`], async (tx) => {
    let user = (await tx.list('users', { phone, role: 'member' }))[0];
    if (!user) {
      user = { id: newId('u'), role: 'member', name, phone, createdAt: ctx.now().toISOString(), openid: null, erasedAt: null };
    } else {
      user = { ...user, name };
    }
    await tx.put('users', user);
    return startSession(ctx, tx, user);
  });
}

export async function wechatLogin(ctx: ServiceContext, code: string) {
  if (!ctx.wechat) throw new DomainError('UNAVAILABLE', '服务器未配置微信登录');
  const { openid } = await ctx.wechat.code2Session(code);
  return ctx.store.atomic([`openid:${openid}`], async (tx) => {
    let user = (await tx.list('users', { openid }))[0];
    if (!user) {
      user = { id: newId('u'), role: 'member', name: null, phone: null, openid, createdAt: ctx.now().toISOString(), erasedAt: null };
      await tx.put('users', user);
    }
    return startSession(ctx, tx, user);
  });
}

export async function staffLogin(ctx: ServiceContext, username: string, password: string) {
  const user = await ctx.store.read(async (tx) => (await tx.list('users', { username }))[0]);
  if (!user || !isStaff(user) || !(await verifyPassword(password, user.passwordHash))) {
    throw new DomainError('UNAUTHORIZED', '用户名或密码错误');
  }
  return ctx.store.atomic([`user:${user.id}`], (tx) => startSession(ctx, tx, user));
}

/** Creates or updates a staff account (used at start for STAFF_USERNAME and by admins). */
export async function upsertStaff(ctx: ServiceContext, input: { username: string; password: string; role: Role; name?: string }) {
  if (!STAFF_ROLES.includes(input.role)) throw new DomainError('BAD_REQUEST', '角色应为 staff、legal 或 admin', 'role');
  const current = await ctx.store.read(async (tx) => (await tx.list('users', { username: input.username }))[0]);
  const unchanged =
    current && current.role === input.role && (input.name === undefined || current.name === input.name) && (await verifyPassword(input.password, current.passwordHash));
  if (unchanged) return publicUser(current); // start-up runs this every time: no write, works on a read-only disk
  const passwordHash = await hashPassword(input.password);
  return ctx.store.atomic([`username:${input.username}`], async (tx) => {
    const existing = (await tx.list('users', { username: input.username }))[0];
    const user: User = existing
      ? { ...existing, role: input.role, passwordHash, name: input.name ?? existing.name }
      : {
          id: newId('u'),
          role: input.role,
          name: input.name ?? input.username,
          phone: null,
          username: input.username,
          passwordHash,
          createdAt: ctx.now().toISOString(),
          erasedAt: null,
        };
    await tx.put('users', user);
    return publicUser(user);
  });
}

/** The user behind a bearer token, or null when unknown/expired/erased. */
export function userForToken(ctx: ServiceContext, token: string): Promise<User | null> {
  const hash = sha256(token);
  return ctx.store.read(async (tx) => {
    const s = await tx.get('authSessions', hash);
    if (!s || Date.parse(s.expiresAt) <= ctx.now().getTime()) return null;
    const u = await tx.get('users', s.userId);
    return u && !u.erasedAt ? u : null;
  });
}

export async function logout(ctx: ServiceContext, token: string) {
  await ctx.store.atomic([], (tx) => tx.remove('authSessions', sha256(token)));
}

export async function updateMe(ctx: ServiceContext, userId: string, patch: { name?: string; phone?: string }) {
  return ctx.store.atomic([`user:${userId}`], async (tx) => {
    const u = await tx.get('users', userId);
    if (!u) throw new DomainError('NOT_FOUND');
    const next = { ...u, ...patch };
    await tx.put('users', next);
    return publicUser(next);
  });
}

/**
 * Erase a member's personal data: name and phone (also on their bookings), legal descriptions,
 * upcoming bookings (cancelled, waitlists promoted), sessions and subscriptions.
 */
export async function eraseMe(ctx: ServiceContext, userId: string) {
  const bookings = await ctx.store.read((tx) => tx.findBookings({ memberId: userId }));
  const locks = [`user:${userId}`, `member:${userId}`, ...bookings.flatMap((b) => [`booking:${b.id}`, ...resourceLocks(b)])];
  await ctx.store.atomic(locks, async (tx) => {
    const u = await tx.get('users', userId);
    if (!u) throw new DomainError('NOT_FOUND');
    const now = ctx.now();
    for (const b of await tx.findBookings({ memberId: userId })) {
      let cur = b;
      if (b.status !== 'cancelled' && !b.checkedInAt) cur = (await cancelInTx(ctx, tx, b.id, u, now, { force: true, upcomingOnly: true })) ?? b;
      if (cur.description || cur.phone) await tx.put('bookings', { ...cur, description: cur.description ? '（已删除）' : cur.description, phone: null });
    }
    for (const s of await tx.list('authSessions', { userId })) await tx.remove('authSessions', s.id);
    // Remembered answers hold booking bodies (descriptions, phones): the member's own, and staff
    // check-ins of the member's bookings.
    for (const r of await tx.list('idempotency')) {
      const body = r.body as { booking?: { memberId?: string } } | null;
      if (r.id.startsWith(`${userId}:`) || body?.booking?.memberId === userId) await tx.remove('idempotency', r.id);
    }
    for (const s of await tx.list('subscriptions', { userId })) await tx.remove('subscriptions', s.id);
    await tx.put('users', { ...u, name: null, phone: null, openid: null, erasedAt: now.toISOString() });
  });
  // The lowdb journal still holds the old lines until compaction: rewrite it now.
  await ctx.store.compact?.();
}

export function resourceLocks(b: { service: string; stationId?: string; date?: string; sessionId?: string; slotId?: string }): string[] {
  if (b.service === 'meal') return [`station:${b.stationId}`, `meal:${b.stationId}:${b.date}`];
  if (b.service === 'studio') return [`session:${b.sessionId}`];
  return [`slot:${b.slotId}`];
}
