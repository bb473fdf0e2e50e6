import { describe, expect, it } from 'vitest';
import {
  checkCheckIn,
  checkLegalBooking,
  checkMealBooking,
  checkMealCancel,
  checkStudioBooking,
  promoteWaitlist,
} from '../../shared/booking/index.js';
import { DomainError } from '../../shared/errors.js';

const at = (s: string) => new Date(s);
const code = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return (e as DomainError).code;
  }
};
const meal = { hours: '10:00-20:00', dailyQuota: 2, confirmedCount: 0, memberHasMealThatDate: false };

describe('meal rules', () => {
  it.each([
    ['2026-11-23', '2026-11-23T09:00:00+08:00', 'ok'],
    ['2026-11-26', '2026-11-23T09:00:00+08:00', 'ok'],
    ['2026-11-27', '2026-11-23T09:00:00+08:00', 'BAD_REQUEST'],
    ['2026-11-22', '2026-11-23T09:00:00+08:00', 'CLOSED'],
    ['2026-11-23', '2026-11-23T19:59:59+08:00', 'ok'],
    ['2026-11-23', '2026-11-23T20:00:00+08:00', 'CLOSED'],
    ['2026-11-24', '2026-11-23T23:00:00+08:00', 'ok'],
  ])('book %s at %s → %s', (date, now, want) => expect(code(() => checkMealBooking({ ...meal, date, now: at(now) }))).toBe(want));

  it('quota and one meal a date', () => {
    const base = { ...meal, date: '2026-11-24', now: at('2026-11-23T09:00:00+08:00') };
    expect(code(() => checkMealBooking({ ...base, confirmedCount: 2 }))).toBe('QUOTA_FULL');
    expect(code(() => checkMealBooking({ ...base, memberHasMealThatDate: true }))).toBe('DUPLICATE');
    expect(code(() => checkMealBooking({ ...base, policy: { mealDaysAhead: 0 } }))).toBe('BAD_REQUEST');
  });

  it('cancel until the station opens (staff any time)', () => {
    const b = { date: '2026-11-24' };
    expect(code(() => checkMealCancel(b, '10:00-20:00', at('2026-11-24T09:59:00+08:00'), false))).toBe('ok');
    expect(code(() => checkMealCancel(b, '10:00-20:00', at('2026-11-24T10:00:00+08:00'), false))).toBe('CLOSED');
    expect(code(() => checkMealCancel(b, '10:00-20:00', at('2026-11-24T12:00:00+08:00'), true))).toBe('ok');
  });
});

describe('studio rules', () => {
  const base = { startsAt: '2026-11-25T09:30:00+08:00', capacity: 10, confirmedSeats: 7, memberAlreadySignedUp: false, now: at('2026-11-23T09:00:00+08:00') };
  it('confirms a party that fits, waitlists one that does not', () => {
    expect(checkStudioBooking({ ...base, partySize: 3 })).toBe('confirmed');
    expect(checkStudioBooking({ ...base, partySize: 4 })).toBe('waitlisted');
    expect(code(() => checkStudioBooking({ ...base, partySize: 11 }))).toBe('BAD_REQUEST');
    expect(code(() => checkStudioBooking({ ...base, partySize: 1, memberAlreadySignedUp: true }))).toBe('DUPLICATE');
    expect(code(() => checkStudioBooking({ ...base, partySize: 1, now: at(base.startsAt) }))).toBe('CLOSED');
  });

  it.each([
    [[4, 2, 1], 5, ['a', 'c']],
    [[2, 2, 2], 5, ['a', 'b']],
    [[6, 1], 5, ['b']],
    [[1, 1, 1], 0, []],
    [[3, 2], 5, ['a', 'b']],
  ])('promotion of parties %j into %i seats', (sizes, seats, want) => {
    const waiting = sizes.map((partySize, i) => ({ id: 'abc'[i]!, seq: 10 + i, partySize }));
    expect(promoteWaitlist([...waiting].reverse(), seats)).toEqual(want);
  });
});

describe('legal and check-in rules', () => {
  const now = at('2026-11-23T09:00:00+08:00');
  it('one upcoming consultation, one booking a slot', () => {
    const base = { startsAt: '2026-11-24T10:00:00+08:00', slotTaken: false, memberHasUpcomingLegal: false, now };
    expect(checkLegalBooking(base)).toBe('confirmed');
    expect(code(() => checkLegalBooking({ ...base, slotTaken: true }))).toBe('QUOTA_FULL');
    expect(code(() => checkLegalBooking({ ...base, memberHasUpcomingLegal: true }))).toBe('DUPLICATE');
    expect(code(() => checkLegalBooking({ ...base, startsAt: '2026-11-23T08:00:00+08:00' }))).toBe('CLOSED');
  });

  it.each([
    [{ status: 'confirmed', checkedInAt: null }, '2026-11-23', undefined, 'ok'],
    [{ status: 'confirmed', checkedInAt: '2026-11-23T01:00:00Z' }, '2026-11-23', undefined, 'ALREADY_CHECKED_IN'],
    [{ status: 'cancelled', checkedInAt: null }, '2026-11-23', undefined, 'CANCELLED'],
    [{ status: 'waitlisted', checkedInAt: null }, '2026-11-23', undefined, 'WAITLISTED'],
    [{ status: 'confirmed', checkedInAt: null }, '2026-11-24', undefined, 'WRONG_DATE'],
    [{ status: 'confirmed', checkedInAt: null }, '2026-11-23', 'st_other', 'WRONG_STATION'],
  ] as const)('check-in %j on %s at %s → %s', (b, serviceDate, stationId, want) => {
    const booking = { ...b, service: 'meal' as const, stationId: 'st_1' };
    expect(code(() => checkCheckIn({ booking, serviceDate, now, stationId }))).toBe(want);
  });
});
