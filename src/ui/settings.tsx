import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
} from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';

export const REFRESH_CHOICES = [2_000, 5_000, 10_000, 30_000, 60_000] as const;

interface Settings {
  /** Milliseconds between refreshes of what is on screen. */
  refreshMs: number;
  paused: boolean;
  theme: ThemeChoice;
  setRefreshMs: (ms: number) => void;
  setPaused: (paused: boolean) => void;
  setTheme: (theme: ThemeChoice) => void;
}

const SettingsContext = createContext<Settings | undefined>(undefined);
const STORAGE_KEY = 'kuma-dashboard:settings';

interface Stored {
  refreshMs?: number;
  theme?: ThemeChoice;
}

function readStored(): Stored {
  try {
    return JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? '{}') as Stored;
  } catch {
    return {};
  }
}

/** Refresh interval, pause and theme: preferences, kept in localStorage (nothing secret here). */
export function SettingsProvider({ children }: { children: ReactNode }) {
  const stored = useMemo(readStored, []);
  const [refreshMs, setRefreshMsState] = useState(
    REFRESH_CHOICES.includes(stored.refreshMs as never) ? (stored.refreshMs as number) : 5_000,
  );
  const [paused, setPaused] = useState(false);
  const [theme, setThemeState] = useState<ThemeChoice>(stored.theme ?? 'system');

  const persist = useCallback((next: Stored) => {
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify({ ...readStored(), ...next }));
    } catch {
      // Storage may be full or blocked; the choice still holds for this page.
    }
  }, []);

  useEffect(() => {
    const root = document.documentElement;
    const dark = window.matchMedia?.('(prefers-color-scheme: dark)');
    const apply = () => {
      const effective = theme === 'system' ? (dark?.matches ? 'dark' : 'light') : theme;
      root.dataset.theme = effective;
    };
    apply();
    dark?.addEventListener('change', apply);
    return () => dark?.removeEventListener('change', apply);
  }, [theme]);

  const value = useMemo<Settings>(
    () => ({
      refreshMs,
      paused,
      theme,
      setRefreshMs: (ms) => {
        setRefreshMsState(ms);
        persist({ refreshMs: ms });
      },
      setPaused,
      setTheme: (next) => {
        setThemeState(next);
        persist({ theme: next });
      },
    }),
    [refreshMs, paused, theme, persist],
  );
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>;
}

export function useSettings(): Settings {
  const settings = useContext(SettingsContext);
  if (!settings) throw new Error('useSettings outside SettingsProvider');
  return settings;
}

function subscribeTheme(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}

function currentTheme(): 'light' | 'dark' {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

/**
 * The theme on screen: the user's choice, or the system's when the choice is `system` (as the
 * root's `data-theme` says), for what cannot follow CSS variables (a mermaid diagram).
 */
export function useEffectiveTheme(): 'light' | 'dark' {
  return useSyncExternalStore(subscribeTheme, currentTheme, () => 'light');
}
