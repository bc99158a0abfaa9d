import { useCallback, useEffect, useRef, useState } from 'react';
import type { NetworkStatusDTO } from '../../src-shared/contract';
import { useBridge } from '../bridge/bridge-context';
import { describeError } from '../bridge/errors';

export type NetworkStatusLoad =
  | { phase: 'loading'; last?: NetworkStatusDTO }
  | { phase: 'ready'; status: NetworkStatusDTO }
  | { phase: 'failed'; error: string; last?: NetworkStatusDTO };

/** The network status, asked for on mount and again on `refresh`; the last answer stays while asking. */
export function useNetworkStatus(): { load: NetworkStatusLoad; refresh(): void } {
  const { api } = useBridge();
  const [load, setLoad] = useState<NetworkStatusLoad>({ phase: 'loading' });
  // Only the latest request may answer: an older, slower one must not overwrite it.
  const latest = useRef(0);

  // Sets state only when the answer comes: the effect below may call it.
  const ask = useCallback(() => {
    const request = ++latest.current;
    api.getNetworkStatus().then(
      (status) => {
        if (request === latest.current) setLoad({ phase: 'ready', status });
      },
      (error: unknown) => {
        if (request !== latest.current) return;
        setLoad((current) => ({
          phase: 'failed',
          error: describeError(error),
          last: lastStatus(current),
        }));
      },
    );
  }, [api]);

  const refresh = useCallback(() => {
    setLoad((current) => ({ phase: 'loading', last: lastStatus(current) }));
    ask();
  }, [ask]);

  useEffect(() => {
    ask();
    // Unmounted: any answer still on its way is dropped.
    return () => {
      latest.current += 1;
    };
  }, [ask]);

  return { load, refresh };
}

function lastStatus(load: NetworkStatusLoad): NetworkStatusDTO | undefined {
  return load.phase === 'ready' ? load.status : load.last;
}
