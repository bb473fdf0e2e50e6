/**
 * The bot's small HTTP listener for platform callbacks (WeCom robot, mini-program 客服). node:http,
 * no framework: two routes, bodies of a few KB, answers within WeCom's and WeChat's 5 seconds.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface CallbackRequest {
  method: string;
  query: URLSearchParams;
  body: string;
}

export interface CallbackResponse {
  status: number;
  body: string;
  contentType?: string;
}

export type CallbackRoute = (req: CallbackRequest) => Promise<CallbackResponse>;

export interface CallbackServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

// Callback bodies are one encrypted message: a few KB. Anything larger is not WeCom or WeChat.
const MAX_BODY_BYTES = 256 * 1024;

export async function startCallbackServer(opts: {
  host: string;
  port: number;
  routes: Record<string, CallbackRoute>;
  log?: (level: 'info' | 'warn', message: string) => void;
}): Promise<CallbackServer> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://bot.local');
    const route = opts.routes[url.pathname.replace(/\/+$/, '') || '/'];
    const send = (r: CallbackResponse) => {
      res.writeHead(r.status, { 'content-type': r.contentType ?? 'text/plain; charset=utf-8' });
      res.end(r.body);
    };
    if (url.pathname === '/healthz') return send({ status: 200, body: 'ok' });
    if (!route) return send({ status: 404, body: 'not found' });
    if (req.method !== 'GET' && req.method !== 'POST') return send({ status: 405, body: 'method not allowed' });
    readBody(req)
      .then((body) => route({ method: req.method!, query: url.searchParams, body }))
      .then(send, (err: Error) => {
        // Never the message content: only what failed.
        opts.log?.('warn', `回调处理失败（${url.pathname}）：${err.message}`);
        send({ status: (err as { status?: number }).status ?? 500, body: 'error' });
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const address = server.address() as { port: number };
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(Object.assign(new Error('body too large'), { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
