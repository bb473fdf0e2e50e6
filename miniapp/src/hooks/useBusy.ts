import { useCallback, useRef, useState } from 'react';

/**
 * The one guard for every action (booking, cancel, login, publish, check-in): while an action runs,
 * a second tap does nothing. A ref, not state: on h5 Taro's `disabled` does not stop a click, and two
 * quick taps both arrive before React re-renders the button as busy.
 */
export function useBusy() {
  const running = useRef(false);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async (action: () => Promise<unknown> | unknown): Promise<void> => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    try {
      await action();
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, run };
}
