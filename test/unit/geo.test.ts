/** shared/geo.ts: distances for 离我最近 and how they read. */
import { expect, it } from 'vitest';
import { distanceKm, distanceLabel } from '../../shared/geo.js';

it('measures great-circle kilometres (one hundredth of a degree of latitude is about 1.11 km)', () => {
  expect(distanceKm({ lat: 31.2304, lng: 121.4737 }, { lat: 31.2412, lng: 121.4737 })).toBeCloseTo(1.2, 2);
  // 上海人民广场 → 杭州武林广场, about 165 km as the crow flies
  expect(distanceKm({ lat: 31.2304, lng: 121.4737 }, { lat: 30.2741, lng: 120.1551 })).toBeGreaterThan(160);
  expect(distanceKm({ lat: 30, lng: 120 }, { lat: 30, lng: 120 })).toBe(0);
});

it.each([
  [0, '10 米'],
  [0.347, '350 米'],
  [1.2009, '1.2 公里'],
  [12.34, '12.3 公里'],
  [165.4, '165 公里'],
])('%d km reads 「%s」', (km, label) => expect(distanceLabel(km)).toBe(label));
