/**
 * One home per rule: no import cycle in the code, the client-facing rule modules stay free of zod and
 * dayjs, and no client or server file spells out again a list, label or limit of shared/domain.ts.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as domain from '../../shared/domain.js';

const ROOT = resolve(import.meta.dirname, '../..');
const FOLDERS = ['shared', 'server', 'bot', 'miniapp/src'];

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}
const FILES = FOLDERS.flatMap((f) => sources(join(ROOT, f)));
const rel = (p: string) => relative(ROOT, p);

/** Static imports of a file that exist at run time (`import type` is erased): relative paths resolved, packages by name. */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
    if (m[1]) continue;
    const spec = m[2]!;
    if (!spec.startsWith('.')) {
      out.push(spec);
      continue;
    }
    const base = resolve(dirname(file), spec.replace(/\.js$/, ''));
    const hit = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((p) => existsSync(p));
    if (hit) out.push(hit);
  }
  return out;
}
const GRAPH = new Map(FILES.map((f) => [f, imports(f)]));

function cycles(): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string) => {
    state.set(f, 'open');
    stack.push(f);
    for (const g of GRAPH.get(f) ?? []) {
      if (!GRAPH.has(g)) continue;
      if (state.get(g) === 'open') found.push([...stack.slice(stack.indexOf(g)), g].map(rel));
      else if (!state.has(g)) visit(g);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of FILES) if (!state.has(f)) visit(f);
  return found;
}

/** Every package a module pulls in at run time, through its local imports. */
function packagesReached(file: string, seen = new Set<string>()): Set<string> {
  const pkgs = new Set<string>();
  if (seen.has(file)) return pkgs;
  seen.add(file);
  for (const g of GRAPH.get(file) ?? []) {
    if (GRAPH.has(g)) for (const p of packagesReached(g, seen)) pkgs.add(p);
    else if (!g.startsWith('/')) pkgs.add(g);
  }
  return pkgs;
}

describe('one home per rule', () => {
  it('has no import cycle', () => {
    expect(cycles()).toEqual([]);
  });

  it.each(['shared/domain.ts', 'shared/booking/index.ts', 'shared/calendar/days.ts', 'shared/messages.ts'])(
    '%s brings no zod or dayjs to the clients that import it',
    (f) => {
      const reached = [...packagesReached(join(ROOT, f))];
      expect(reached.filter((p) => /^(zod|dayjs)(\/|$)/.test(p))).toEqual([]);
    },
  );

  it('the mini-program and the bot import the one module', () => {
    const importers = FILES.filter((f) => GRAPH.get(f)!.includes(join(ROOT, 'shared/domain.ts'))).map(rel);
    expect(importers.some((f) => f.startsWith('miniapp/'))).toBe(true);
    expect(importers.some((f) => f.startsWith('bot/'))).toBe(true);
  });

  // shared/domain.ts itself, and the rights module (issue 14 moves its category list onto domain.ts).
  const SCANNED = FILES.filter((f) => !f.endsWith('shared/domain.ts') && !rel(f).startsWith('shared/rights/'));
  const quoted = (v: string) => `(['"\`])${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\1`;

  function copies(test: (line: string) => boolean): string[] {
    const out: string[] = [];
    for (const f of SCANNED) {
      readFileSync(f, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (test(line)) out.push(`${rel(f)}:${i + 1}: ${line.trim()}`);
        });
    }
    return out;
  }

  it.each([
    ['SERVICE_LABELS', domain.SERVICE_LABELS],
    ['STATUS_LABELS', domain.STATUS_LABELS],
    ['LEGAL_MODE_LABELS', domain.LEGAL_MODE_LABELS],
  ] as const)('no file spells out %s again', (_name, labels) => {
    const pairs = Object.entries(labels).map(([k, v]) => new RegExp(`\\b${k}['"]?\\s*:\\s*${quoted(v)}`));
    expect(copies((line) => pairs.some((p) => p.test(line)))).toEqual([]);
  });

  it.each([
    ['LEGAL_CATEGORIES', domain.LEGAL_CATEGORIES],
    ['STAFF_ROLES', domain.STAFF_ROLES],
    ['BOOKING_STATUSES', domain.BOOKING_STATUSES],
    ['SERVICES', domain.SERVICES],
  ] as const)('no line lists the members of %s again', (_name, list) => {
    const members = list.map((v) => new RegExp(quoted(v)));
    expect(copies((line) => members.filter((m) => m.test(line)).length >= Math.min(3, list.length))).toEqual([]);
  });

  it('no limit is written as a number again', () => {
    const limits = [domain.NAME_MAX, domain.LEGAL_DESCRIPTION_MAX].join('|');
    expect(copies((line) => new RegExp(`maxlength=\\{(${limits})\\}`).test(line))).toEqual([]);
    expect(copies((line) => /party/i.test(line) && new RegExp(`\\b(min|max)\\b\\D{0,4}${domain.PARTY_SIZE.max}\\b`).test(line))).toEqual([]);
    expect(copies((line) => /DAYS_AHEAD\s*=\s*\d/.test(line))).toEqual([]);
  });
});
