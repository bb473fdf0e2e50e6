import { Image } from '@tarojs/components';

export interface Series {
  label: string;
  color: string;
  values: number[];
}

/**
 * A small line chart drawn as SVG (no chart library: the subpackage stays small), shown as an image
 * so the same code works on weapp and h5. Days along the bottom, one line per series, a legend.
 */
export function trendSvg(days: string[], series: Series[], width = 640, height = 300): string {
  const pad = { l: 40, r: 12, t: 30, b: 34 };
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const w = width - pad.l - pad.r;
  const h = height - pad.t - pad.b;
  const x = (i: number) => pad.l + (days.length <= 1 ? w / 2 : (i * w) / (days.length - 1));
  const y = (v: number) => pad.t + h - (v / max) * h;
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const parts: string[] = [];
  parts.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);
  for (const t of [0, 0.5, 1]) {
    const v = Math.round(max * t);
    parts.push(`<line x1="${pad.l}" x2="${width - pad.r}" y1="${y(v)}" y2="${y(v)}" stroke="#eee"/>`);
    parts.push(`<text x="${pad.l - 6}" y="${y(v) + 4}" font-size="12" text-anchor="end" fill="#888">${v}</text>`);
  }
  days.forEach((d, i) => {
    if (days.length > 10 && i % Math.ceil(days.length / 8) !== 0) return;
    parts.push(`<text x="${x(i)}" y="${height - 12}" font-size="12" text-anchor="middle" fill="#888">${+d.slice(5, 7)}/${+d.slice(8, 10)}</text>`);
  });
  series.forEach((s, k) => {
    const pts = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    parts.push(`<polyline points="${pts}" fill="none" stroke="${s.color}" stroke-width="3"/>`);
    s.values.forEach((v, i) => parts.push(`<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3.5" fill="${s.color}"/>`));
    parts.push(`<rect x="${pad.l + k * 110}" y="8" width="14" height="14" fill="${s.color}"/>`);
    parts.push(`<text x="${pad.l + k * 110 + 20}" y="20" font-size="13" fill="#333">${esc(s.label)}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">${parts.join('')}</svg>`;
}

export default function TrendChart({ days, series }: { days: string[]; series: Series[] }) {
  const src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(trendSvg(days, series))}`;
  return <Image className="chart" src={src} mode="aspectFit" />;
}
