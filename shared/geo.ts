/**
 * Distances for 「离我最近」: great-circle (haversine) kilometres between two points, and how a page
 * says them. Plain functions, no imports, so the mini-program can use them.
 */
export interface Point {
  lat: number;
  lng: number;
}

const EARTH_KM = 6371.0088;
const rad = (d: number) => (d * Math.PI) / 180;

export function distanceKm(a: Point, b: Point): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** 「350 米」 under one kilometre (to 10 m), else 「1.2 公里」 (one decimal under 100 km). */
export function distanceLabel(km: number): string {
  if (km < 1) return `${Math.max(10, Math.round((km * 1000) / 10) * 10)} 米`;
  return km < 100 ? `${km.toFixed(1)} 公里` : `${Math.round(km)} 公里`;
}

