import { createHash, randomBytes, randomInt } from 'node:crypto';

/** Random id with a readable prefix, e.g. bk_3fK9x2QmZr8a. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`;
}

/** 8-digit voucher code: easy to read out at a busy counter and to type on a phone keypad. */
export function newVoucherCode(): string {
  return String(randomInt(10_000_000, 100_000_000));
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}
