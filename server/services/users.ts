/** Members, staff accounts and login sessions (erasure is services/erasure.ts). */
import { isStaff, LOGIN_BACKOFF, STAFF_ROLES } from '../../shared/domain.js';
import { DomainError } from '../../shared/errors.js';
import type { PublicUser, Role, User } from '../../shared/schemas/index.js';
import { newId, newToken, sha256 } from '../ids.js';
import { lock, type LockKey } from '../store/locks.js';
import { atomicPlanned, type Plan } from '../store/plan.js';
import type { Tx } from '../store/types.js';
import type { ServiceContext } from './context.js';
import { dummyVerify, hashPassword, needsRehash, verifyPassword } from './passwords.js';

const SESSION_DAYS = 30;

export function publicUser(u: User): PublicUser {
  const out: PublicUser = { id: u.id, role: u.role, name: u.name, phone: u.phone, createdAt: u.createdAt, username: u.username ?? null };
  if (isStaff(u)) out.disabled = !!u.disabledAt;
  return out;
}

/** A staff account that may act: not disabled, not erased. */
export function activeStaff(u: User | undefined | null): u is User {
  return !!u && isStaff(u) && !u.disabledAt && !u.erasedAt;
}

/** Ends every login session of a user (password, role or disabled change; erasure). */
export async function endSessions(tx: Tx, userId: string) {
  for (const s of await tx.list('authSessions', { userId })) await tx.remove('authSessions', s.id);
}

/**
 * Refuses a change that would leave no active admin (call holding lock.admins()): `after` is the
 * account as it will be, or null when it is being erased.
 */
export async function keepOneAdmin(tx: Tx, before: User, after: User | null) {
  if (!(activeStaff(before) && before.role === 'admin')) return;
  if (after && activeStaff(after) && after.role === 'admin') return;
  const others = (await tx.list('users', { role: 'admin' })).filter((u) => u.id !== before.id && activeStaff(u));
  if (others.length === 0) throw new DomainError('FORBIDDEN', '这是最后一个可用的管理员账号，不能停用、降级或删除');
}

/**
 * Plan of logging in by an identity (phone, openid, username): the identity, so one user is created
 * for it, and the user it already names, whose record and sessions the login writes.
 */
function identityPlan(identity: LockKey, find: (tx: Tx) => Promise<User | undefined>): Plan {
  return async (tx) => {
    const u = await find(tx);
    return u ? [identity, lock.user(u.id)] : [identity];
  };
}

const byField = (field: 'phone' | 'openid' | 'username', value: string, role?: Role) => async (tx: Tx) =>
  (await tx.list('users', role ? { [field]: value, role } : { [field]: value }))[0];

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
  const find = byField('phone', phone, 'member');
  return atomicPlanned(ctx.store, identityPlan(lock.phone(phone), find), async (tx) => {
    let user = await find(tx);
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
  const find = byField('openid', openid);
  return atomicPlanned(ctx.store, identityPlan(lock.openid(openid), find), async (tx) => {
    let user = await find(tx);
    if (!user) {
      user = { id: newId('u'), role: 'member', name: null, phone: null, openid, createdAt: ctx.now().toISOString(), erasedAt: null };
      await tx.put('users', user);
    }
    return startSession(ctx, tx, user);
  });
}

/**
 * Failed staff logins per username, per store (one process): after the free ones each failure
 * doubles the wait. In memory: a restart forgets them, the per-username rate limit still holds.
 */
const loginFailures = new WeakMap<object, Map<string, { count: number; until: number }>>();

function backoffOf(ctx: ServiceContext) {
  let m = loginFailures.get(ctx.store);
  if (!m) loginFailures.set(ctx.store, (m = new Map()));
  return m;
}

function failedLogin(ctx: ServiceContext, key: string, now: number) {
  const m = backoffOf(ctx);
  if (m.size > 10_000) for (const [k, v] of m) if (v.until <= now) m.delete(k);
  const f = m.get(key) ?? { count: 0, until: 0 };
  f.count += 1;
  const over = f.count - LOGIN_BACKOFF.freeFailures;
  if (over > 0) f.until = now + Math.min(2 ** (over - 1), LOGIN_BACKOFF.maxSeconds) * 1000;
  m.set(key, f);
}

export async function staffLogin(ctx: ServiceContext, username: string, password: string) {
  const key = username.trim().toLowerCase();
  const now = ctx.now().getTime();
  const waiting = backoffOf(ctx).get(key);
  if (waiting && waiting.until > now) {
    throw new DomainError('RATE_LIMITED', `该账号登录失败次数过多，请 ${Math.ceil((waiting.until - now) / 1000)} 秒后再试`);
  }
  const N = ctx.config.SCRYPT_N;
  const user = await ctx.store.read(async (tx) => (await tx.list('users', { username }))[0]);
  let ok = false;
  if (user && isStaff(user)) ok = await verifyPassword(password, user.passwordHash);
  else await dummyVerify(password, N); // an unknown username takes as long as a wrong password
  if (!ok) {
    failedLogin(ctx, key, now);
    throw new DomainError('UNAUTHORIZED', '用户名或密码错误');
  }
  backoffOf(ctx).delete(key);
  if (!activeStaff(user)) throw new DomainError('UNAUTHORIZED', '该账号已停用，请联系管理员');
  // a hash of older (cheaper) parameters is remade now, while the password is at hand
  const rehashed = needsRehash(user!.passwordHash, N) ? await hashPassword(password, N) : null;
  return ctx.store.atomic([lock.user(user!.id)], async (tx) => {
    // The password or role may have changed since it was checked: a session only for the account as checked.
    const cur = await tx.get('users', user!.id);
    if (!activeStaff(cur) || cur.passwordHash !== user!.passwordHash) throw new DomainError('UNAUTHORIZED', '用户名或密码错误');
    const next = rehashed ? { ...cur, passwordHash: rehashed } : cur;
    if (rehashed) await tx.put('users', next);
    return startSession(ctx, tx, next);
  });
}

/** Creates or updates a staff account (used at start for STAFF_USERNAME and by admins). */
export async function upsertStaff(ctx: ServiceContext, input: { username: string; password: string; role: Role; name?: string }) {
  if (!STAFF_ROLES.includes(input.role)) throw new DomainError('BAD_REQUEST', '角色应为 staff、legal 或 admin', 'role');
  const find = byField('username', input.username);
  const current = await ctx.store.read(find);
  const unchanged =
    current && current.role === input.role && (input.name === undefined || current.name === input.name) && (await verifyPassword(input.password, current.passwordHash));
  if (unchanged) return publicUser(current); // start-up runs this every time: no write, works on a read-only disk
  const passwordHash = await hashPassword(input.password, ctx.config.SCRYPT_N);
  const plan = identityPlan(lock.username(input.username), find);
  return atomicPlanned(ctx.store, async (tx) => [...(await plan(tx)), lock.admins()], async (tx) => {
    const existing = await find(tx);
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
    if (existing) {
      await keepOneAdmin(tx, existing, user);
      // a new password or role: sessions made under the old ones end
      await endSessions(tx, existing.id);
    }
    await tx.put('users', user);
    return publicUser(user);
  });
}

/** The staff accounts, for admins (never a password hash). */
export async function staffAccounts(ctx: ServiceContext): Promise<PublicUser[]> {
  const users = await ctx.store.read((tx) => tx.list('users'));
  return users.filter((u) => isStaff(u) && !u.erasedAt).map(publicUser);
}

/** PATCH /api/admin/users/:id: a password, role or disabled change ends all that account's sessions. */
export async function updateStaffAccount(ctx: ServiceContext, id: string, patch: { role?: Role; password?: string; disabled?: boolean; name?: string }) {
  if (patch.role && !STAFF_ROLES.includes(patch.role)) throw new DomainError('BAD_REQUEST', '角色应为 staff、legal 或 admin', 'role');
  const passwordHash = patch.password ? await hashPassword(patch.password, ctx.config.SCRYPT_N) : undefined;
  return ctx.store.atomic([lock.user(id), lock.admins()], async (tx) => {
    const cur = await tx.get('users', id);
    if (!cur || !isStaff(cur) || cur.erasedAt) throw new DomainError('NOT_FOUND', '找不到这个工作人员账号');
    const next: User = { ...cur };
    if (patch.name !== undefined) next.name = patch.name;
    if (patch.role !== undefined) next.role = patch.role;
    if (passwordHash) next.passwordHash = passwordHash;
    if (patch.disabled !== undefined) next.disabledAt = patch.disabled ? (cur.disabledAt ?? ctx.now().toISOString()) : null;
    await keepOneAdmin(tx, cur, next);
    const revoked = next.role !== cur.role || !!passwordHash || !!next.disabledAt !== !!cur.disabledAt;
    if (revoked) await endSessions(tx, id);
    await tx.put('users', next);
    return publicUser(next);
  });
}

/** The user behind a bearer token, or null when unknown/expired/erased. */
export function userForToken(ctx: ServiceContext, token: string): Promise<User | null> {
  const hash = sha256(token);
  return ctx.store.read(async (tx) => {
    const found = await tx.loginSession(hash);
    if (!found || Date.parse(found.session.expiresAt) <= ctx.now().getTime()) return null;
    const u = found.user;
    return u && !u.erasedAt && !u.disabledAt ? u : null;
  });
}

export async function logout(ctx: ServiceContext, token: string) {
  // Ending a session never races anything: no lock.
  await ctx.store.atomic([], (tx) => tx.remove('authSessions', sha256(token)));
}

export async function updateMe(ctx: ServiceContext, userId: string, patch: { name?: string; phone?: string }) {
  // Moving to a phone takes that phone, as creating a member for it does.
  const plan = [lock.user(userId), ...(patch.phone ? [lock.phone(patch.phone)] : [])];
  return ctx.store.atomic(plan, async (tx) => {
    const u = await tx.get('users', userId);
    if (!u) throw new DomainError('NOT_FOUND');
    // one phone, one member: dev login finds members by phone, and staff tell members apart by it
    if (patch.phone && patch.phone !== u.phone) {
      const holder = (await tx.list('users', { phone: patch.phone })).find((o) => o.id !== userId && !o.erasedAt);
      if (holder) throw new DomainError('DUPLICATE', '这个手机号已被另一位会员使用', 'phone');
    }
    const next = { ...u, ...patch };
    await tx.put('users', next);
    return publicUser(next);
  });
}
