/**
 * WeChat's privacy authorization (《小程序隐私协议开发指南》): with `__usePrivacyCheck__` on, the
 * first call of a protected API (getLocation, makePhoneCall, scanCode …) before the worker agreed
 * waits, and the base library fires onNeedPrivacyAuthorization. We answer with our own consent sheet
 * (components/PrivacyConsent.tsx, one on each page that can make such a call), whose agree button is
 * `open-type="agreePrivacyAuthorization"`; the waiting call then goes on, or fails on 「不同意」.
 * weapp only: on h5 nothing here runs.
 */
import Taro from '@tarojs/taro';

/** The id the base library checks was tapped before `resolve({event: 'agree'})`. */
export const AGREE_BUTTON_ID = 'privacy-agree';

type Decision = { event: 'exposureAuthorization' } | { event: 'agree'; buttonId: string } | { event: 'disagree' };
type Resolve = (d: Decision) => void;
/** Opens a sheet; `referrer` names the API that asked (eventInfo.referrer). */
type Show = (referrer: string) => void;

const sheets: { page: string; show: Show }[] = [];
/** Every call waiting for the worker's answer (two taps can queue two). */
let waiting: Resolve[] = [];

const bare = (path: string) => path.replace(/^\//, '').replace(/\?.*$/, '');

function currentPage(): string {
  const pages = Taro.getCurrentPages();
  return bare(pages[pages.length - 1]?.route ?? '');
}

/** Registered once at launch (app.tsx). */
export function listenForPrivacy(): void {
  if (process.env.TARO_ENV !== 'weapp' || typeof Taro.onNeedPrivacyAuthorization !== 'function') return;
  Taro.onNeedPrivacyAuthorization((resolve, info) => {
    const page = currentPage();
    const sheet = [...sheets].reverse().find((s) => s.page === page);
    if (!sheet) {
      // a page without a sheet: say why nothing happens and where to agree
      resolve({ event: 'disagree' });
      void Taro.showModal({ title: '需要您的同意', content: '使用这项功能前，请先阅读并同意《工友驿站隐私保护指引》', confirmText: '去查看' }).then(
        (r) => void (r.confirm && Taro.navigateTo({ url: '/pages/privacy/index' })),
      );
      return;
    }
    waiting.push(resolve as Resolve);
    sheet.show(info?.referrer ?? '');
    (resolve as Resolve)({ event: 'exposureAuthorization' });
  });
}

/** A sheet on `page` offers itself; returns its unregister function. */
export function registerSheet(page: string, show: Show): () => void {
  const entry = { page: bare(page), show };
  sheets.push(entry);
  return () => {
    const i = sheets.indexOf(entry);
    if (i >= 0) sheets.splice(i, 1);
  };
}

/** The worker's answer, for every waiting call. */
export function settlePrivacy(agreed: boolean): void {
  const all = waiting;
  waiting = [];
  for (const r of all) r(agreed ? { event: 'agree', buttonId: AGREE_BUTTON_ID } : { event: 'disagree' });
}

/** What the API that asked is for, in the worker's words. */
export function purposeOf(referrer: string): string {
  if (/location/i.test(referrer)) return '获取您的位置，按距离排列附近的服务站（位置只在手机上使用，不上传）';
  if (/phonecall/i.test(referrer)) return '拨打电话';
  if (/scancode/i.test(referrer)) return '扫描核销码';
  if (/phonenumber/i.test(referrer)) return '填写您的微信手机号';
  if (/clipboard/i.test(referrer)) return '复制链接';
  return '使用这项功能';
}
