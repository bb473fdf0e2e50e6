import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from '../services/api';

export interface AsyncState<T> {
  data: T | undefined;
  loading: boolean;
  error: string | null;
  /** Loads again; resolves when that load has finished, with its error sentence or null (pull-down refresh waits for it). */
  reload: () => Promise<string | null>;
}

/** Loads data when `deps` change; loading is always cleared, errors become Chinese sentences. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]): AsyncState<T> {
  const [data, setData] = useState<T>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  // reload() callers waiting for the load in flight (a newer load answers them instead)
  const waiting = useRef<((error: string | null) => void)[]>([]);
  useEffect(() => {
    const mine = ++seq.current;
    let failed: string | null = null;
    setLoading(true);
    setError(null);
    load()
      .then((d) => mine === seq.current && setData(d))
      .catch((e) => {
        failed = errorText(e);
        if (mine === seq.current) setError(failed);
      })
      .finally(() => {
        if (mine !== seq.current) return;
        setLoading(false);
        for (const done of waiting.current.splice(0)) done(failed);
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(
    () =>
      new Promise<string | null>((resolve) => {
        waiting.current.push(resolve);
        setTick((t) => t + 1);
      }),
    [],
  );
  return { data, loading, error, reload };
}
