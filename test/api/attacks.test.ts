/**
 * Issue 9, step 3: holes found by attacking a running server as an outsider would (docs/SECURITY.md,
 * "Attacks"). Each test failed before its fix.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { admin, client, startServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
beforeEach(async () => {
  s = await startServer();
});
afterEach(() => s.close({ drop: true }));

describe('an erased staff account', () => {
  it('leaves its username and password hash behind nowhere: the admin can make the account again and it logs in', async () => {
    const a = await admin(s);
    const first = await a.post('/api/admin/users', { username: 'clerk', password: 'password-1234', role: 'staff' });
    expect(first.status).toBe(201);
    const clerk = client(s, (await client(s).post('/api/auth/staff', { username: 'clerk', password: 'password-1234' })).body.token);
    expect((await clerk.del('/api/me')).status).toBe(204);
    const erased = await s.store.read((tx) => tx.get('users', first.body.user.id));
    expect(erased?.username ?? null).toBeNull();
    expect(erased?.passwordHash ?? null).toBeNull();
    // the old password opens nothing, and the name is free for a new account
    expect((await client(s).post('/api/auth/staff', { username: 'clerk', password: 'password-1234' })).status).toBe(401);
    const again = await a.post('/api/admin/users', { username: 'clerk', password: 'new-password-5678', role: 'staff' });
    expect(again.status).toBe(201);
    expect(again.body.user.id).not.toBe(first.body.user.id);
    const login = await client(s).post('/api/auth/staff', { username: 'clerk', password: 'new-password-5678' });
    expect(login.status).toBe(200);
    expect(login.body.user.id).toBe(again.body.user.id);
    // a restart loads the erased record and the new one
    s = await s.restart();
    expect((await client(s).post('/api/auth/staff', { username: 'clerk', password: 'new-password-5678' })).status).toBe(200);
  });
});
