/** The committed tab bar icons are what scripts/tab-icons.ts draws (so they can be redrawn, not hand-edited). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { COLOURS, ICONS, png } from '../../scripts/tab-icons.js';

const DIR = join(__dirname, '../../miniapp/src/assets/tab');

describe('tab bar icons', () => {
  for (const [name, shape] of Object.entries(ICONS))
    for (const [suffix, rgb] of Object.entries(COLOURS))
      it(`${name}${suffix}.png is the script's drawing, 81×81 RGBA, partly transparent`, () => {
        const file = readFileSync(join(DIR, `${name}${suffix}.png`));
        expect(file.equals(png(shape, rgb))).toBe(true);
        expect([file.readUInt32BE(16), file.readUInt32BE(20)]).toEqual([81, 81]);
        // the IDAT holds 81 rows of a filter byte + 81 RGBA pixels; some pixels opaque, some clear
        const idat = file.subarray(33 + 8, file.length - 12 - 4);
        const raw = inflateSync(idat);
        expect(raw.length).toBe(81 * (1 + 81 * 4));
        const alphas = new Set<number>();
        for (let i = 0; i < raw.length; i++) if (i % (1 + 81 * 4) !== 0 && (i % (1 + 81 * 4)) % 4 === 0) alphas.add(raw[i]!);
        expect(alphas.has(0) && alphas.has(255)).toBe(true);
      });
});
