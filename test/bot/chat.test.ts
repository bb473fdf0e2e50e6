/** A newcomer runs `npm run chat` (no WeChat, no server) and asks about unpaid wages. */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { freePort } from './world.js';

async function runChat(lines: string[], timeoutMs = 60_000): Promise<string> {
  // A port nobody listens on: services must fail politely, rights answers must still work.
  const apiBase = `http://127.0.0.1:${await freePort()}`;
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'chat'], {
      env: { ...process.env, API_BASE_URL: apiBase, WECHATY_LOG: 'silent' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`npm run chat did not finish in ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`npm run chat exited with ${code}:\n${out}`));
    });
    child.stdin.end(lines.map((l) => `${l}\n`).join(''));
  });
}

describe('npm run chat', () => {
  it('answers 老板拖欠工资怎么办 with citations and the consultation link, and says politely when the server is down', async () => {
    const out = await runChat(['老板拖欠工资怎么办', '爱心餐']);
    expect(out).toContain('工资');
    expect(out).toMatch(/依据：.*《劳动合同法》/);
    expect(out).toContain(`#/pages/legal/index?category=${encodeURIComponent('工资报酬')}`);
    expect(out).toContain('暂时连不上工友驿站服务器');
  });
});
