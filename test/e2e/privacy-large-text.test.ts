/**
 * Issue 11 in Chromium: the privacy notice is reachable from 我的 and from the sign-up form and says
 * the server's retention; 大字版 scales a page's text and controls and survives a reload; every page
 * has a heading; pinch zoom is allowed. At 390×844 and 360 px wide.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { appPage, ApiClient, businessDate, ensureH5Build, launchBrowser, startServerProcess, type Browser, type ServerProcess } from './harness.js';

vi.setConfig({ testTimeout: 90_000 });

let server: ServerProcess;
let browser: Browser;
let page: Page;

const { open, shot } = appPage(() => ({ page, url: server.url }), 'i11a-');
/** The first visible match: h5 keeps earlier pages of the stack in the DOM, hidden. */
const visible = (selector: string) => page.locator(`${selector} >> visible=true`).first();
/** Computed font size (px) and height of the first visible element matching `selector`. */
const measure = (selector: string) =>
  visible(selector).evaluate((el) => ({ font: parseFloat(getComputedStyle(el).fontSize), height: el.getBoundingClientRect().height }));

beforeAll(async () => {
  ensureH5Build();
  // not the default 180: the notice must show what this server does
  server = await startServerProcess({ LEGAL_RETENTION_DAYS: '90' });
  const staff = await ApiClient.staff(server.url);
  await staff.ok('POST', '/api/admin/meal-stations', { name: '大字版测试服务站', address: '解放路 100 号', district: '上城区', hours: '00:00-23:59', dailyQuota: 30, phone: '0571-8510 0001', notes: '可充电、饮水' });
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
  });

  it('the privacy notice opens from 我的 and says how long legal questions are kept (the server’s 90 days)', async () => {
    await open('pages/mine/index');
    await page.getByText('隐私保护指引：我们收集什么、保存多久、怎样删除').click();
    await page.locator('.hero-title', { hasText: '隐私保护指引' }).waitFor();
    expect(page.url()).toContain('pages/privacy/index');
    await expect.poll(() => page.locator('.retention').innerText()).toContain('咨询时间过后 90 天自动删除');
    for (const what of ['姓名、手机号', '法律咨询的问题描述', '「我的」→「清除我的数据」']) await page.getByText(what, { exact: false }).first().waitFor();
    expect(await page.locator('a.tel', { hasText: '12351' }).getAttribute('href')).toBe('tel:12351');
    await shot(`privacy-${width}`);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await shot(`privacy-end-${width}`);
  });

  it('the sign-up form links to it too, and Back returns to a page that is not blank', async () => {
    await open('pages/mine/index');
    const form = visible('.login');
    await form.getByPlaceholder('手机号').waitFor();
    await form.getByText('《隐私保护指引》').click();
    await page.locator('.hero-title', { hasText: '隐私保护指引' }).waitFor();
    expect(page.url()).toContain('pages/privacy/index');
    await page.goBack();
    await expect.poll(() => page.url()).toContain('pages/mine/index');
    // Back at once (before Taro's push animation ended) used to leave 我的 blank (app.css)
    await page.waitForTimeout(1000);
    expect((await page.locator('.login').first().boundingBox())?.height ?? 0).toBeGreaterThan(100);
    await shot(`mine-settings-${width}`);

    // the notice's 去「我的」 switches to the tab (issue 11b), keeping what was typed there
    await visible('.login').getByPlaceholder('姓名').fill('写了一半');
    await visible('.login').getByText('《隐私保护指引》').click();
    await page.locator('.hero-title', { hasText: '隐私保护指引' }).waitFor();
    await visible('.link >> text=去「我的」').click();
    await expect.poll(() => page.url()).toContain('pages/mine/index');
    expect(await visible('.login').getByPlaceholder('姓名').inputValue()).toBe('写了一半');
    await expect.poll(() => page.locator('.taro-tabbar__tabbar').isVisible()).toBe(true);
  });

  it('大字版 scales text and buttons on every page, and stays on after a reload', async () => {
    await open('pages/index/index');
    const body = await measure('.page .muted, .page .line');
    const title = await measure('.hero-title');
    await open('pages/mine/index');
    const button = await measure('.login taro-button-core');
    await visible('.large-text-switch').click();
    await visible('.page.large-text').waitFor();
    const bigButton = await measure('.login taro-button-core');
    expect(bigButton.font / button.font).toBeGreaterThanOrEqual(1.25);
    expect(bigButton.height / button.height).toBeGreaterThanOrEqual(1.2);
    await shot(`mine-large-${width}`);

    await open('pages/index/index');
    await page.reload();
    await page.waitForLoadState('networkidle');
    await visible('.page.large-text').waitFor();
    const bigBody = await measure('.page .muted, .page .line');
    const bigTitle = await measure('.hero-title');
    expect(bigBody.font / body.font).toBeGreaterThanOrEqual(1.25);
    expect(bigTitle.font / title.font).toBeGreaterThanOrEqual(1.25);
    // nothing sticks out sideways at this width
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await shot(`index-large-${width}`);
    await open('pages/privacy/index');
    await visible('.page.large-text').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await shot(`privacy-large-${width}`);
    // the busiest cards: a station with its phone, facilities and two buttons
    await open(`pages/meals/index?date=${businessDate(1)}`);
    await visible('.page.large-text .station').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await shot(`meals-large-${width}`);
    // logged in: the profile, and the switch under it
    await open('pages/mine/index');
    await page.getByPlaceholder('姓名').fill('周师傅');
    await page.getByPlaceholder('手机号').fill(`135 0000 0${width}`);
    await page.locator('taro-button-core').filter({ hasText: /^\s*登录\s*$/ }).click();
    await page.getByText('周师傅，您好').waitFor();
    await page.locator('.settings').scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await shot(`mine-member-large-${width}`);
    await page.getByText('退出登录').click();
    await visible('.login').waitFor();

    // and off again
    await open('pages/mine/index');
    await visible('.large-text-switch').click();
    await expect.poll(() => page.locator('.page.large-text').count()).toBe(0);
    await page.reload();
    await page.waitForLoadState('networkidle');
    expect((await measure('.login taro-button-core')).font).toBeCloseTo(button.font, 1);
  });

  it('every page has a heading with its title, and pinch zoom is allowed', async () => {
    for (const [path, title] of [
      ['pages/index/index', '工友驿站'],
      ['pages/meals/index', '10元爱心餐'],
      ['pages/studios/index', '工作室参观'],
      ['pages/legal/index', '法律咨询'],
      ['pages/mine/index', '我的'],
      ['pages/notices/index', '通知'],
      ['pages/ask/index', '问一问'],
      ['pages/privacy/index', '隐私保护指引'],
      ['staff/pages/index', '工作人员后台'],
    ]) {
      await open(path);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).first().innerText()).toBe(title);
      expect(await page.getByRole('heading', { level: 1 }).first().isVisible()).toBe(true);
    }
    const viewport = await page.locator('meta[name=viewport]').getAttribute('content');
    expect(viewport).toContain('width=device-width');
    expect(viewport).not.toMatch(/user-scalable\s*=\s*(no|0)|maximum-scale\s*=\s*1(\.0*)?(\D|$)/);
  });
});
