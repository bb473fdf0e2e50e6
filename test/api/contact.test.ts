/** Phone and name input over HTTP: spaced, dashed and +86 numbers are stored as 11 digits; a long name is refused, never cut. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { NAME_MAX } from '../../shared/domain.js';
import { client, member, startServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
beforeEach(async () => {
  s = await startServer();
});
afterEach(() => s.close({ drop: true }));

it('dev login with 「138 0013 8000」 or 「+86 138-0013-8000」 is the same member, stored as 13800138000', async () => {
  const a = await client(s).post('/api/auth/dev-login', { name: '张三', phone: '138 0013 8000' });
  expect(a.status).toBe(200);
  expect(a.body.user.phone).toBe('13800138000');
  const b = await client(s).post('/api/auth/dev-login', { name: '张三', phone: '+86 138-0013-8000' });
  expect(b.status).toBe(200);
  expect(b.body.user.id).toBe(a.body.user.id);
});

it('PATCH /api/me normalises the phone and refuses a bad one with the field', async () => {
  const m = await member(s);
  const ok = await m.patch('/api/me', { phone: '0086 139 0000 1111' });
  expect(ok.status).toBe(200);
  expect(ok.body.phone).toBe('13900001111');
  const bad = await m.patch('/api/me', { phone: '139 0000 111' });
  expect(bad.status).toBe(400);
  expect(bad.body.error.field).toBe('phone');
  expect(bad.body.error.message).toContain('11 位手机号');
  expect((await m.get('/api/me')).body.phone).toBe('13900001111');
});

it('a name one character too long is refused with a message and nothing is stored', async () => {
  const long = '欧'.repeat(NAME_MAX + 1);
  const r = await client(s).post('/api/auth/dev-login', { name: long, phone: '13800138001' });
  expect(r.status).toBe(400);
  expect(r.body.error.field).toBe('name');
  expect(r.body.error.message).toBe(`姓名：最多 ${NAME_MAX} 个字，请改短一些`);
  const m = await member(s, '李四');
  const p = await m.patch('/api/me', { name: long });
  expect(p.status).toBe(400);
  expect((await m.get('/api/me')).body.name).toBe('李四');
  const exact = await m.patch('/api/me', { name: '欧'.repeat(NAME_MAX) });
  expect(exact.body.name).toBe('欧'.repeat(NAME_MAX));
});
