/**
 * Signed and encrypted callbacks, as WeCom's 智能机器人 and WeChat's 消息推送 (安全模式) send them:
 * msg_signature = sha1 of the sorted token, timestamp, nonce and ciphertext; the body is AES-256-CBC
 * with the 43-character EncodingAESKey (`@wecom/crypto` does the cipher). On top of the cipher this
 * file refuses what a replaying attacker would send: a stale timestamp and a nonce seen before.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';

/** WeCom and WeChat sign the time they send; older callbacks are refused (the issue: 5 minutes). */
export const MAX_CALLBACK_AGE_MS = 5 * 60_000;

export type RefusalReason = 'signature' | 'stale' | 'replay' | 'decrypt' | 'receiver' | 'params';

export class CallbackRefused extends Error {
  override name = 'CallbackRefused';
  constructor(readonly reason: RefusalReason) {
    super(`callback refused: ${reason}`);
  }
}

export interface SignedParams {
  signature: string | null;
  timestamp: string | null;
  nonce: string | null;
}

export interface CallbackCryptoOptions {
  token: string;
  /** The 43-character EncodingAESKey. */
  aesKey: string;
  /** What the plaintext must end with: `""` for a WeCom robot, the AppID for a mini-program. */
  receiveId: string;
  now?: () => number;
}

export interface CallbackCrypto {
  /** Checks signature (over `ciphertext`), age and nonce, then decrypts. Throws CallbackRefused. */
  open(params: SignedParams, ciphertext: string): string;
  /** Checks the plain signature (sha1 of sorted token, timestamp, nonce): WeChat's URL check. */
  checkPlain(params: SignedParams): void;
  /** Encrypts and signs a passive reply with a fresh timestamp and nonce. */
  seal(plaintext: string): { encrypt: string; msgsignature: string; timestamp: number; nonce: string };
}

/** Throws at start (not at the first message) when the key cannot be a valid EncodingAESKey. */
export function checkAesKey(aesKey: string, variable: string): void {
  if (!/^[A-Za-z0-9+/]{43}$/.test(aesKey) || Buffer.from(`${aesKey}=`, 'base64').length !== 32) {
    throw new Error(`配置错误：${variable} 应为 43 位 EncodingAESKey（在后台「随机获取」生成）`);
  }
}

export function createCallbackCrypto(opts: CallbackCryptoOptions): CallbackCrypto {
  const now = opts.now ?? Date.now;
  // nonce → when it may be forgotten (a callback older than that is stale anyway)
  const seen = new Map<string, number>();

  function fresh(params: SignedParams): { timestamp: string; nonce: string } {
    const { timestamp, nonce } = params;
    if (!timestamp || !nonce || !/^\d{1,12}$/.test(timestamp) || nonce.length > 64) throw new CallbackRefused('params');
    if (Math.abs(now() - Number(timestamp) * 1000) > MAX_CALLBACK_AGE_MS) throw new CallbackRefused('stale');
    return { timestamp, nonce };
  }

  /** Remembered only after the signature checked out, so nobody can burn WeCom's nonces. */
  function remember(nonce: string) {
    const t = now();
    if (seen.size > 1000) for (const [n, until] of seen) if (until < t) seen.delete(n);
    const until = seen.get(nonce);
    if (until !== undefined && until >= t) throw new CallbackRefused('replay');
    seen.set(nonce, t + 2 * MAX_CALLBACK_AGE_MS);
  }

  return {
    open(params, ciphertext) {
      const { timestamp, nonce } = fresh(params);
      if (!params.signature || !ciphertext || !same(getSignature(opts.token, timestamp, nonce, ciphertext), params.signature)) {
        throw new CallbackRefused('signature');
      }
      remember(nonce);
      let opened: { message: string; id: string };
      try {
        opened = decrypt(opts.aesKey, ciphertext);
      } catch {
        throw new CallbackRefused('decrypt');
      }
      if (opened.id !== opts.receiveId) throw new CallbackRefused('receiver');
      return opened.message;
    },
    checkPlain(params) {
      const { timestamp, nonce } = fresh(params);
      const expected = createHash('sha1').update([opts.token, timestamp, nonce].sort().join('')).digest('hex');
      if (!params.signature || !same(expected, params.signature)) throw new CallbackRefused('signature');
      remember(nonce);
    },
    seal(plaintext) {
      const ciphertext = encrypt(opts.aesKey, plaintext, opts.receiveId);
      const timestamp = Math.floor(now() / 1000);
      const nonce = randomBytes(8).toString('hex');
      return { encrypt: ciphertext, msgsignature: getSignature(opts.token, timestamp, nonce, ciphertext), timestamp, nonce };
    },
  };
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
