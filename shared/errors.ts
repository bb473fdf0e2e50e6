/**
 * The closed list of error codes the API answers with (see ../shared/docs/API.md).
 * Clients branch on `code`; the Chinese text comes from `messages.ts`.
 */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  UNKNOWN_CODE: 404,
  QUOTA_FULL: 409,
  DUPLICATE: 409,
  CLOSED: 409,
  ALREADY_CHECKED_IN: 409,
  WRONG_DATE: 409,
  WRONG_STATION: 409,
  CANCELLED: 409,
  WAITLISTED: 409,
  PAYLOAD_TOO_LARGE: 413,
  IDEMPOTENCY_MISMATCH: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** A refusal by a business rule or validation; the server maps it to the error format. */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly field?: string,
  ) {
    super(message ?? code);
  }
}

export interface ApiErrorBody {
  error: { code: ErrorCode | string; message: string; field?: string };
}
