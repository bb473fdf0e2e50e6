/** Notices to 企业微信 group robots without any WeChat login (for unions that cannot keep one). */
import { createApiClient } from './api.js';
import { createBroadcaster, type Broadcaster } from './broadcast.js';
import { CursorStore } from './cursor-store.js';
import { wecomTarget } from './wecom.js';

export interface RelayOptions {
  apiBaseUrl: string;
  /** The bot's service token: with it the links are the server's (WeChat URL Links where configured). */
  botToken?: string;
  wecomWebhookUrls: string[];
  h5BaseUrl?: string;
  stateFile?: string;
  intervalMs?: number;
  pollIntervalMs?: number;
  log?: (level: 'info' | 'warn', message: string) => void;
  /** An open cursor store (shared with the other broadcasters of the process); else `stateFile` is opened. */
  cursors?: CursorStore;
}

export async function startWecomRelay(opts: RelayOptions): Promise<Broadcaster> {
  const api = createApiClient({ baseUrl: opts.apiBaseUrl, botToken: opts.botToken });
  const relay = createBroadcaster({
    api,
    cursors: opts.cursors ?? (await CursorStore.open(opts.stateFile)),
    targets: opts.wecomWebhookUrls.map((u) => wecomTarget(u, opts.h5BaseUrl ?? opts.apiBaseUrl, api)),
    intervalMs: opts.intervalMs ?? 3000,
    pollMs: opts.pollIntervalMs ?? 5000,
    log: opts.log,
  });
  await relay.start();
  return relay;
}
