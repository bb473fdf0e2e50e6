/** Server configuration from the environment, checked once at start (see API.md for each name). */
import { z } from 'zod';
import { BOT_TOKEN_MIN, LEGAL_RETENTION_DAYS_DEFAULT, LEGAL_RETENTION_DAYS_MAX, MEAL_DAYS_AHEAD_DEFAULT } from '../shared/domain.js';
import { SCRYPT_N_DEFAULT } from './services/passwords.js';
import { Password, Username } from '../shared/schemas/member.js';

const flag = (dflt: boolean) =>
  z
    .enum(['0', '1', 'true', 'false', ''])
    .optional()
    .transform((v) => (v === undefined || v === '' ? dflt : v === '1' || v === 'true'));

/** An optional value where an empty variable means unset. */
const unsetIfEmpty = <T extends z.ZodType>(t: T) => z.preprocess((v) => (v === '' ? undefined : v), t.optional());

const retentionMessage = `应为 1 到 ${LEGAL_RETENTION_DAYS_MAX} 之间的整数（天数，默认 ${LEGAL_RETENTION_DAYS_DEFAULT}）`;

export function configSchema(env: NodeJS.ProcessEnv) {
  const production = env.NODE_ENV === 'production';
  return z.object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('127.0.0.1'),
    DATA_FILE: z.string().default('data/db.json'),
    /** lowdb: compact when the journal holds more changes than this (and than half the snapshot). */
    LOWDB_COMPACT_AFTER: z.coerce.number().int().min(1).default(20_000),
    DATABASE_URL: z.string().optional().transform((v) => v || undefined),
    /** Anyone who knows a phone number logs in as its member: only for the local demo (`npm start`). */
    DEV_LOGIN: flag(false),
    SEED_DEMO: flag(false),
    // the same limits as accounts made by an admin: the store must be able to load what start writes
    STAFF_USERNAME: unsetIfEmpty(Username),
    STAFF_PASSWORD: unsetIfEmpty(Password),
    WX_APPID: z.string().optional(),
    WX_SECRET: z.string().optional(),
    WX_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
    WX_TEMPLATE_REMINDER: z.string().optional(),
    WX_TEMPLATE_NOTICE: z.string().optional(),
    /** Maps our template data keys to a real template's, e.g. "title=thing2,time=date5" (see server/WECHAT.md). */
    WX_TEMPLATE_REMINDER_FIELDS: z.string().optional(),
    WX_TEMPLATE_NOTICE_FIELDS: z.string().optional(),
    /** The bot's service token: a secret that publishes notices, so long enough not to be guessed. */
    BOT_TOKEN: unsetIfEmpty(z.string().min(BOT_TOKEN_MIN, `至少 ${BOT_TOKEN_MIN} 个字符（例如 openssl rand -base64 32）`)),
    /** scrypt cost of staff passwords: 2^17 (OWASP); only tests lower it. Older hashes are remade at login. */
    SCRYPT_N: z.coerce
      .number()
      .int()
      .min(1024)
      .max(2 ** 20)
      .refine((n) => (n & (n - 1)) === 0, '应为 2 的幂')
      .default(SCRYPT_N_DEFAULT),
    RATE_LIMIT: z.coerce.number().int().min(0).default(60),
    MEAL_DAYS_AHEAD: z.coerce.number().int().min(0).max(30).default(MEAL_DAYS_AHEAD_DEFAULT),
    /**
     * Days a legal question is kept after its appointment. 0 is refused rather than read as "never"
     * or "at once": the lawyer needs the question on the day, and the notice promises a deletion.
     */
    LEGAL_RETENTION_DAYS: unsetIfEmpty(
      z.preprocess(
        (v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
        z.number({ message: retentionMessage }).int(retentionMessage).min(1, retentionMessage).max(LEGAL_RETENTION_DAYS_MAX, retentionMessage),
      ),
    ).transform((v) => v ?? LEGAL_RETENTION_DAYS_DEFAULT),
    /** Public URL of the h5 app, used in QR codes when WeChat is not configured. */
    PUBLIC_URL: z.string().url().optional(),
    /** pino level; "silent" turns logging off (LOG=0 is kept as a shorthand for it). */
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default(env.LOG === '0' ? 'silent' : 'info'),
    /** Bearer token for GET /metrics (Prometheus); unset = no /metrics. */
    METRICS_TOKEN: z.string().min(16, '至少 16 个字符').optional(),
    /** Serve /docs and /openapi.json (the API's own description); off in production unless asked for. */
    DOCS: flag(!production),
    H5_DIR: z.string().default('miniapp/dist/h5'),
    BODY_LIMIT: z.coerce.number().int().min(1024).default(64 * 1024),
    /** Refuse and report every write made without its locks (server/store/audit.ts); the test suites turn it on. */
    LOCK_AUDIT: flag(false),
    /**
     * Whom to believe about the client address (X-Forwarded-For), for rate limits: empty = nobody
     * (a client could otherwise claim any address); else the proxies' addresses or CIDRs, comma
     * separated (e.g. "127.0.0.1,10.0.0.0/8").
     */
    TRUST_PROXY: z
      .string()
      .optional()
      .transform((v): boolean | string => (!v ? false : v)),
  });
}

export type Config = z.infer<ReturnType<typeof configSchema>>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const r = configSchema(env).safeParse(env);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new Error(`配置错误：环境变量 ${issue.path.join('.')} ${issue.message}`);
  }
  return r.data;
}

/** Config for tests and tools: defaults plus overrides, no environment read. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...configSchema({}).parse({}), DEV_LOGIN: true, LOG_LEVEL: 'silent', ...overrides };
}
