import { NavLink, Outlet } from 'react-router-dom';
import { useApp } from '../lib/app';
import { usePreferences, type Theme } from '../lib/preferences';
import type { TimeDisplay } from '../lib/time';
import { formatTimestamp } from '../lib/time';

export function SettingsLayout() {
  const { info } = useApp();
  return (
    <section>
      <div className="page-header">
        <h1>Settings</h1>
      </div>
      <div className="tabs" role="navigation" aria-label="Settings sections">
        <NavLink to="/settings" end>
          General
        </NavLink>
        <NavLink to="/settings/namespaces">Namespaces</NavLink>
        {info?.authentication?.required && <NavLink to="/settings/tokens">API tokens</NavLink>}
      </div>
      <Outlet />
    </section>
  );
}

const THEMES: { value: Theme; label: string; hint: string }[] = [
  { value: 'light', label: 'Light', hint: 'Always light' },
  { value: 'dark', label: 'Dark', hint: 'Always dark' },
  { value: 'system', label: 'System', hint: 'Follows your operating system' },
];

export function GeneralSettings() {
  const { theme, setTheme, timeDisplay, setTimeDisplay } = usePreferences();
  const sample = new Date().toISOString();
  return (
    <div className="card form">
      <fieldset className="radio-cards">
        <legend>Theme</legend>
        {THEMES.map((t) => (
          <label key={t.value} className={`radio-card${theme === t.value ? ' selected' : ''}`}>
            <input type="radio" name="theme" value={t.value} checked={theme === t.value} onChange={() => setTheme(t.value)} />
            <span className={`theme-swatch theme-swatch-${t.value}`} aria-hidden="true" />
            <span>
              <strong>{t.label}</strong>
              <span className="muted small block">{t.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset className="radio-cards">
        <legend>Time display</legend>
        {(['utc', 'local'] as TimeDisplay[]).map((t) => (
          <label key={t} className={`radio-card${timeDisplay === t ? ' selected' : ''}`}>
            <input type="radio" name="time-display" value={t} checked={timeDisplay === t} onChange={() => setTimeDisplay(t)} />
            <span>
              <strong>{t === 'utc' ? 'UTC' : 'Local time'}</strong>
              <span className="muted small block">{formatTimestamp(sample, t)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <p className="muted small">Preferences are kept in this browser.</p>
    </div>
  );
}
