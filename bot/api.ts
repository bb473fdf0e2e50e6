/** The bot talks to the server like any other client: over HTTP, never through the data file. */

export interface MealStation {
  id: string;
  name: string;
  address: string;
  district: string;
  hours: string;
  dailyQuota: number;
  remaining: number;
}
export interface Studio {
  id: string;
  name: string;
  company?: string;
  field?: string;
}
export interface StudioSession {
  id: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  remaining: number;
  waitlisted?: number;
}
export interface LegalSlot {
  id: string;
  startsAt: string;
  mode: 'onsite' | 'phone' | 'video';
  available: boolean;
  lawyer?: string | null;
}
export interface Notice {
  id: string;
  seq: number;
  title: string;
  body: string;
  link: string | null;
  authorName: string | null;
  createdAt: string;
}

/** The server could not be reached (down, timeout, network). */
export class ApiUnreachableError extends Error {
  override name = 'ApiUnreachableError';
}

/** The server answered with an error object (`{"error":{"code","message"}}`). */
export class ApiResponseError extends Error {
  override name = 'ApiResponseError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ApiClientOptions {
  baseUrl: string;
  /** The bot's service token (server env BOT_TOKEN); needed only to publish notices. */
  botToken?: string;
  timeoutMs?: number;
}

export type ApiClient = ReturnType<typeof createApiClient>;

export function createApiClient({ baseUrl, botToken, timeoutMs = 5000 }: ApiClientOptions) {
  const base = baseUrl.replace(/\/+$/, '');

  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown, auth = false): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (auth && botToken) headers.authorization = `Bearer ${botToken}`;
    let res: Response;
    try {
      res = await fetch(base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new ApiUnreachableError(`无法连接服务器 ${base}: ${(err as Error).message}`);
    }
    const text = await res.text();
    let data: unknown = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      // A proxy error page, not our API.
      throw new ApiUnreachableError(`服务器返回了非 JSON 内容（HTTP ${res.status}）`);
    }
    if (!res.ok) {
      const e = (data as { error?: { code?: string; message?: string } } | null)?.error;
      throw new ApiResponseError(res.status, e?.code ?? 'HTTP_' + res.status, e?.message ?? `HTTP ${res.status}`);
    }
    return data as T;
  }

  return {
    baseUrl: base,
    mealStations: (date?: string) =>
      call<{ date: string; stations: MealStation[] }>('GET', `/api/meal-stations${date ? `?date=${encodeURIComponent(date)}` : ''}`),
    studios: () => call<{ studios: Studio[] }>('GET', '/api/studios').then((r) => r.studios),
    sessions: (studioId: string) =>
      call<{ sessions: StudioSession[] }>('GET', `/api/studios/${encodeURIComponent(studioId)}/sessions`).then((r) => r.sessions),
    legalSlots: () => call<{ slots: LegalSlot[] }>('GET', '/api/legal/slots').then((r) => r.slots),
    /** Newest first; `since` is the seq cursor (only notices with a larger seq). */
    notices: (since?: number) =>
      call<{ notices: Notice[] }>('GET', `/api/notices${since !== undefined ? `?since=${since}` : ''}`).then((r) => r.notices),
    /**
     * The WeChat URL Link that opens `page` from a chat (`GET /api/links`); null when the server has
     * no WeChat or WeChat failed (it answers its h5 address then), without the bot token, or when the
     * server cannot be asked: the caller then links its own h5 address (H5_BASE_URL).
     */
    pageLink: (page: string) =>
      botToken
        ? call<{ url: string; kind: string }>('GET', `/api/links?page=${encodeURIComponent(page)}`, undefined, true).then(
            (r) => (r.kind === 'urllink' ? r.url : null),
            () => null,
          )
        : Promise.resolve(null),
    publishNotice: (input: { title: string; body: string; link?: string; onBehalfOf: string }) =>
      call<{ notice: Notice }>('POST', '/api/notices', input, true).then((r) => r.notice),
  };
}
