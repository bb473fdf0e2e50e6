/**
 * The tabBar icons (miniapp/src/assets/tab/*.png): 首页, 通知, 我的, grey and selected red, 81×81 px as
 * WeChat recommends (each file well under its 40 KB limit). Drawn here from simple shapes, 4×4
 * supersampled, and written as PNG with node's zlib, so the icons are reproducible without an image
 * editor or a dependency: `npx tsx scripts/tab-icons.ts` rewrites them (they are committed).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 81;
const SS = 4;
const GREY = [0x88, 0x88, 0x88];
const RED = [0xc8, 0x10, 0x2e]; // the navigation bar's colour (app.config.ts)

type Shape = (x: number, y: number) => boolean;
const circle = (cx: number, cy: number, r: number): Shape => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const rect = (x0: number, y0: number, x1: number, y1: number): Shape => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const union = (...s: Shape[]): Shape => (x, y) => s.some((f) => f(x, y));
const minus = (a: Shape, b: Shape): Shape => (x, y) => a(x, y) && !b(x, y);

// coordinates in [0, 1], y downwards
const home = minus(
  union(
    (x, y) => y >= 0.12 && y <= 0.5 && Math.abs(x - 0.5) <= ((y - 0.12) / 0.38) * 0.42, // roof
    rect(0.2, 0.45, 0.8, 0.88),
  ),
  rect(0.42, 0.62, 0.58, 0.88), // door
);
const bell = union(
  circle(0.5, 0.42, 0.24),
  (x, y) => y >= 0.42 && y <= 0.72 && Math.abs(x - 0.5) <= 0.24 + ((y - 0.42) / 0.3) * 0.12,
  rect(0.12, 0.7, 0.88, 0.76),
  circle(0.5, 0.84, 0.07),
  circle(0.5, 0.16, 0.05),
);
const person = union(circle(0.5, 0.3, 0.17), (x, y) => y <= 0.88 && ((x - 0.5) / 0.36) ** 2 + ((y - 0.92) / 0.36) ** 2 <= 1);

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function png(shape: Shape, rgb: number[]): Buffer {
  const rows: Buffer[] = [];
  for (let py = 0; py < SIZE; py++) {
    const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0, then RGBA
    for (let px = 0; px < SIZE; px++) {
      let hits = 0;
      for (let sy = 0; sy < SS; sy++)
        for (let sx = 0; sx < SS; sx++) if (shape((px + (sx + 0.5) / SS) / SIZE, (py + (sy + 0.5) / SS) / SIZE)) hits++;
      row.set([rgb[0]!, rgb[1]!, rgb[2]!, Math.round((255 * hits) / (SS * SS))], 1 + px * 4);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const ICONS = { home, notices: bell, mine: person };
export const COLOURS = { '': GREY, '-on': RED };

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'miniapp', 'src', 'assets', 'tab');
  mkdirSync(dir, { recursive: true });
  for (const [name, shape] of Object.entries(ICONS))
    for (const [suffix, rgb] of Object.entries(COLOURS)) writeFileSync(join(dir, `${name}${suffix}.png`), png(shape, rgb));
  console.log(`tab icons written to ${dir}`);
}
