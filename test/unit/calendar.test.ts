import { describe, expect, it } from 'vitest';
import { addDays, atLocalTime, businessDate, dateLabel, daysBetween, isValidDate, parseHours, shanghaiClock, toShanghaiIso } from '../../shared/calendar/index.js';

describe('business calendar (Asia/Shanghai)', () => {
  it.each([
    ['2026-11-23T15:59:59Z', '2026-11-23'],
    ['2026-11-23T16:00:00Z', '2026-11-24'],
    ['2026-11-24T00:30:00+08:00', '2026-11-24'],
    ['2026-12-31T16:00:00Z', '2027-01-01'],
  ])('businessDate(%s) = %s', (t, d) => expect(businessDate(t)).toBe(d));

  it.each([
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2100-02-29', false],
    ['2000-02-29', true],
    ['2026-04-31', false],
    ['2026-12-31', true],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-1-01', false],
    ['2026-01-01T00:00', false],
    ['', false],
  ])('isValidDate(%s) = %s', (s, ok) => expect(isValidDate(s)).toBe(ok));

  it('adds days across months and years', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-11-23', '2026-11-26')).toBe(3);
  });

  it('turns a Shanghai wall-clock time into the right instant', () => {
    expect(atLocalTime('2026-11-23', '10:00').toISOString()).toBe('2026-11-23T02:00:00.000Z');
    expect(toShanghaiIso('2026-11-23T02:00:00Z')).toBe('2026-11-23T10:00:00+08:00');
  });

  it('the fixed +08:00 offset agrees with the Asia/Shanghai zone for every hour it is used', () => {
    const zone = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    for (let t = Date.UTC(1992, 0, 1); t < Date.UTC(2040, 0, 1); t += 7 * 3_600_000 + 17_000) {
      expect(toShanghaiIso(t).slice(0, 19).replace('T', ' ')).toBe(zone.format(t));
    }
  });

  it.each([
    ['10:00-20:00', { opens: '10:00', closes: '20:00' }],
    ['00:00-24:00', { opens: '00:00', closes: '23:59' }],
    ['20:00-10:00', null],
    ['10:00-10:00', null],
    ['9:00-20:00', null],
    ['25:00-26:00', null],
  ])('parseHours(%s)', (h, want) => expect(parseHours(h)).toEqual(want));

  it('labels dates the way workers say them', () => {
    expect(dateLabel('2026-11-23', '2026-11-23')).toBe('今天');
    expect(dateLabel('2026-11-24', '2026-11-23')).toBe('明天');
    expect(dateLabel('2026-11-25', '2026-11-23')).toBe('后天');
    expect(dateLabel('2026-12-01', '2026-11-23')).toBe('12月1日');
  });
});

describe('shanghaiClock', () => {
  it('says an instant the way a worker reads it', () => {
    expect(shanghaiClock('2026-11-22T01:03:00Z')).toBe('11月22日 周日 09:03');
    expect(shanghaiClock('2026-11-22T16:30:00Z')).toBe('11月23日 周一 00:30');
  });
});
