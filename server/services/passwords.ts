import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;

/** OWASP's scrypt cost (N=2^17, r=8, p=1); SCRYPT_N may lower N for tests only. */
export const SCRYPT_N_DEFAULT = 2 ** 17;
const R = 8;
const P = 1;

// N=2^17 needs 128 MiB, over Node's 32 MiB default
const maxmem = (N: number, r: number) => 256 * N * r + 1024 * 1024;

/** scrypt$N$r$p$salt$hash — parameters stored so they can be raised later. */
export async function hashPassword(password: string, N = SCRYPT_N_DEFAULT): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, 32, { N, r: R, p: P, maxmem: maxmem(N, R) });
  return ['scrypt', N, R, P, salt.toString('base64'), hash.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const parts = (stored ?? '').split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, N, r, p, salt, hash] = parts;
  const expected = Buffer.from(hash!, 'base64');
  const actual = await scrypt(password, Buffer.from(salt!, 'base64'), expected.length, { N: +N!, r: +r!, p: +p!, maxmem: maxmem(+N!, +r!) });
  return timingSafeEqual(actual, expected);
}

/** Whether a stored hash was made with other parameters than N (then it is remade at the next login). */
export function needsRehash(stored: string | null | undefined, N = SCRYPT_N_DEFAULT): boolean {
  const parts = (stored ?? '').split('$');
  return parts[0] !== 'scrypt' || +parts[1]! !== N || +parts[2]! !== R || +parts[3]! !== P;
}

const dummies = new Map<number, Promise<string>>();
/**
 * Checks a password against a hash of nothing, so an unknown username costs the same scrypt as a
 * known one (its answer time does not tell which usernames exist).
 */
export async function dummyVerify(password: string, N = SCRYPT_N_DEFAULT): Promise<void> {
  let d = dummies.get(N);
  if (!d) dummies.set(N, (d = hashPassword(randomBytes(16).toString('hex'), N)));
  await verifyPassword(password, await d);
}
