/**
 * WeChat's privacy authorization as the base library documents it (wx.onNeedPrivacyAuthorization):
 * the waiting API is resolved with `exposureAuthorization` when our sheet shows, then `agree` with the
 * agree button's id, or `disagree`. Our dispatcher (miniapp/src/services/privacy.ts) against a stand-in
 * for the base library, and the weapp build wired for it.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type Listener = (resolve: (d: unknown) => void, info: { referrer: string }) => void;
const wx = vi.hoisted(() => ({ listener: null as Listener | null, route: 'pages/meals/index', modals: [] as string[] }));
vi.mock('@tarojs/taro', () => ({
  default: {
    onNeedPrivacyAuthorization: (l: Listener) => void (wx.listener = l),
    getCurrentPages: () => [{ route: 'pages/index/index' }, { route: wx.route }],
    showModal: (o: { content: string }) => (wx.modals.push(o.content), Promise.resolve({ confirm: false })),
    navigateTo: () => Promise.resolve(),
  },
}));

const env = process.env.TARO_ENV;
beforeAll(() => void (process.env.TARO_ENV = 'weapp'));
afterAll(() => void (process.env.TARO_ENV = env));

/** The base library asking, as a protected call does; returns what the call was told. */
function ask(referrer: string): unknown[] {
  const told: unknown[] = [];
  wx.listener!((d) => told.push(d), { referrer });
  return told;
}

describe('privacy consent dispatcher', () => {
  it('shows the current page’s sheet, reports the exposure, then agrees with the button id', async () => {
    const p = await import('../../miniapp/src/services/privacy.js');
    p.listenForPrivacy();
    expect(wx.listener).toBeTypeOf('function');
    const shown: string[] = [];
    const other: string[] = [];
    const offOther = p.registerSheet('/pages/index/index', (r) => other.push(r));
    const off = p.registerSheet('/pages/meals/index', (r) => shown.push(r));
    const told = ask('getLocation');
    expect(shown).toEqual(['getLocation']);
    expect(other).toEqual([]); // a page further down the stack stays closed
    expect(told).toEqual([{ event: 'exposureAuthorization' }]);
    expect(p.purposeOf('getLocation')).toContain('位置');
    p.settlePrivacy(true);
    expect(told).toEqual([{ event: 'exposureAuthorization' }, { event: 'agree', buttonId: p.AGREE_BUTTON_ID }]);
    // two calls waiting (two taps) are both answered; 不同意 fails them
    const a = ask('makePhoneCall');
    const b = ask('makePhoneCall');
    p.settlePrivacy(false);
    expect(a.at(-1)).toEqual({ event: 'disagree' });
    expect(b.at(-1)).toEqual({ event: 'disagree' });
    off();
    offOther();
  });

  it('a page without a sheet refuses the call at once and points to the notice', async () => {
    const p = await import('../../miniapp/src/services/privacy.js');
    wx.route = 'pages/notices/index';
    expect(ask('makePhoneCall')).toEqual([{ event: 'disagree' }]);
    expect(wx.modals.at(-1)).toContain('隐私保护指引');
    p.settlePrivacy(true); // nothing was waiting
  });
});

const WEAPP = join(__dirname, '../../miniapp/dist/weapp');
describe.runIf(existsSync(join(WEAPP, 'app.json')))('the weapp build', () => {
  it('turns the privacy check on, ships the notice in the main package and the agree button event', () => {
    const app = JSON.parse(readFileSync(join(WEAPP, 'app.json'), 'utf8'));
    expect(app.__usePrivacyCheck__).toBe(true);
    expect(app.pages).toContain('pages/privacy/index');
    expect(readFileSync(join(WEAPP, 'base.wxml'), 'utf8')).toContain('bindagreeprivacyauthorization');
    const js = readFileSync(join(WEAPP, 'app.js'), 'utf8') + readFileSync(join(WEAPP, 'common.js'), 'utf8');
    expect(js).toContain('onNeedPrivacyAuthorization');
    expect(js).toContain('privacy-agree');
  });
});
