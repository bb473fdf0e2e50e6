import { View } from '@tarojs/components';
import { useMemo } from 'react';
// The core encoder of the `qrcode` package is plain JS (no canvas, no Node built-ins).
// @ts-expect-error no types for the deep import
import QRCore from 'qrcode/lib/core/qrcode';

interface Props {
  text: string;
  /** Module size in design px (750-wide design). */
  cell?: number;
}

/** A QR code drawn with Views (one per run of dark modules), so it works on weapp and h5 alike. */
export default function QrCode({ text, cell = 12 }: Props) {
  const rows = useMemo(() => {
    const qr = QRCore.create(text, { errorCorrectionLevel: 'M' });
    const size: number = qr.modules.size;
    const data: Uint8Array = qr.modules.data;
    const out: { x: number; w: number }[][] = [];
    for (let y = 0; y < size; y++) {
      const runs: { x: number; w: number }[] = [];
      let x = 0;
      while (x < size) {
        if (data[y * size + x]) {
          const start = x;
          while (x < size && data[y * size + x]) x++;
          runs.push({ x: start, w: x - start });
        } else x++;
      }
      out.push(runs);
    }
    return { size, rows: out };
  }, [text]);
  const px = (n: number) => `${Math.round(n * cell) / 2}px`;
  const quiet = 4;
  return (
    <View
      className="qr"
      style={{ width: px(rows.size + quiet * 2), height: px(rows.size + quiet * 2) }}
      aria-label={`二维码 ${text}`}
    >
      {rows.rows.map((runs, y) => (
        <View key={y} className="qr-row" style={{ height: px(1), top: px(y + quiet) }}>
          {runs.map((r) => (
            <View key={r.x} className="qr-dot" style={{ left: px(r.x + quiet), width: px(r.w) }} />
          ))}
        </View>
      ))}
    </View>
  );
}
