// Reads the syncer every few seconds while a page is shown. A 401 goes to the App (which asks for the
// token); any other failure is shown where the data would be, and the next round tries again.
import { createContext } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { Unauthorized } from './api';

/** Called when the syncer refuses the token: the App asks for it again. */
export const AuthLost = createContext<() => void>(() => undefined);

export const POLL_MS = 2_000;

export interface Polled<T> {
  data?: T;
  error?: string;
  /** Reads again now (after a button changed something). */
  refresh: () => void;
}

export function usePolled<T>(load: () => Promise<T>, key: string, everyMs = POLL_MS): Polled<T> {
  const authLost = useContext(AuthLost);
  const [state, setState] = useState<{ data?: T; error?: string }>({});
  const [round, setRound] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async () => {
      try {
        const data = await loadRef.current();
        if (live) setState({ data });
      } catch (error) {
        if (!live) return;
        if (error instanceof Unauthorized) return authLost();
        setState((s) => ({ ...s, error: (error as Error).message }));
      }
      if (live) timer = setTimeout(read, everyMs);
    };
    void read();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key, round, everyMs]);
  return { ...state, refresh: () => setRound((r) => r + 1) };
}
