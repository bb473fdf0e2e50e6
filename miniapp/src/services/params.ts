/** Page params from the URL, including a wxacode `scene` ("station=ID&date=…", URL-encoded). */
import { useRouter } from '@tarojs/taro';
import { decodeScene } from './scene';

export { decodeScene };

function decodeAll(params: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || k === '$taroTimestamp') continue;
    try {
      out[k] = decodeURIComponent(v);
    } catch {
      out[k] = v;
    }
  }
  return out;
}

export function usePageParams(): Record<string, string> {
  const { params } = useRouter();
  const plain = decodeAll(params as Record<string, string | undefined>);
  return { ...decodeScene(params.scene), ...plain };
}

/** "pages/meals/index?station=1&date=…" for navigation and sharing. */
export function pageUrl(page: string, params: Record<string, string | number | undefined> = {}): string {
  const q = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
  const path = page.startsWith('/') ? page : `/${page}`;
  return q ? `${path}?${q}` : path;
}

/** The voucher page of one booking: its own URL, so a reload or a shared link opens it again. */
export const voucherUrl = (id: string) => pageUrl('pages/voucher/index', { id });
