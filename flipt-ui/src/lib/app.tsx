import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, errorMessage, getStoredToken, onUnauthorized, setStoredToken } from '../api/client';
import * as api from '../api/flipt';
import type { Authentication, MetaInfo, Namespace } from '../api/types';
import { usePreferences } from './preferences';

export type AuthState = 'checking' | 'ok' | 'login';

interface AppState {
  info: MetaInfo | null;
  readOnly: boolean;
  auth: AuthState;
  self: Authentication | null;
  namespaces: Namespace[];
  namespacesLoading: boolean;
  namespacesError: string | null;
  refreshNamespaces: () => Promise<void>;
  lastNamespace: string;
  setLastNamespace: (key: string) => void;
  /** Re-runs the start-up checks, e.g. after a login. */
  reload: () => Promise<void>;
  logout: () => Promise<void>;
}

const AppContext = createContext<AppState | null>(null);
const LAST_NS_KEY = 'flipt.namespace';

function readLastNamespace(): string {
  try {
    return window.localStorage.getItem(LAST_NS_KEY) || 'default';
  } catch {
    return 'default';
  }
}

export function AppProvider({ children }: { children: ReactNode }) {
  const [info, setInfo] = useState<MetaInfo | null>(null);
  const [auth, setAuth] = useState<AuthState>('checking');
  const [self, setSelf] = useState<Authentication | null>(null);
  const [namespaces, setNamespaces] = useState<Namespace[]>([]);
  const [namespacesLoading, setNamespacesLoading] = useState(true);
  const [namespacesError, setNamespacesError] = useState<string | null>(null);
  const [lastNamespace, setLast] = useState(readLastNamespace);
  const { setServerTheme } = usePreferences();

  const refreshNamespaces = useCallback(async () => {
    setNamespacesError(null);
    try {
      const list = await api.listNamespaces();
      setNamespaces(list);
    } catch (e) {
      setNamespacesError(errorMessage(e));
    } finally {
      setNamespacesLoading(false);
    }
  }, []);

  /** The server refused our credentials: a stored token is no longer valid, so forget it. */
  const signedOut = useCallback(() => {
    setStoredToken(null);
    setSelf(null);
    setAuth('login');
  }, []);

  const reload = useCallback(async () => {
    setAuth('checking');
    let meta: MetaInfo | null = null;
    try {
      meta = await api.getInfo();
      setInfo(meta);
      setServerTheme(meta?.ui?.theme);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        signedOut();
        return;
      }
      // /meta/info is advisory; keep going without it.
    }
    if (meta?.authentication?.required) {
      try {
        setSelf(await api.getSelf());
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          signedOut();
          return;
        }
      }
    }
    setAuth('ok');
    await refreshNamespaces();
  }, [refreshNamespaces, setServerTheme, signedOut]);

  useEffect(() => {
    onUnauthorized(signedOut);
    void reload();
    return () => onUnauthorized(null);
  }, [reload, signedOut]);

  const setLastNamespace = useCallback((key: string) => {
    setLast(key);
    try {
      window.localStorage.setItem(LAST_NS_KEY, key);
    } catch {
      /* ignore */
    }
  }, []);

  /**
   * Signs out of this browser. A browser session (OIDC, GitHub) is expired on the server; a static
   * token typed on the login page is only forgotten here, since applications may share it (expiring
   * it would revoke it everywhere; the tokens page deletes tokens).
   */
  const logout = useCallback(async () => {
    if (!getStoredToken()) {
      try {
        await api.expireSelf();
      } catch {
        /* the session may already be gone */
      }
    }
    signedOut();
  }, [signedOut]);

  const value = useMemo<AppState>(
    () => ({
      info,
      readOnly: !!info?.storage?.readOnly,
      auth,
      self,
      namespaces,
      namespacesLoading,
      namespacesError,
      refreshNamespaces,
      lastNamespace,
      setLastNamespace,
      reload,
      logout,
    }),
    [info, auth, self, namespaces, namespacesLoading, namespacesError, refreshNamespaces, lastNamespace, setLastNamespace, reload, logout],
  );
  return <AppContext.Provider value={value}>{children}</AppContext.Provider>;
}

export function useApp(): AppState {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('useApp outside AppProvider');
  return ctx;
}

/** For tests: a fixed app state without network calls. */
export function TestAppProvider({ value, children }: { value: Partial<AppState>; children: ReactNode }) {
  const full: AppState = {
    info: null,
    readOnly: false,
    auth: 'ok',
    self: null,
    namespaces: [{ key: 'default', name: 'Default', description: 'Default namespace', protected: true }],
    namespacesLoading: false,
    namespacesError: null,
    refreshNamespaces: async () => {},
    lastNamespace: 'default',
    setLastNamespace: () => {},
    reload: async () => {},
    logout: async () => {},
    ...value,
  };
  return <AppContext.Provider value={full}>{children}</AppContext.Provider>;
}
