/**
 * The one caller of Taro.request. Every endpoint lives here so pages never build URLs.
 * Types come from shared/schemas as types only (zod itself would add ~94 KB per page).
 */
import Taro from '@tarojs/taro';
import type {
  BookingView,
  Booking,
  LegalCategory,
  LegalSlotView,
  MealStationView,
  Notice,
  PublicUser,
  AuditEntry,
  ReportRow,
  Studio,
  StudioSessionView,
} from '../../../shared/schemas/index';
import { ERROR_MESSAGES } from '../../../shared/messages';
import { getToken, setSession, clearSession } from './session';
import type { RightsAnswer } from '../../../shared/rights/schema';

/** h5 is served by the API server itself; weapp needs an absolute https base. */
export const API_BASE = process.env.TARO_ENV === 'h5' ? '' : process.env.TARO_APP_API_BASE || '';

export class ApiError extends Error {
  constructor(
    public code: string,
    message: string,
    public status: number,
    public field?: string,
  ) {
    super(message);
  }
}

/** A sentence the worker understands, for any error thrown by this module or the network. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    // The server's own Chinese sentence says more than the per-code default (which is its fallback).
    if (e.message && /[\u4e00-\u9fff]/.test(e.message)) return e.message;
    return (ERROR_MESSAGES as Record<string, string>)[e.code] ?? ERROR_MESSAGES.INTERNAL;
  }
  return '网络不太好，请检查网络后再试';
}

/** errorText for a refused booking, with what to do next. */
export function bookingErrorText(e: unknown): string {
  const text = errorText(e);
  if (e instanceof ApiError && e.code === 'DUPLICATE') return `${text.replace(/[。.]$/, '')}，可在「我的」查看。`;
  return text;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
}

function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `${path}?${parts.join('&')}` : path;
}

export function authHeader(): Record<string, string> {
  const token = getToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

export async function request<T>(method: Method, path: string, opts: RequestOptions = {}): Promise<T> {
  let res: Taro.request.SuccessCallbackResult<any>;
  try {
    res = await Taro.request({
      url: API_BASE + withQuery(path, opts.query),
      method,
      // Fastify rejects an empty body sent as JSON, so bodiless POST/DELETE send {}.
      data: (opts.body ?? (method === 'GET' ? undefined : {})) as any,
      header: { ...(method === 'GET' ? {} : { 'content-type': 'application/json' }), ...authHeader(), ...opts.headers },
      dataType: 'json',
    });
  } catch {
    throw new ApiError('NETWORK', '网络不太好，请检查网络后再试', 0);
  }
  if (res.statusCode >= 200 && res.statusCode < 300) return res.data as T;
  const err = res.data && typeof res.data === 'object' ? (res.data as any).error : undefined;
  // A dead token (expired, logged out, erased): forget it so the page offers login again.
  if (res.statusCode === 401) clearSession();
  throw new ApiError(err?.code ?? 'INTERNAL', err?.message ?? ERROR_MESSAGES.INTERNAL, res.statusCode, err?.field);
}

function newKey(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export interface AuthResult {
  token: string;
  user: PublicUser;
}

async function saveLogin(p: Promise<AuthResult>): Promise<PublicUser> {
  const r = await p;
  setSession(r.token, r.user);
  return r.user;
}

export type BookingRequest =
  | { service: 'meal'; stationId: string; date: string }
  | { service: 'studio'; sessionId: string; partySize: number }
  | { service: 'legal'; slotId: string; category: LegalCategory; description: string; phone: string };

/** The answer object of POST /api/ask (shared/rights/schema.ts). */
export type AskAnswer = RightsAnswer;

export interface PublicConfig {
  subscribeTemplates: { reminder?: string; notice?: string };
  /** How many days after today a meal can be booked. */
  mealDaysAhead?: number;
  /** Days a legal question is kept after its appointment (LEGAL_RETENTION_DAYS). */
  legalRetentionDays?: number;
}
let configPromise: Promise<PublicConfig> | null = null;

/** Ends the session on the server (ignoring any failure), then forgets it here. */
export async function logout(): Promise<void> {
  if (getToken()) await api.logout().catch(() => undefined);
  clearSession();
}

export const api = {
  authConfig: () => request<{ devLogin: boolean; wechat: boolean }>('GET', '/api/auth/config'),
  publicConfig: () => request<PublicConfig>('GET', '/api/config/public'),
  /** publicConfig, fetched once per app run (a failed fetch is retried next time). */
  publicConfigOnce: (): Promise<PublicConfig> => {
    if (!configPromise) configPromise = api.publicConfig().catch((e) => ((configPromise = null), Promise.reject(e)));
    return configPromise;
  },
  logout: () => request<unknown>('POST', '/api/auth/logout'),
  devLogin: (name: string, phone: string) =>
    saveLogin(request<AuthResult>('POST', '/api/auth/dev-login', { body: { name, phone } })),
  wechatLogin: (code: string) => saveLogin(request<AuthResult>('POST', '/api/auth/wechat', { body: { code } })),
  staffLogin: (username: string, password: string) =>
    saveLogin(request<AuthResult>('POST', '/api/auth/staff', { body: { username, password } })),
  me: () => request<PublicUser>('GET', '/api/me'),
  /** 「微信手机号快捷填写」: the phone behind a getPhoneNumber code, to fill a form with (nothing is saved). */
  wechatPhone: (code: string) => request<{ phone: string }>('POST', '/api/auth/wechat-phone', { body: { code } }),
  /** A link that opens `page` from a chat: a WeChat URL Link where the server has WeChat, else the h5 address (staff). */
  pageLink: (page: string) =>
    request<{ url: string; kind: 'urllink' | 'h5'; expiresAt: string | null }>('GET', '/api/links', { query: { page } }),
  updateMe: (patch: { name?: string; phone?: string }) => request<PublicUser>('PATCH', '/api/me', { body: patch }),
  eraseMe: () => request<void>('DELETE', '/api/me'),

  stations: (date?: string) =>
    request<{ date: string; stations: MealStationView[] }>('GET', '/api/meal-stations', { query: { date } }),
  studios: () => request<{ studios: Studio[] }>('GET', '/api/studios'),
  sessions: (studioId: string) =>
    request<{ sessions: StudioSessionView[] }>('GET', `/api/studios/${encodeURIComponent(studioId)}/sessions`),
  legalSlots: (from?: string, to?: string) =>
    request<{ slots: LegalSlotView[] }>('GET', '/api/legal/slots', { query: { from, to } }),

  book: (body: BookingRequest) =>
    request<{ booking: Booking }>('POST', '/api/bookings', { body, headers: { 'Idempotency-Key': newKey() } }),
  myBookings: () => request<{ bookings: BookingView[] }>('GET', '/api/bookings/mine'),
  /** `reason`: staff cancelling on a worker's behalf say why (the worker reads it in 我的). */
  cancel: (id: string, reason?: string) =>
    request<{ booking: Booking }>('POST', `/api/bookings/${encodeURIComponent(id)}/cancel`, { body: reason ? { reason } : {} }),
  subscribe: (templateIds: string[], kind: 'reminder' | 'notice') =>
    request<unknown>('POST', '/api/subscriptions', { body: { templateIds, kind } }),

  notices: () => request<{ notices: Notice[] }>('GET', '/api/notices'),
  notice: (id: string) => request<{ notice: Notice }>('GET', `/api/notices/${encodeURIComponent(id)}`),
  /** `point`: the choice picked after an ask-back (「你想问的是：1. … 2. …」). */
  ask: (question: string, point?: string) => request<AskAnswer>('POST', '/api/ask', { body: point ? { question, point } : { question } }),

  // Staff
  /** `stationId` makes the server refuse a meal voucher of another station (WRONG_STATION). */
  checkin: (code: string, stationId?: string) =>
    request<{ booking: BookingView }>('POST', '/api/checkins', {
      body: stationId ? { code, stationId } : { code },
      headers: { 'Idempotency-Key': newKey() },
    }),
  /** `key`: one Idempotency-Key per form, so a double tap on 发布 publishes once. */
  publishNotice: (body: { title: string; body: string; link?: string }, key: string = newKey()) =>
    request<{ notice: Notice }>('POST', '/api/notices', { body, headers: { 'Idempotency-Key': key } }),
  editNotice: (id: string, body: { title?: string; body?: string; link?: string | null }) =>
    request<{ notice: Notice }>('PATCH', `/api/notices/${encodeURIComponent(id)}`, { body }),
  withdrawNotice: (id: string) => request<void>('DELETE', `/api/notices/${encodeURIComponent(id)}`),
  adminBookings: (query: AdminBookingsQuery) =>
    request<{ bookings: AdminBooking[]; nextCursor: string | null }>('GET', '/api/admin/bookings', { query: query as RequestOptions['query'] }),
  /** The counter: a repeat of my own scan within a minute answers the earlier success (`repeat`). */
  counterCheckin: (code: string, stationId: string | undefined, key: string) =>
    request<{ booking: BookingView; memberName?: string | null; repeat?: boolean }>('POST', '/api/checkins', {
      body: { code, repeatOk: true, ...(stationId ? { stationId } : {}) },
      headers: { 'Idempotency-Key': key },
    }),
  myCheckins: () => request<{ date: string; checkins: CheckInLine[] }>('GET', '/api/checkins'),
  undoCheckin: (bookingId: string) => request<{ booking: Booking }>('POST', `/api/checkins/${encodeURIComponent(bookingId)}/undo`),
  consultations: (query: { from?: string; to?: string } = {}) =>
    request<{ from: string; to: string; consultations: Consultation[] }>('GET', '/api/legal/consultations', { query }),
  consultationOutcome: (bookingId: string, body: { outcome: 'done' | 'no_show'; note?: string }) =>
    request<unknown>('POST', `/api/legal/consultations/${encodeURIComponent(bookingId)}/outcome`, { body }),
  closeStation: (stationId: string, body: { date: string; reason: string }) =>
    request<{ cancelled: number }>('POST', `/api/admin/meal-stations/${encodeURIComponent(stationId)}/closures`, { body }),
  users: () => request<{ users: PublicUser[] }>('GET', '/api/admin/users'),
  createUser: (body: { username: string; password: string; role: string; name?: string }) =>
    request<{ user: PublicUser }>('POST', '/api/admin/users', { body }),
  updateUser: (id: string, body: { role?: string; password?: string; disabled?: boolean; name?: string }) =>
    request<{ user: PublicUser }>('PATCH', `/api/admin/users/${encodeURIComponent(id)}`, { body }),
  audit: (query: { from?: string; to?: string; action?: string; actor?: string }) =>
    request<{ entries: AuditEntry[] }>('GET', '/api/admin/audit', { query }),
  /** URL of the bookings or report file (XLSX or CSV); fetch it with authHeader() (fileUrl). */
  exportUrl: (what: 'bookings' | 'stats', query: Record<string, string | undefined>, format: 'xlsx' | 'csv') =>
    API_BASE + withQuery(what === 'bookings' ? '/api/admin/bookings' : '/api/admin/stats', { ...query, format }),
  /** Counts per day and station, session or slot (booked, checked in, cancelled, no-shows). */
  stats: (query: { from: string; to: string; service?: string }) =>
    request<{ rows: ReportRow[] }>('GET', '/api/admin/stats', { query }),
  adminCreate: <T>(kind: AdminKind, body: unknown) => request<T>('POST', `/api/admin/${kind}`, { body }),
  adminUpdate: <T>(kind: AdminKind, id: string, body: unknown) =>
    request<T>('PATCH', `/api/admin/${kind}/${encodeURIComponent(id)}`, { body }),
  adminDelete: (kind: AdminKind, id: string) =>
    request<unknown>('DELETE', `/api/admin/${kind}/${encodeURIComponent(id)}`),
  /** URL of a staff-only file; fetch it with authHeader(). */
  exportCsvUrl: (query: { service?: string; date?: string }) =>
    API_BASE + withQuery('/api/admin/bookings', { ...query, format: 'csv' }),
  qrcodeUrl: (page: string, scene: string) => API_BASE + withQuery('/api/qrcode', { page, scene }),
};

export type AdminKind = 'meal-stations' | 'studios' | 'sessions' | 'legal-slots';

/** A fresh Idempotency-Key (one per form or scan). */
export { newKey };

export interface AdminBookingsQuery {
  service?: string;
  date?: string;
  stationId?: string;
  sessionId?: string;
  slotId?: string;
  q?: string;
  limit?: number;
  cursor?: string;
}

export type AdminBooking = Booking & {
  placeName: string | null;
  appointment?: string | null;
  serviceDate: string | null;
  memberName: string | null;
  memberPhone: string | null;
};

export interface CheckInLine {
  id: string;
  code: string;
  service: Booking['service'];
  placeName: string | null;
  memberName: string | null;
  partySize: number | null;
  checkedInAt: string;
  undoUntil: string;
}

export interface Consultation {
  bookingId: string;
  code: string;
  startsAt: string | null;
  endsAt: string | null;
  mode: string | null;
  location: string | null;
  lawyer: string | null;
  memberName: string | null;
  phone: string | null;
  category: string | null;
  description: string | null;
  checkedInAt: string | null;
  outcome: 'done' | 'no_show' | null;
  note: string | null;
}

/** The entity a create route answers: tolerate both `{station:{…}}` and the bare entity. */
export function entityOf<T>(res: unknown): T {
  if (res && typeof res === 'object' && !('id' in (res as object))) {
    const values = Object.values(res as object);
    if (values.length === 1 && values[0] && typeof values[0] === 'object') return values[0] as T;
  }
  return res as T;
}

/** A staff-only file (QR PNG, CSV) as a local URL: a blob URL on h5, a temp file on weapp. */
export async function fileUrl(url: string): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    let res: Response;
    try {
      res = await fetch(url, { headers: authHeader() });
    } catch {
      throw new ApiError('NETWORK', '网络不太好，请检查网络后再试', 0);
    }
    if (!res.ok) {
      const body = await res.json().catch(() => null);
      throw new ApiError(body?.error?.code ?? 'INTERNAL', body?.error?.message ?? ERROR_MESSAGES.INTERNAL, res.status);
    }
    return URL.createObjectURL(await res.blob());
  }
  const r = await Taro.downloadFile({ url, header: authHeader() });
  if (r.statusCode !== 200) throw new ApiError(r.statusCode === 401 ? 'UNAUTHORIZED' : 'INTERNAL', ERROR_MESSAGES.INTERNAL, r.statusCode);
  return r.tempFilePath;
}

export { clearSession };
