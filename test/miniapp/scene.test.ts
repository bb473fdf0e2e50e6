import { describe, expect, it } from 'vitest';
import { decodeScene } from '../../miniapp/src/services/scene.js';

describe('wxacode scene', () => {
  it('decodes the URL-encoded scene WeChat passes to the page', () => {
    expect(decodeScene('station%3Dst_1')).toEqual({ station: 'st_1' });
    expect(decodeScene(encodeURIComponent('station=st_1&date=2026-11-23'))).toEqual({ station: 'st_1', date: '2026-11-23' });
  });
  it('accepts an already decoded scene and ignores junk', () => {
    expect(decodeScene('station=7')).toEqual({ station: '7' });
    expect(decodeScene('%E0%A4%A')).toEqual({});
    expect(decodeScene(undefined)).toEqual({});
    expect(decodeScene('=x&y')).toEqual({});
  });
});
