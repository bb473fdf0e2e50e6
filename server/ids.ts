import { createHash, randomBytes } from 'node:crypto';

// Random bytes drawn 4 KiB at a time: one system call per ~300 ids instead of one per id.
let pool = Buffer.alloc(0);
let offset = 0;
function take(n: number): Buffer {
  if (offset + n > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  const out = pool.subarray(offset, offset + n);
  offset += n;
  return out;
}

/** Random id with a readable prefix, e.g. bk_3fK9x2QmZr8a. */
export function newId(prefix: string): string {
  return `${prefix}_${take(9).toString('base64url')}`;
}

/** 8-digit voucher code: easy to read out at a busy counter and to type on a phone keypad. */
export function newVoucherCode(): string {
  // 32 random bits, rejection-sampled so every code in 10000000..99999999 is equally likely
  const span = 90_000_000;
  const limit = Math.floor(2 ** 32 / span) * span;
  for (;;) {
    const v = take(4).readUInt32BE(0);
    if (v < limit) return String(10_000_000 + (v % span));
  }
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}
