/** 大字版: one switch in 我的, kept in storage so it survives a reload or a restart of WeChat. */
import Taro from '@tarojs/taro';

const KEY = 'gy_large_text';
const listeners = new Set<() => void>();
let large: boolean | null = null;

export function isLargeText(): boolean {
  if (large === null) {
    try {
      large = Taro.getStorageSync(KEY) === true;
    } catch {
      large = false;
    }
  }
  return large;
}

export function setLargeText(on: boolean): void {
  large = on;
  try {
    Taro.setStorageSync(KEY, on);
  } catch {
    /* storage full: on for this run only */
  }
  for (const l of listeners) l();
}

export function onTextSizeChange(l: () => void): () => void {
  listeners.add(l);
  return () => void listeners.delete(l);
}
