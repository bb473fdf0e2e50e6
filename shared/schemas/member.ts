import { z } from 'zod';
import { NAME_MAX, PASSWORD_MAX, PASSWORD_MIN, USERNAME, USERNAME_STORED_MAX } from '../domain.js';
import { Id, Name, Phone, Role, Text } from './common.js';

/** A person: a worker (member) or union staff. Staff also have username + password hash. */
export const User = z.object({
  id: Id,
  role: Role,
  name: z.string().max(NAME_MAX).nullable(),
  phone: z.string().max(20).nullable(),
  openid: z.string().max(128).nullable().optional(),
  username: z.string().max(USERNAME_STORED_MAX).nullable().optional(),
  passwordHash: z.string().max(512).nullable().optional(),
  createdAt: z.string(),
  erasedAt: z.string().nullable().optional(),
  /** A staff account an admin switched off: no login, no sessions, no publishing through the bot. */
  disabledAt: z.string().nullable().optional(),
});
export type User = z.infer<typeof User>;

/** What the API shows of a user (never the password hash or openid). */
export type PublicUser = Pick<User, 'id' | 'role' | 'name' | 'phone' | 'createdAt'> & { username?: string | null; disabled?: boolean };

export const DevLoginBody = z.object({ name: Name, phone: Phone });
export const WechatLoginBody = z.object({ code: z.string().min(1).max(128) });
export const StaffLoginBody = z.object({ username: z.string().min(1).max(USERNAME_STORED_MAX), password: z.string().min(1).max(PASSWORD_MAX) });
/** A new staff username (admin route and STAFF_USERNAME): it may become users.name, so NAME_MAX bounds it. */
export const Username = z
  .string()
  .min(USERNAME.min, `用户名至少 ${USERNAME.min} 个字符`)
  .max(USERNAME.max, `用户名最多 ${USERNAME.max} 个字符`)
  .regex(USERNAME.pattern, '用户名只能含字母、数字和 _ . -');
export const UpdateMeBody = z
  .object({ name: Name, phone: Phone })
  .partial()
  .refine((v) => v.name !== undefined || v.phone !== undefined, { message: '请至少填写姓名或手机号' });

export const AuthSession = z.object({
  tokenHash: z.string(),
  userId: Id,
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type AuthSession = z.infer<typeof AuthSession>;
/** A new staff password (admin route and STAFF_PASSWORD). */
export const Password = z.string().min(PASSWORD_MIN, `密码至少 ${PASSWORD_MIN} 个字符`).max(PASSWORD_MAX);
/** PATCH /api/admin/users/:id (API.md): a password, role or disabled change ends the user's sessions. */
export const StaffAccountPatch = z
  .object({ role: Role, password: Password, disabled: z.boolean(), name: Name })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: '请至少修改一项' });
