/**
 * The deployment files (issue 9): compose.yaml parsed and checked for what docs/DEPLOY.md promises,
 * the Dockerfile's stages, and the nginx config through Debian's own `nginx -t` with a throwaway
 * certificate (the images themselves cannot be built here: no registry for base images).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configSchema } from '../../server/config.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let tmp: string | undefined;
afterAll(() => (tmp ? rm(tmp, { recursive: true, force: true }) : undefined));

interface Service {
  image?: string;
  build?: { context: string; target: string };
  environment?: Record<string, string>;
  command?: string[];
  deploy?: { replicas?: number };
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  read_only?: boolean;
}

describe('compose.yaml', async () => {
  const compose = parse(await readFile(join(ROOT, 'compose.yaml'), 'utf8'), { merge: true }) as { services: Record<string, Service> };
  const s = compose.services;

  it('has PostgreSQL, the server ×2, the bot and nginx on 80/443', () => {
    expect(Object.keys(s).sort()).toEqual(['bot', 'nginx', 'postgres', 'server']);
    expect(s.postgres!.image).toMatch(/^postgres:\d+/);
    expect(s.server!.deploy?.replicas).toBe(2);
    expect(s.server!.build).toEqual({ context: '.', target: 'server' });
    expect(s.bot!.command).toEqual(['node', 'bot/main.js']);
    expect(s.nginx!.build?.target).toBe('web');
    expect(s.nginx!.ports).toEqual(['80:80', '443:443']);
    expect(s.server!.depends_on?.postgres?.condition).toBe('service_healthy');
  });

  it("the server's environment passes the server's own config schema (production: docs off, logs on)", () => {
    const env = Object.fromEntries(
      Object.entries(s.server!.environment!).map(([k, v]) => [
        k,
        // ${NAME:?…} / ${NAME:-default}: what an operator's .env would put there
        String(v).replace(/\$\{(\w+):([?-])([^}]*)\}/g, (_m, name: string, kind: string, dflt: string) =>
          kind === '-' ? dflt : name === 'DOMAIN' ? 'gongyou.example.org' : `${name.toLowerCase()}-value-long-enough-0123456789`,
        ),
      ]),
    );
    const config = configSchema(env).parse(env);
    expect(config.DATABASE_URL).toMatch(/^postgres:\/\/gongyou:.*@postgres:5432\/gongyou$/);
    expect(config.PUBLIC_URL).toBe('https://gongyou.example.org');
    expect(config.DOCS).toBe(false);
    expect(config.DEV_LOGIN).toBe(false);
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.TRUST_PROXY).toBeTruthy();
  });

  it('holds no secret: every password and token comes from .env', () => {
    for (const svc of Object.values(s)) {
      for (const [k, v] of Object.entries(svc.environment ?? {})) {
        if (/PASSWORD|TOKEN|SECRET/.test(k)) expect(String(v), k).toMatch(/^\$\{\w+:[?-][^}]*\}$/);
      }
    }
    expect(s.server!.environment!.DATABASE_URL).toContain('${POSTGRES_PASSWORD:?');
  });
});

describe('Dockerfile', () => {
  it('is multi-stage on Node 22 LTS, runs as the unprivileged node user, and installs production dependencies only', async () => {
    const text = await readFile(join(ROOT, 'Dockerfile'), 'utf8');
    const stages = [...text.matchAll(/^FROM (\S+) AS (\w+)/gm)].map((m) => [m[2], m[1]]);
    expect(stages).toEqual([
      ['build', 'node:22-bookworm-slim'],
      ['server', 'node:22-bookworm-slim'],
      ['web', expect.stringMatching(/^nginx:/)],
    ]);
    const server = text.slice(text.indexOf('AS server'), text.indexOf('AS web'));
    expect(server).toMatch(/npm ci --omit=dev/);
    expect(server).toMatch(/^USER node$/m);
    expect(server).toMatch(/CMD \["node", "server\/main\.js"\]/);
    expect(server).not.toMatch(/tsx/);
  });

  it('package.json names Node 22 LTS as a supported engine (and this machine\'s Node 20 still installs)', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
    expect(pkg.engines.node).toMatch(/>=22/);
  });
});

const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find(existsSync);
describe.runIf(nginx)('nginx config', () => {
  it('passes nginx -t (with a throwaway certificate in place of the real one)', async () => {
    tmp = await mkdtemp(join(tmpdir(), 'gongyou-nginx-'));
    const certs = join(tmp, 'certs');
    const html = join(tmp, 'html');
    await mkdir(certs);
    await mkdir(html);
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=gongyou.example.org', '-keyout', join(certs, 'privkey.pem'), '-out', join(certs, 'fullchain.pem')], { stdio: 'pipe' });
    const site = (await readFile(join(ROOT, 'deploy/nginx/gongyou.conf'), 'utf8')).replaceAll('/etc/nginx/certs/', `${certs}/`).replaceAll('/usr/share/nginx/html', html);
    await writeFile(join(tmp, 'site.conf'), site);
    await writeFile(
      join(tmp, 'nginx.conf'),
      // the official image's main config, in short: mime types, then conf.d (our file)
      `pid ${tmp}/nginx.pid;\nerror_log stderr;\nevents {}\nhttp {\n  include /etc/nginx/mime.types;\n  access_log off;\n  client_body_temp_path ${tmp}/body;\n  proxy_temp_path ${tmp}/proxy;\n  include ${tmp}/site.conf;\n}\n`,
    );
    const r = spawnSync(nginx!, ['-t', '-p', tmp, '-c', join(tmp, 'nginx.conf')], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/syntax is ok/);
    expect(r.stderr).toMatch(/test is successful/);
  });
});
