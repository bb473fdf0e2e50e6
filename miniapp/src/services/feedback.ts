/**
 * WeChat's own feedback, where a WeChat user expects it: a toast after booking or cancelling, a modal
 * before cancelling, a loading mask while a cancel runs. On h5 Taro draws the same toast and modal.
 */
import Taro from '@tarojs/taro';

/** A short success (WeChat shows at most 7 characters next to the tick). */
export function toastDone(title: string) {
  Taro.showToast({ title, icon: 'success', duration: 1500 }).catch(() => undefined);
}

/** A sentence without an icon (two lines at most): an error of a quick action, or a hint. */
export function toastText(title: string) {
  Taro.showToast({ title, icon: 'none', duration: 2500 }).catch(() => undefined);
}

/** Quicker than this after the dialog opened, an answer is the second tap of a double tap, not a decision. */
const STRAY_TAP_MS = 400;

/** WeChat's confirm dialog; true when the worker confirmed. Button texts: at most 4 characters. */
export async function confirmModal(opts: { title: string; content: string; confirmText: string; cancelText: string }): Promise<boolean> {
  try {
    for (;;) {
      const shownAt = Date.now();
      const r = await Taro.showModal({ ...opts, confirmColor: '#c8102e' });
      // the dialog opens under the finger: where one of its buttons covers the tapped button, a double
      // tap would answer it unread (confirm the cancel, or close the dialog at once); ask again instead
      if (Date.now() - shownAt < STRAY_TAP_MS) continue;
      return !!r.confirm;
    }
  } catch {
    return false;
  }
}

/** The loading mask (taps underneath are blocked) while `action` runs; hidden before any toast after it. */
export async function withLoading<T>(title: string, action: () => Promise<T>): Promise<T> {
  Taro.showLoading({ title, mask: true }).catch(() => undefined);
  try {
    return await action();
  } finally {
    Taro.hideLoading();
  }
}
