import { useEffect, useId, useState } from 'react';
import { NavLink, Outlet, useLocation, useNavigate, useParams } from 'react-router-dom';
import { useApp } from '../lib/app';

/** The namespace the page shows: the one in the URL, else the last one used. */
export function useNamespace(): string {
  const { ns } = useParams();
  const { lastNamespace } = useApp();
  return ns ?? lastNamespace;
}

/** The same section of the app in another namespace. */
export function pathInNamespace(pathname: string, namespace: string): string {
  const m = /^\/namespaces\/[^/]+\/(flags|segments|console)/.exec(pathname);
  const section = m ? m[1] : 'flags';
  return `/namespaces/${encodeURIComponent(namespace)}/${section}`;
}

export function NamespaceSwitcher() {
  const id = useId();
  const { namespaces, setLastNamespace } = useApp();
  const current = useNamespace();
  const navigate = useNavigate();
  const location = useLocation();
  const known = namespaces.some((n) => n.key === current);
  return (
    <div className="ns-switcher">
      <label htmlFor={id}>Namespace</label>
      <select
        id={id}
        value={current}
        onChange={(e) => {
          const key = e.target.value;
          setLastNamespace(key);
          if (location.pathname.startsWith('/namespaces/') || location.pathname === '/') {
            navigate(pathInNamespace(location.pathname, key));
          }
        }}
      >
        {!known && <option value={current}>{current}</option>}
        {namespaces.map((n) => (
          <option key={n.key} value={n.key}>
            {n.name || n.key}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Shown on every page while the server's storage is read-only (`storage.readOnly` in /meta/info). */
export function ReadOnlyBanner() {
  return (
    <div className="alert alert-warning readonly-banner" role="status">
      <strong>Read-only mode.</strong> This server's storage is read-only: flags, segments and namespaces can be viewed and evaluated in the console, but not changed here.
    </div>
  );
}

export function Layout() {
  const { info, readOnly, self, logout, setLastNamespace } = useApp();
  const namespace = useNamespace();
  const { ns } = useParams();
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  const base = `/namespaces/${encodeURIComponent(namespace)}`;

  useEffect(() => setMenuOpen(false), [location.pathname]);
  useEffect(() => {
    if (ns) setLastNamespace(ns);
  }, [ns, setLastNamespace]);

  const name = self?.metadata?.['io.flipt.auth.oidc.name'] ?? self?.metadata?.['io.flipt.auth.github.name'] ?? self?.metadata?.['io.flipt.auth.token.name'];

  return (
    <div className={`app${menuOpen ? ' menu-open' : ''}`}>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="topbar">
        <button type="button" className="icon-button menu-button" aria-label="Open menu" aria-expanded={menuOpen} aria-controls="sidebar" onClick={() => setMenuOpen((o) => !o)}>
          ☰
        </button>
        <span className="brand brand-small">
          <span className="logo" aria-hidden="true">F</span> Flipt
        </span>
      </header>
      <aside id="sidebar" className="sidebar" aria-label="Main">
        <div className="brand">
          <span className="logo" aria-hidden="true">F</span>
          <span>Flipt</span>
        </div>
        <NamespaceSwitcher />
        <nav className="nav">
          <NavLink to={`${base}/flags`}>Flags</NavLink>
          <NavLink to={`${base}/segments`}>Segments</NavLink>
          <NavLink to={`${base}/console`}>Console</NavLink>
          <NavLink to="/audit">Audit</NavLink>
          <NavLink to="/settings" end={false}>
            Settings
          </NavLink>
        </nav>
        <div className="sidebar-footer">
          {readOnly && (
            <span className="badge badge-amber" title="The server's storage is read-only">
              Read-only
            </span>
          )}
          {self && (
            <div className="user">
              <span className="muted">{name ?? 'Signed in'}</span>
              <button type="button" className="button button-small" onClick={() => void logout()}>
                Log out
              </button>
            </div>
          )}
          {info?.version && <span className="muted small">v{info.version}</span>}
        </div>
      </aside>
      {menuOpen && <div className="scrim" onClick={() => setMenuOpen(false)} aria-hidden="true" />}
      <main id="main" className="main" tabIndex={-1}>
        {readOnly && <ReadOnlyBanner />}
        <Outlet />
      </main>
    </div>
  );
}
