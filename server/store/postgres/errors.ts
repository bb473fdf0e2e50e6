/** Which PostgreSQL failures mean "the database cannot serve now" (503) or "run it again". */
import { StoreUnavailableError } from '../types.js';

const UNAVAILABLE_CODES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down, recovering)
  '57014', // query_canceled (statement_timeout)
  '55P03', // lock_not_available (lock_timeout)
  '25P03', // idle_in_transaction_session_timeout
  '3D000', // database does not exist (dropped under us)
  '53300', // too_many_connections
  '53100', // disk_full
  '53200', // out_of_memory
  '58030', // io_error
]);

const NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN', 'ENETUNREACH']);

const MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /Client was closed/i,
  /connection is closed/i,
  /Cannot use a pool after calling end/i,
];

function codeOf(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

/** True when the connection (not the statement) failed: the client must be thrown away. */
export function isConnectionError(err: unknown): boolean {
  if (err instanceof StoreUnavailableError) return true;
  const code = codeOf(err);
  if (code && (NODE_CODES.has(code) || UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  const message = err instanceof Error ? err.message : '';
  return MESSAGES.some((re) => re.test(message));
}

/** The socket itself failed (not a timeout or a refusal of one statement): a fresh connection may work. */
export function isSocketError(err: unknown): boolean {
  const code = codeOf(err);
  if (code && (NODE_CODES.has(code) || code === '57P01' || code === '57P02' || code.startsWith('08'))) return true;
  const message = err instanceof Error ? err.message : '';
  return /Connection terminated|connection is closed|Client has encountered a connection error/i.test(message);
}

/** Deadlock, serialization failure or a unique race: the whole transaction can run again. */
export function isRetryable(err: unknown): boolean {
  const code = codeOf(err);
  return code === '40P01' || code === '40001' || code === '23505';
}

/** Store failures become StoreUnavailableError (answered 503); anything else passes unchanged. */
export function toStoreError(err: unknown): unknown {
  if (err instanceof StoreUnavailableError || !isConnectionError(err)) return err;
  const detail = err instanceof Error ? err.message : String(err);
  const e = new StoreUnavailableError(`数据库暂时无法使用，请稍后再试（${detail}）`);
  (e as { cause?: unknown }).cause = err;
  return e;
}
