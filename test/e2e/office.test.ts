/**
 * The union office's working day (issue 10) in the h5 build, in Chromium against the real server: the
 * counter (double tap on 核销, the remembered station, undo), notices (double tap on 发布, withdrawal),
 * the lawyer's desk (a lawyer reads the description, a `staff` user does not), accounts (a disabled
 * account's token answers 401), the bookings list's XLSX parsed here, check-in and cancellation on a
 * worker's behalf from the list, a station closed for a day (its workers read why on top of 我的 and on
 * the voucher; the WeChat message is test/api/wechat.test.ts), the report after it (XLSX parsed), the
 * audit log, a lawyer's weekly slots in one action, and a slot in the past refused by the server.
 * Each of these flows runs twice, at 390×844 (phone) and at 1280×800 (office PC), each time with its own
 * booking, notice, account, station or slot so the second run does not meet the first one's data.
 * Every staff page is also opened at 360 px (phone) and 1280 px (office PC): no sideways scrolling,
 * no raw error code on screen, and a screenshot of each in screenshots/office/.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFile } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { readXlsx } from '../helpers/xlsx.js';
import { PAST_START_MESSAGE } from '../../shared/domain.js';
import { appPage, ApiClient, SCREENSHOTS, STAFF, businessDate, ensureH5Build, instant, launchBrowser, startServerProcess, type Browser, type ServerProcess } from './harness.js';

vi.setConfig({ testTimeout: 120_000 });

let server: ServerProcess;
let browser: Browser;
let page: Page;
let admin: ApiClient;
const SHOTS = join(SCREENSHOTS, 'office');
const DESCRIPTION = '老板拖欠三个月工资不给，还不让请假';
const ACCOUNTS = {
  lawyer: { username: 'lawyer-zhang', password: 'lawyer-pass-2026', role: 'legal', name: '张律师' },
  clerk: { username: 'clerk-li', password: 'clerk-pass-2026', role: 'staff', name: '李干事' },
} as const;
/** The two viewports every flow runs at: a phone, and an office PC. */
const WIDTHS = [390, 1280] as const;
type Width = (typeof WIDTHS)[number];
const HEIGHT: Record<Width, number> = { 390: 844, 1280: 800 };
/** Each width's own worker (a meal booking today and a legal consultation) and account to disable. */
const PER_WIDTH = {
  390: {
    worker: { name: '周建国', masked: '周*国', phone: '13812345678' },
    slotStart: '14:00',
    leaver: { username: 'clerk-zhao', password: 'clerk-pass-2026', role: 'staff', name: '赵干事' },
    notice: { title: '周六爱心餐加送鸡蛋', body: '本周六各服务站每份爱心餐加送一个鸡蛋。' },
    onBehalf: { dead: ['吴师傅', '13600136011'], away: ['郑师傅', '13600136022'] },
    weekly: { lawyer: '王律师', day: 3 },
    closure: { station: '建国门爱心驿站', reason: '燃气检修', workers: [['孙师傅', '13700137001'], ['钱师傅', '13700137002']] },
    startedLawyer: '钱律师',
  },
  1280: {
    worker: { name: '冯志强', masked: '冯*强', phone: '13812342468' },
    slotStart: '15:00',
    leaver: { username: 'clerk-qian', password: 'clerk-pass-2026', role: 'staff', name: '钱干事' },
    notice: { title: '周日爱心餐加送牛奶', body: '本周日各服务站每份爱心餐加送一盒牛奶。' },
    onBehalf: { dead: ['陈师傅', '13600136033'], away: ['韩师傅', '13600136044'] },
    weekly: { lawyer: '刘律师', day: 4 },
    closure: { station: '东单爱心驿站', reason: '水管抢修', workers: [['何师傅', '13700137003'], ['罗师傅', '13700137004']] },
    startedLawyer: '孙律师',
  },
} as const;
type Meal = { id: string; code: string; memberId: string };
const ids = {} as { counter: string; paused: Record<Width, string>; slots: Record<Width, string>; meals: Record<Width, Meal> };

/** Runs a flow at this width, then puts the default (phone) viewport back whatever happened. */
async function atWidth(width: Width, flow: () => Promise<void>) {
  await page.setViewportSize({ width, height: HEIGHT[width] });
  try {
    await flow();
  } finally {
    await page.setViewportSize({ width: 390, height: 844 });
  }
}

const { open, logout } = appPage(() => ({ page, url: server.url }));


/** Log in through the staff gate of whichever staff page is open. */
async function loginAs(who: { username: string; password: string }) {
  await page.getByText('工作人员登录').waitFor();
  await page.getByPlaceholder('账号').fill(who.username);
  await page.getByPlaceholder('密码').fill(who.password);
  await page.getByText('登录后台', { exact: true }).click();
  await page.getByText('工作人员登录').waitFor({ state: 'detached' });
}

/** Screenshots of the open page at 360 px (phone) and 1280 px (office PC), then back to the default viewport. */
async function shotAtBothWidths(name: string, focus?: string) {
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: width === 360 ? 740 : 800 });
    await page.waitForTimeout(300);
    // the h5 page scrolls inside its own container: bring what the shot is about into view
    if (focus) await page.locator(focus).first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 390, height: 844 });
}

async function station(name: string) {
  const r = await admin.ok('POST', '/api/admin/meal-stations', { name, address: '朝阳门外大街 18 号', district: '朝阳区', hours: '00:00-23:59', dailyQuota: 20 });
  return r.id as string;
}

beforeAll(async () => {
  ensureH5Build();
  mkdirSync(SHOTS, { recursive: true });
  server = await startServerProcess();
  admin = await ApiClient.staff(server.url);
  ids.counter = await station('朝阳门户外劳动者服务站');
  ids.paused = {} as Record<Width, string>;
  for (const width of WIDTHS) ids.paused[width] = await station(PER_WIDTH[width].closure.station);
  for (const a of [...Object.values(ACCOUNTS), ...WIDTHS.map((w) => PER_WIDTH[w].leaver)]) await admin.ok('POST', '/api/admin/users', a);
  ids.slots = {} as Record<Width, string>;
  ids.meals = {} as Record<Width, Meal>;
  for (const width of WIDTHS) {
    const { worker, slotStart } = PER_WIDTH[width];
    const end = slotStart.replace(':00', ':30');
    ids.slots[width] = (await admin.ok('POST', '/api/admin/legal-slots', { startsAt: instant(2, slotStart), endsAt: instant(2, end), mode: 'phone', lawyer: '张律师' })).id;
    const member = await ApiClient.member(server.url, worker.name, worker.phone);
    const b = (await member.ok('POST', '/api/bookings', { service: 'meal', stationId: ids.counter, date: businessDate(0) })).booking;
    ids.meals[width] = { id: b.id, code: b.code, memberId: member.id };
    await member.ok('POST', '/api/bookings', { service: 'legal', slotId: ids.slots[width], category: '工资报酬', description: DESCRIPTION, phone: worker.phone });
  }
  browser = await launchBrowser();
  page = browser.page;
  page.setDefaultTimeout(30_000);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the counter', () => {
  for (const width of WIDTHS) {
    it(`${width} px: a double tap on 核销 shows one success with the masked name; the station is remembered; undo within 5 minutes`, async () => {
      const meal = ids.meals[width];
      await atWidth(width, async () => {
        await open('staff/pages/checkin');
        await logout(); // a fresh device: no session, no remembered station
        await loginAs(STAFF);
        await page.locator('.chip', { hasText: '朝阳门户外劳动者服务站' }).click();
        await page.getByPlaceholder('核销码').fill(meal.code);
        await page.locator('.btn', { hasText: /^核销$/ }).dblclick();
        await page.locator('.result-ok').waitFor();
        await page.locator('.checkin-line').first().waitFor(); // today's list reloaded after the check-in
        expect(await page.locator('.result-error').count()).toBe(0);
        expect(await page.locator('.result-ok .big-name').first().innerText()).toBe(PER_WIDTH[width].worker.masked);
        expect(await page.locator('.result-ok').getAttribute('data-repeat')).toBe('0');
        expect(await page.locator('.checkin-line').count()).toBe(1);
        const checked = (await admin.ok('GET', `/api/admin/bookings?q=${meal.code}`)).bookings[0];
        expect(checked.checkedInAt).toBeTruthy();

        // the same code again by the same staff within a minute: the earlier success, not a red failure
        await page.getByPlaceholder('核销码').fill(meal.code);
        await page.locator('.btn', { hasText: /^核销$/ }).click();
        await page.locator('.result-ok[data-repeat="1"]').waitFor();
        await page.getByText('刚才已核销过，这是同一次核销').waitFor();

        // the counter's station is kept on this device
        await page.reload();
        await page.getByText('本服务站：朝阳门户外劳动者服务站').waitFor();

        await page.locator('.checkin-line').getByText('撤销', { exact: true }).click();
        await page.getByText('今天还没有核销').waitFor();
        expect((await admin.ok('GET', `/api/admin/bookings?q=${meal.code}`)).bookings[0].checkedInAt).toBeNull();
      });
    });
  }
});

describe('notices', () => {
  for (const width of WIDTHS) {
    it(`${width} px: a double tap on 发布 publishes one notice, which can then be withdrawn`, async () => {
      await atWidth(width, async () => {
        await open('staff/pages/notice');
        const { title, body } = PER_WIDTH[width].notice;
        await page.getByPlaceholder('通知标题').fill(title);
        await page.getByPlaceholder('通知内容').fill(body);
        await page.locator('.chip', { hasText: '爱心餐' }).first().click();
        await page.locator('.preview').getByText(title).waitFor();
        await page.locator('.btn', { hasText: '发布通知' }).dblclick();
        await page.getByText('通知已发布', { exact: false }).waitFor();
        await page.locator('.notice-row', { hasText: title }).waitFor();
        const published = (await admin.ok('GET', '/api/notices')).notices.filter((n: { title: string }) => n.title === title);
        expect(published).toHaveLength(1);
        expect(await page.locator('.notice-row', { hasText: title }).count()).toBe(1);

        await page.locator('.notice-row', { hasText: title }).getByText('撤回', { exact: true }).click();
        await page.getByText('确认撤回', { exact: true }).click();
        await page.getByText('已经发到群里的消息还在', { exact: false }).waitFor();
        expect((await admin.ok('GET', '/api/notices')).notices.some((n: { title: string }) => n.title === title)).toBe(false);
      });
    });
  }
});

describe("the lawyer's desk", () => {
  for (const width of WIDTHS) {
    it(`${width} px: a lawyer reads the description and records a private note; a staff user sees no description`, async () => {
      const { worker } = PER_WIDTH[width];
      await atWidth(width, async () => {
        await logout();
        await open('staff/pages/legal');
        await loginAs(ACCOUNTS.lawyer);
        const card = page.locator('.consultation', { hasText: worker.name });
        await card.getByText(DESCRIPTION).waitFor();
        await card.getByText(worker.phone, { exact: false }).waitFor();
        await card.getByPlaceholder('咨询备注').fill('已电话联系，建议先申请劳动仲裁');
        await card.getByText('已完成', { exact: true }).click();
        await card.locator('.pill', { hasText: '已完成' }).waitFor();
        const lawyer = new ApiClient(server.url, (await new ApiClient(server.url).ok('POST', '/api/auth/staff', ACCOUNTS.lawyer)).token);
        const c = (await lawyer.ok('GET', '/api/legal/consultations')).consultations.find((x: { memberName: string }) => x.memberName === worker.name);
        expect(c).toMatchObject({ outcome: 'done', note: '已电话联系，建议先申请劳动仲裁' });
        // every read is in the audit log, without the description's text
        const { entries } = await admin.ok('GET', '/api/admin/audit?action=legal.read');
        expect(entries.length).toBeGreaterThan(0);
        expect(JSON.stringify(entries)).not.toContain('拖欠');

        await logout();
        await open('staff/pages/legal');
        await loginAs(ACCOUNTS.clerk);
        await page.locator('.state-error, .msg-error, .notice-error').first().waitFor();
        expect(await page.getByText(DESCRIPTION).count()).toBe(0);
        const clerk = new ApiClient(server.url, (await new ApiClient(server.url).ok('POST', '/api/auth/staff', ACCOUNTS.clerk)).token);
        expect((await clerk.call('GET', '/api/legal/consultations')).status).toBe(403);
        expect(JSON.stringify((await clerk.ok('GET', '/api/admin/bookings?service=legal')).bookings)).not.toContain('拖欠');
        // the staff home offers no lawyer's desk to role staff
        await open('staff/pages/index');
        await page.getByText('核销预约').waitFor();
        expect(await page.getByText('律师工作台').count()).toBe(0);
      });
    });
  }
});

describe('accounts', () => {
  for (const width of WIDTHS) {
    it(`${width} px: disabling an account ends its sessions: its token answers 401 at once`, async () => {
      const account = PER_WIDTH[width].leaver;
      await atWidth(width, async () => {
        const leaver = new ApiClient(server.url, (await new ApiClient(server.url).ok('POST', '/api/auth/staff', account)).token);
        expect((await leaver.call('GET', '/api/admin/bookings?limit=1')).status).toBe(200);
        await logout();
        await open('staff/pages/accounts');
        await loginAs(STAFF);
        const row = page.locator('.account-row', { hasText: account.username });
        await row.getByText('停用', { exact: true }).click();
        await row.locator('.pill', { hasText: '已停用' }).waitFor();
        expect((await leaver.call('GET', '/api/admin/bookings?limit=1')).status).toBe(401);
        const r = await new ApiClient(server.url).call('POST', '/api/auth/staff', account);
        expect(r.status).toBe(401);
        const { entries } = await admin.ok('GET', '/api/admin/audit?action=user.update');
        expect(entries.some((e: { target: string }) => e.target.startsWith('user:'))).toBe(true);
        expect(JSON.stringify(entries)).not.toContain(account.password);
      });
    });
  }
});

describe('the bookings list', () => {
  for (const width of WIDTHS) {
    it(`${width} px: finds a booking by the phone’s last four digits and exports XLSX whose rows read in Chinese local time, without internal ids`, async () => {
      const { worker } = PER_WIDTH[width];
      const meal = ids.meals[width];
      await atWidth(width, async () => {
        await open('staff/pages/bookings');
        await page.getByPlaceholder('核销码或手机尾号 4 位').fill(worker.phone.slice(-4));
        await page.getByText('查找', { exact: true }).click();
        await page.locator('.booking-row', { hasText: meal.code }).waitFor();
        expect(await page.locator('.booking-row', { hasText: meal.code }).innerText()).toContain(worker.phone); // admin sees the full phone

        await page.getByText('全部', { exact: true }).first().click();
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByText('导出 Excel（XLSX）').click()]);
        expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
        const { rows } = readXlsx(new Uint8Array(await readFile((await download.path())!)));
        const [head, ...body] = rows;
        expect(head).toEqual(expect.arrayContaining(['服务', '核销码', '预约时段', '姓名', '手机号', '下单时间']));
        const row = body.find((r) => r.includes(meal.code))!;
        expect(row).toBeTruthy();
        const col = (name: string) => row[head!.indexOf(name)];
        expect(col('服务')).toBe('10元爱心餐');
        expect(col('姓名')).toBe(worker.name);
        expect(col('预约时段')).toBe(`${businessDate(0)} 00:00–23:59`);
        expect(col('下单时间')).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
        const cells = rows.flat().join('\n');
        for (const w of WIDTHS) for (const id of [ids.meals[w].id, ids.meals[w].memberId, ids.slots[w]]) expect(cells).not.toContain(id);
        expect(cells).not.toContain(ids.counter);
      });
    });
  }
});

describe('the bookings list, on behalf of a worker', () => {
  for (const width of WIDTHS) {
    it(`${width} px: checks in a worker whose phone is dead, and cancels another’s booking on their behalf with a reason they read`, async () => {
      const { dead: deadWho, away: awayWho } = PER_WIDTH[width].onBehalf;
      const dead = await ApiClient.member(server.url, deadWho[0], deadWho[1]);
      const away = await ApiClient.member(server.url, awayWho[0], awayWho[1]);
      for (const w of [dead, away]) await w.ok('POST', '/api/bookings', { service: 'meal', stationId: ids.counter, date: businessDate(0) });
      const cancelsBefore = (await admin.ok('GET', '/api/admin/audit?action=booking.cancel')).entries.length;
      await atWidth(width, async () => {
        await open('staff/pages/bookings');
        await page.getByPlaceholder('核销码或手机尾号 4 位').fill(deadWho[1].slice(-4));
        await page.getByText('查找', { exact: true }).click();
        const row = page.locator('.booking-row', { hasText: deadWho[0] });
        await row.locator('.btn', { hasText: /^核销$/ }).click();
        await page.getByText(`已为 ${deadWho[0]} 核销`).waitFor();
        await row.locator('.pill-ok', { hasText: '已核销' }).waitFor();
        expect((await dead.ok('GET', '/api/bookings/mine')).bookings[0].checkedInAt).toBeTruthy();

        await page.getByPlaceholder('核销码或手机尾号 4 位').fill(awayWho[1].slice(-4));
        await page.getByText('查找', { exact: true }).click();
        await page.locator('.booking-row', { hasText: awayWho[0] }).getByText('代为取消', { exact: true }).click();
        await page.getByText('确认取消', { exact: true }).click();
        await page.locator('.sheet').getByText('请写明代为取消的原因').waitFor(); // no reason, no cancellation
        await page.getByPlaceholder('取消原因').fill('工友来电说今天出车');
        await page.getByText('确认取消', { exact: true }).click();
        await page.getByText(`已代 ${awayWho[0]} 取消`).waitFor();
        await shotAtBothWidths(`bookings-cancelled-for-worker-from-${width}`, '.booking-row');
        const [cancelled] = (await away.ok('GET', '/api/bookings/mine')).bookings;
        expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '工友来电说今天出车' });
        // exactly one audit entry for this cancellation
        const { entries } = await admin.ok('GET', '/api/admin/audit?action=booking.cancel');
        expect(entries).toHaveLength(cancelsBefore + 1);
        expect(entries.filter((e: { target: string }) => e.target === `booking:${cancelled.id}`)).toHaveLength(1);
      });
    });
  }
});

describe('a station closed for a day', () => {
  for (const width of WIDTHS) {
    it(`${width} px: cancels that date’s bookings with the reason, which the workers read, and the station says so`, async () => {
      const { station: stationName, workers: who, reason } = PER_WIDTH[width].closure;
      const stationId = ids.paused[width];
      const workers = [await ApiClient.member(server.url, who[0][0], who[0][1]), await ApiClient.member(server.url, who[1][0], who[1][1])];
      for (const w of workers) await w.ok('POST', '/api/bookings', { service: 'meal', stationId, date: businessDate(0) });

      await atWidth(width, async () => {
        await open('staff/pages/closure');
        await logout(); // the run before ends logged in as a worker
        await loginAs(STAFF);
        await page.locator('.chip', { hasText: stationName }).click();
        await page.getByPlaceholder('暂停供餐原因').fill(reason);
        await page.getByText('暂停这一天的供餐', { exact: true }).click();
        await page.getByText('份预约会被取消', { exact: false }).waitFor();
        await page.getByText('确认暂停', { exact: true }).click();
        await page.getByText('取消了 2 份预约', { exact: false }).waitFor();

        for (const w of workers) {
          const [b] = (await w.ok('GET', '/api/bookings/mine')).bookings;
          expect(b).toMatchObject({ status: 'cancelled', cancelReason: `服务站暂停供餐：${reason}` });
        }
        // the worker reads it in 我的, and the station's card says it is paused
        await logout();
        await open('pages/mine/index');
        await page.getByPlaceholder('姓名').fill(who[0][0]);
        await page.getByPlaceholder('手机号').fill(who[0][1]);
        await page.getByText('登录', { exact: true }).click();
        // on top of 我的 at once, before any tab is chosen
        const banner = page.locator('.cancelled-for-you');
        await banner.getByText(stationName, { exact: false }).waitFor();
        expect(await banner.innerText()).toContain(`服务站暂停供餐：${reason}，预约已取消`);
        await shotAtBothWidths(`mine-closed-from-${width}`);
        await page.setViewportSize({ width, height: HEIGHT[width] });
        await banner.getByText('查看已取消的预约').click();
        await page.locator('.booking-cancelled').getByText(`服务站暂停供餐：${reason}`).waitFor();
        // and on the voucher page of that booking: no code to show, the reason instead
        const [mine] = (await workers[0]!.ok('GET', '/api/bookings/mine')).bookings;
        await open(`pages/voucher/index?id=${mine.id}`);
        await page.getByText(`服务站暂停供餐：${reason}`).waitFor();
        await page.getByText('这个预约已取消').waitFor();
        expect(await page.locator('body').innerText()).not.toContain(mine.code);
        await shotAtBothWidths(`voucher-closed-from-${width}`);
        await page.setViewportSize({ width, height: HEIGHT[width] });
        await open(`pages/meals/index?station=${stationId}`);
        await page.getByText(`今日暂停供餐：${reason}`).waitFor();
        const r = await workers[0]!.call('POST', '/api/bookings', { service: 'meal', stationId, date: businessDate(0) });
        expect(r.status).toBe(409);
      });
    });
  }
});

describe('the day after the closure', () => {
  for (const width of WIDTHS) {
    it(`${width} px: the report counts the cancellations, draws the trend and exports XLSX without internal ids`, async () => {
      await atWidth(width, async () => {
        await logout();
        await open('staff/pages/stats');
        await loginAs(STAFF);
        for (const w of WIDTHS) {
          const row = page.locator('.report-row', { hasText: PER_WIDTH[w].closure.station });
          await row.waitFor();
          expect(await row.innerText()).toContain('取消 2');
        }
        await page.locator('img.chart, .chart img').first().waitFor();
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByText('下载 Excel（XLSX）').click()]);
        expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
        const { rows } = readXlsx(new Uint8Array(await readFile((await download.path())!)));
        const [head, ...body] = rows;
        expect(head).toEqual(['日期', '服务', '地点/律师', '预约', '人数', '核销', '取消', '候补', '爽约']);
        for (const w of WIDTHS) {
          const name = PER_WIDTH[w].closure.station;
          const paused = body.find((r) => r.includes(name))!;
          expect(paused.map(String)).toEqual([businessDate(0), '10元爱心餐', name, '0', '0', '0', '2', '0', '0']);
        }
        for (const id of [...WIDTHS.map((w) => ids.paused[w]), ids.counter, ...WIDTHS.map((w) => ids.slots[w])]) expect(rows.flat().join('\n')).not.toContain(id);
      });
    });
  }

  for (const width of WIDTHS) {
    it(`${width} px: the audit log shows who closed the station, in Chinese, to an admin`, async () => {
      await atWidth(width, async () => {
        await open('staff/pages/audit');
        await page.locator('.chip', { hasText: '服务站停餐' }).click();
        // one entry per closure (one at each width), each with the count it cancelled
        await page.locator('.audit-row', { hasText: '服务站停餐' }).first().waitFor();
        // the filtered list replaces the first one when its answer arrives: wait for it, do not sample once
        await expect.poll(() => page.locator('.audit-row', { hasText: '服务站停餐' }).count(), { timeout: 10_000 }).toBe(WIDTHS.length);
        for (const w of WIDTHS) {
          const entry = page.locator('.audit-row', { hasText: `station:${ids.paused[w]}:` });
          await expect.poll(() => entry.count(), { timeout: 10_000 }).toBe(1);
          expect(await entry.innerText()).toContain('服务站停餐');
          expect(await entry.innerText()).toContain('cancelled: 2');
        }
        await shotAtBothWidths(`audit-station-close-from-${width}`, '.audit-row');
      });
    });
  }

  for (const width of WIDTHS) {
    it(`${width} px: a lawyer’s weekly hours for 8 weeks are added in one action`, async () => {
      const { lawyer, day } = PER_WIDTH[width].weekly;
      await atWidth(width, async () => {
        await open('staff/pages/manage');
        await page.locator('.chip', { hasText: '律师时段' }).click();
        await page.getByLabel('日期', { exact: true }).fill(businessDate(day));
        await page.getByLabel('开始时间', { exact: true }).fill('14:00');
        await page.getByLabel('结束时间', { exact: true }).fill('17:00');
        await page.locator('.chip', { hasText: '现场' }).click();
        await page.getByPlaceholder('律师姓名（可选）').fill(lawyer);
        await page.getByPlaceholder('地点（可选）').fill('区总工会二楼');
        await page.locator('.chip', { hasText: '每周一次，共 8 周' }).click();
        await page.getByText('添加', { exact: true }).click();
        await page.getByText('已添加 8 个').waitFor();
        const { slots } = await admin.ok('GET', `/api/legal/slots?from=${businessDate(0)}&to=${businessDate(70)}`);
        const added = slots.filter((x: { lawyer?: string }) => x.lawyer === lawyer);
        expect(added.map((x: { startsAt: string }) => x.startsAt)).toEqual(Array.from({ length: 8 }, (_, w) => `${businessDate(day + 7 * w)}T14:00:00+08:00`));
        expect(added.every((x: { endsAt: string; mode: string; location: string }) => x.endsAt.endsWith('T17:00:00+08:00') && x.mode === 'onsite' && x.location === '区总工会二楼')).toBe(true);
      });
    });
  }
});

describe('a lawyer slot in the past', () => {
  for (const width of WIDTHS) {
    it(`${width} px: the server refuses it, and the staff page says why in Chinese (a device whose clock is two days behind)`, async () => {
      const pc = await launchBrowser();
      const main = page;
      try {
        // the page's own check passes (it thinks yesterday is tomorrow); only the server knows better
        await pc.context.clock.setFixedTime(new Date(Date.now() - 2 * 86_400_000));
        page = pc.page;
        page.setDefaultTimeout(30_000);
        await page.setViewportSize({ width, height: HEIGHT[width] });
        await open('staff/pages/manage');
        await loginAs(STAFF);
        await page.locator('.chip', { hasText: '律师时段' }).click();
        await page.getByLabel('日期', { exact: true }).fill(businessDate(-1));
        await page.getByLabel('开始时间', { exact: true }).fill('10:00');
        await page.getByLabel('结束时间', { exact: true }).fill('11:00');
        await page.locator('.chip', { hasText: '电话' }).click();
        const answer = page.waitForResponse((r) => r.url().endsWith('/api/admin/legal-slots') && r.request().method() === 'POST');
        await page.getByText('添加', { exact: true }).click();
        const r = await answer;
        expect(r.status()).toBe(400);
        expect((await r.json()).error).toMatchObject({ code: 'BAD_REQUEST', field: 'startsAt' });
        await page.getByText(PAST_START_MESSAGE, { exact: true }).waitFor();
        expect(await page.locator('body').innerText()).not.toMatch(/BAD_REQUEST|startsAt/);
        await shotAtBothWidths(`manage-slot-in-past-from-${width}`, '.msg-error');
        const { slots } = await admin.ok('GET', `/api/legal/slots?from=${businessDate(-1)}&to=${businessDate(-1)}`);
        expect(slots).toEqual([]);
      } finally {
        page = main;
        await pc.close();
      }
    });
  }
});

describe('a lawyer slot that has just started', () => {
  for (const width of WIDTHS) {
    it(`${width} px: can still be edited (its lawyer, not its start): the form lets an unchanged start through, as the server does`, async () => {
      const lawyer = PER_WIDTH[width].startedLawyer;
      const start = new Date(Math.ceil((Date.now() + 3 * 60_000) / 60_000) * 60_000); // a whole minute, as the form shows it
      const slot = await admin.ok('POST', '/api/admin/legal-slots', {
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 3600_000).toISOString(),
        mode: 'onsite',
        lawyer,
      });
      const pc = await launchBrowser();
      const main = page;
      try {
        await pc.context.clock.setFixedTime(new Date(start.getTime() + 60_000)); // to this device it began a minute ago
        page = pc.page;
        page.setDefaultTimeout(30_000);
        await page.setViewportSize({ width, height: HEIGHT[width] });
        await open('staff/pages/manage');
        await loginAs(STAFF);
        await page.locator('.chip', { hasText: '律师时段' }).click();
        await page.locator('.card', { hasText: lawyer }).getByText('修改', { exact: true }).click();
        await page.getByPlaceholder('律师姓名（可选）').fill(`${lawyer}（代班）`);
        await page.getByText('保存修改', { exact: true }).click();
        await page.getByText('已保存修改').waitFor();
        const { slots } = await admin.ok('GET', `/api/legal/slots?from=${businessDate(0)}&to=${businessDate(1)}`);
        const edited = slots.find((x: { id: string }) => x.id === slot.id);
        expect(edited.lawyer).toBe(`${lawyer}（代班）`);
        expect(Date.parse(edited.startsAt)).toBe(start.getTime());
      } finally {
        page = main;
        await pc.close();
      }
    });
  }
});

describe('every staff page at 360 px and 1280 px', () => {
  const PAGES = ['index', 'checkin', 'bookings', 'legal', 'notice', 'closure', 'stats', 'accounts', 'audit', 'manage'];
  for (const width of [360, 1280]) {
    it(`${width} px: no sideways scrolling, no raw error code on screen`, async () => {
      await page.setViewportSize({ width, height: width === 360 ? 740 : 800 });
      try {
        await logout();
        await open('staff/pages/index');
        await loginAs(STAFF);
        for (const name of PAGES) {
          await open(`staff/pages/${name}`);
          await page.waitForTimeout(400);
          const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
          expect(scrollWidth, name).toBeLessThanOrEqual(width);
          const text = await page.locator('body').innerText();
          expect(text, name).not.toMatch(/\b[A-Z]{3,}_[A-Z_]+\b|错误代码/);
          await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
        }
      } finally {
        await page.setViewportSize({ width: 390, height: 844 });
      }
    });
  }
});
