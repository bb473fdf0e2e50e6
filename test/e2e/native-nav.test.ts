/**
 * Issue 11, native navigation, in Chromium against the real server at 390×844 and 360 px: the tab bar
 * (WeChat's tabBar, drawn by Taro on h5) switches 首页/通知/我的 without clearing what the worker typed
 * (the old bar reLaunched), a page opened from 我的 goes back to 我的, pull-down refresh reloads a
 * list, booking ends with WeChat's toast, and the staff poster offers a link for work groups.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { appPage, ApiClient, STAFF, businessDate, ensureH5Build, launchBrowser, pullDown, startServerProcess, type Browser, type ServerProcess } from './harness.js';

vi.setConfig({ testTimeout: 90_000 });

let server: ServerProcess;
let browser: Browser;
let page: Page;
let staff: ApiClient;
let stationId: string;

const { open, shot } = appPage(() => ({ page, url: server.url }), 'i11-');
const tab = (label: string) => page.locator('.taro-tabbar__tabbar').getByText(label, { exact: true });
/** What the page on show says (h5 keeps the tab pages mounted, hidden). */
const shown = () => page.locator('.taro_page:visible');

beforeAll(async () => {
  ensureH5Build();
  server = await startServerProcess();
  staff = await ApiClient.staff(server.url);
  stationId = (await staff.ok('POST', '/api/admin/meal-stations', { name: '导航测试服务站', address: '解放路 8 号', district: '东城区', hours: '00:00-23:59', dailyQuota: 20 })).id;
  browser = await launchBrowser();
  page = browser.page;
  page.setDefaultTimeout(30_000);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe.each([
  { width: 390, height: 844 },
  { width: 360, height: 780 },
])('at $width px', ({ width, height }) => {
  beforeAll(async () => {
    await page.setViewportSize({ width, height });
    await page.goto(`${server.url}/#/pages/index/index`);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.waitForLoadState('networkidle');
  });

  it('the tab bar switches 首页/通知/我的 and keeps each page as it was (no reLaunch)', async () => {
    await expect.poll(() => page.locator('.taro-tabbar__tabbar').isVisible()).toBe(true);
    expect(await page.locator('.taro-tabbar__tabbar .weui-tabbar__label').allInnerTexts()).toEqual(['首页', '通知', '我的']);
    await shot(`tab-home-${width}`);

    await tab('我的').click();
    await shown().getByPlaceholder('姓名').fill('半截写好的名字');
    expect(page.url()).toContain('#/pages/mine/index');
    await shot(`tab-mine-${width}`);
    await tab('通知').click();
    await shown().getByText('暂时没有通知').or(shown().locator('.notice-item').first()).waitFor();
    expect(page.url()).toContain('#/pages/notices/index');
    await shot(`tab-notices-${width}`);
    await tab('首页').click();
    await shown().getByText('10元爱心餐').waitFor();
    // back on 我的: the same page, with what was typed (reLaunch would have made a new, empty one)
    await tab('我的').click();
    expect(await shown().getByPlaceholder('姓名').inputValue()).toBe('半截写好的名字');
    // the hand-made bar is gone
    expect(await page.locator('.navbar').count()).toBe(0);
  });

  it('booking ends with WeChat’s toast; 我的 → 查看核销码 → back shows 我的 again, even right away', async () => {
    await tab('我的').click();
    await shown().getByPlaceholder('姓名').fill(`周师傅${width}`);
    await shown().getByPlaceholder('手机号').fill(`135 0000 0${width}`);
    await shown().locator('taro-button-core').filter({ hasText: /^\s*登录\s*$/ }).click();
    await shown().getByText(`周师傅${width}，您好`).waitFor();

    await open(`pages/meals/index?station=${stationId}&date=${businessDate(1)}`);
    await shown().locator('.station', { hasText: '导航测试服务站' }).getByText('立即预约').click();
    await shown().locator('taro-button-core').filter({ hasText: /^\s*确认预约\s*$/ }).click();
    await page.locator('.taro__toast').getByText('预约成功', { exact: true }).waitFor();
    await shot(`booked-toast-${width}`);
    await shown().getByText('预约成功！请按时到店用餐').waitFor();

    // the voucher page's 我的预约 switches to the tab
    await shown().locator('taro-button-core').filter({ hasText: /^\s*查看核销码\s*$/ }).click();
    await shown().locator('.voucher-code').waitFor();
    await shown().locator('taro-button-core', { hasText: '我的预约' }).click();
    await expect.poll(() => page.url()).toContain('#/pages/mine/index');
    await shown().locator('.booking', { hasText: '导航测试服务站' }).waitFor();

    // open the voucher from 我的 and come straight back: 我的 must show (Taro's h5 animation hid it)
    await shown().locator('.booking', { hasText: '导航测试服务站' }).getByText('查看核销码').click();
    await shown().locator('.voucher-code').waitFor();
    await page.goBack();
    await shown().locator('.booking', { hasText: '导航测试服务站' }).waitFor({ timeout: 5000 });
    await page.waitForTimeout(600); // past the old 350 ms hide timer
    expect(await shown().locator('.booking', { hasText: '导航测试服务站' }).isVisible()).toBe(true);
    await expect.poll(() => page.locator('.taro-tabbar__tabbar').isVisible()).toBe(true);
  });

  it('Taro’s title bar (issue 11a) and the tab bar together: back from a pushed page, home from a page opened by its link', async () => {
    const bar = page.locator('#taro-navigation-bar');
    const title = bar.locator('.taro-navigation-bar-title');
    await tab('首页').click();
    await expect.poll(() => title.innerText()).toBe('工友驿站');
    // a tab page has neither back nor home
    expect(await bar.getAttribute('class')).not.toMatch(/taro-navigation-bar-(back|home)-icon/);
    await shown().locator('.service', { hasText: '10元爱心餐' }).click();
    await expect.poll(() => title.innerText()).toBe('10元爱心餐');
    await expect.poll(() => bar.getAttribute('class')).toContain('taro-navigation-bar-back-icon');
    expect(await page.locator('.taro-tabbar__tabbar').isVisible()).toBe(false); // not a tab page
    await bar.locator('.taro-navigation-bar-back').click();
    await shown().locator('.hero-title', { hasText: '工友驿站' }).waitFor();
    await expect.poll(() => page.locator('.taro-tabbar__tabbar').isVisible()).toBe(true);
    await expect.poll(() => title.innerText()).toBe('工友驿站');

    // opened straight from a link (a chat, the poster): home, not back, and home is 首页 with its tab bar
    await open('pages/notices/detail?id=none');
    await expect.poll(() => bar.getAttribute('class')).toContain('taro-navigation-bar-home-icon');
    await bar.locator('.taro-navigation-bar-home').click();
    await expect.poll(() => page.url()).toContain('#/pages/index/index');
    await shown().locator('.hero-title', { hasText: '工友驿站' }).waitFor();
    await expect.poll(() => page.locator('.taro-tabbar__tabbar').isVisible()).toBe(true);
    await tab('通知').click();
    await expect.poll(() => page.url()).toContain('#/pages/notices/index');
    await shot(`titlebar-tabbar-${width}`);
  });

  it('the last line of 我的 (logged in, a booking, the profile) scrolls clear of the tab bar', async () => {
    await tab('我的').click();
    await shown().locator('.booking').first().waitFor();
    // with a tab bar, Taro's h5 page is its own scroll box, as tall as the screen above the bar
    await page.evaluate(() => {
      const p = document.querySelector('.taro_page:not(.taro_page_shade)') as HTMLElement;
      p.scrollTop = p.scrollHeight;
    });
    await page.waitForTimeout(300);
    const last = await shown().locator('.staff-entry').boundingBox();
    const bar = await page.locator('.taro-tabbar__tabbar').boundingBox();
    expect(last && bar && last.y + last.height <= bar.y).toBe(true);
    await shot(`mine-bottom-${width}`);
  });

  it('pull-down refresh on 爱心餐 shows the places another worker just took', async () => {
    const day = businessDate(width === 390 ? 2 : 3); // a day of its own per width: 20 places each
    await open(`pages/meals/index?station=${stationId}&date=${day}`);
    const card = shown().locator('.station', { hasText: '导航测试服务站' });
    await card.getByText('剩余 20 份').waitFor();
    const other = await ApiClient.member(server.url, `吴师傅${width}`, `1360000${width}0`.slice(0, 11));
    await other.ok('POST', '/api/bookings', { service: 'meal', stationId, date: day });
    await page.waitForTimeout(300);
    expect(await card.getByText('剩余 20 份').count()).toBe(1); // not until refreshed
    await pullDown(page);
    await card.getByText('剩余 19 份').waitFor({ timeout: 10_000 });
  });

  it('pull-down refresh on 通知 loads a notice published meanwhile', async () => {
    await open('pages/notices/index');
    await page.waitForLoadState('networkidle'); // the list as it was, before the notice exists
    await page.waitForTimeout(300);
    const title = `刷新出来的通知${width}`;
    await staff.ok('POST', '/api/notices', { title, body: '下拉刷新后应当看到这一条。' });
    await page.waitForTimeout(300);
    expect(await shown().getByText(title).count()).toBe(0); // not there until refreshed
    const loads = { n: 0 };
    const count = (r: import('playwright-core').Request) => void (r.url().includes('/api/notices') && r.method() === 'GET' && loads.n++);
    page.on('request', count);
    await pullDown(page);
    await shown().getByText(title).waitFor({ timeout: 10_000 });
    page.off('request', count);
    expect(loads.n).toBeGreaterThanOrEqual(1);
    await shot(`notices-refreshed-${width}`);
  });
});

describe('staff poster', () => {
  it('offers the station’s link for work groups (the h5 page when the server has no WeChat) with 复制链接', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await open(`staff/pages/poster?station=${stationId}`);
    await page.getByPlaceholder('账号').fill(STAFF.username);
    await page.getByPlaceholder('密码').fill(STAFF.password);
    await page.locator('taro-button-core').filter({ hasText: /^\s*登录后台\s*$/ }).click();
    await shown().getByText('发到工作群的链接').waitFor();
    expect(await shown().locator('.share-link').innerText()).toBe(`${server.url}/#/pages/meals/index?station=${stationId}`);
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await shown().locator('taro-button-core', { hasText: '复制链接' }).click();
    await page.locator('.taro__toast').getByText('已复制', { exact: true }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${server.url}/#/pages/meals/index?station=${stationId}`);
    await shown().locator('.share-link').scrollIntoViewIfNeeded();
    await shot('poster-link-390');
  });
});
