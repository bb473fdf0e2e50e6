/** Finding 8 of issue 9: security headers on the h5 app, /docs and the API; /docs off in production; QR codes ignore Host. */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { admin, startServer, type TestServer } from '../helpers/server.js';

const INLINE = 'document.documentElement.style.fontSize = "20px";';
let dir: string;
let s: TestServer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gongyou-headers-'));
  await mkdir(join(dir, 'h5'));
  await writeFile(join(dir, 'h5', 'index.html'), `<!doctype html><title>工友驿站</title><script>${INLINE}</script><script src="/js/app.js"></script>`);
  await writeFile(join(dir, 'h5', 'app.css'), 'body{}');
  s = await startServer({ config: { H5_DIR: join(dir, 'h5') } });
});
afterAll(async () => {
  await s.close({ drop: true });
  await rm(dir, { recursive: true, force: true });
});

function expectHardened(h: Headers, where: string) {
  const policy = h.get('content-security-policy') ?? '';
  expect(policy, where).toMatch(/default-src 'self'/);
  expect(policy, where).toMatch(/frame-ancestors 'none'/);
  expect(policy, where).toMatch(/object-src 'none'/);
  expect(policy, where).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(h.get('x-content-type-options'), where).toBe('nosniff');
  expect(h.get('referrer-policy'), where).toBe('no-referrer');
  expect(h.get('x-frame-options'), where).toBe('DENY');
}

describe('security headers', () => {
  it.each(['/', '/app.css', '/docs/', '/docs/static/index.html', '/openapi.json', '/healthz', '/api/meal-stations', '/api/me', '/api/nope'])(
    '%s carries CSP with frame-ancestors, nosniff and a referrer policy',
    async (path) => {
      const r = await fetch(`${s.url}${path}`);
      expect(r.status, path).toBeLessThan(500);
      expectHardened(r.headers, path);
    },
  );

  it("the h5 page's inline script is allowed by its hash and by nothing broader", async () => {
    const r = await fetch(`${s.url}/`);
    const hash = createHash('sha256').update(INLINE).digest('base64');
    expect(r.headers.get('content-security-policy')).toContain(`script-src 'self' 'sha256-${hash}'`);
  });
});

describe('DOCS flag', () => {
  it('is on in development and off when NODE_ENV=production, unless DOCS=1', () => {
    expect(loadConfig({}).DOCS).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).DOCS).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', DOCS: '1' }).DOCS).toBe(true);
  });

  it('DOCS=0: /docs and /openapi.json are not served', async () => {
    const off = await startServer({ config: { DOCS: false } });
    try {
      expect((await fetch(`${off.url}/docs`)).status).toBe(404);
      expect((await fetch(`${off.url}/docs/static/index.html`)).status).toBe(404);
      expect((await fetch(`${off.url}/openapi.json`)).status).toBe(404);
      expect((await fetch(`${off.url}/healthz`)).status).toBe(200);
    } finally {
      await off.close({ drop: true });
    }
  });
});

describe('QR fallback', () => {
  /** GET with a Host header of our choosing (fetch does not allow setting it). */
  function getWithHost(url: string, host: string, token: string): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const req = request(url, { headers: { host, authorization: `Bearer ${token}` } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks)));
      });
      req.on('error', reject);
      req.end();
    });
  }
  const opts = { type: 'png', width: 480, margin: 2, errorCorrectionLevel: 'M' } as const;

  it('never takes its link from the Host header: the configured host and the port it listens on', async () => {
    const token = (await admin(s)).token!;
    const port = new URL(s.url).port;
    const forged = await getWithHost(`${s.url}/api/qrcode?page=pages/meals/index`, 'evil.example', token);
    expect(forged.equals(await QRCode.toBuffer(`http://127.0.0.1:${port}/#/pages/meals/index`, opts))).toBe(true);
  });

  it('the h5 fallback of GET /api/links never comes from the Host header either', async () => {
    const token = (await admin(s)).token!;
    const port = new URL(s.url).port;
    const forged = JSON.parse((await getWithHost(`${s.url}/api/links?page=pages/meals/index`, 'evil.example', token)).toString('utf8'));
    expect(forged).toEqual({ url: `http://127.0.0.1:${port}/#/pages/meals/index`, kind: 'h5', expiresAt: null });
  });

  it('uses PUBLIC_URL when set, whatever Host says', async () => {
    const pub = await startServer({ config: { PUBLIC_URL: 'https://gongyou.example.org' } });
    try {
      const token = (await admin(pub)).token!;
      const forged = await getWithHost(`${pub.url}/api/qrcode?page=pages/meals/index`, 'evil.example', token);
      expect(forged.equals(await QRCode.toBuffer('https://gongyou.example.org/#/pages/meals/index', opts))).toBe(true);
    } finally {
      await pub.close({ drop: true });
    }
  });
});
