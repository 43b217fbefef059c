import { useIsFetching } from '@tanstack/react-query';
import { NavLink, Outlet, useLocation } from 'react-router';
import type { Capabilities } from '../kuma/capabilities';
import { PaletteLauncher } from '../features/search/palette-launcher';
import { ControlPlaneGate, useOptionalKumaApi } from './api-context';
import { ControlPlaneHealthBanner } from './live';
import { REFRESH_CHOICES, type ThemeChoice, useSettings } from './settings';
import type { TokenStore } from './token';
import { TokenButton } from './token-dialog';

function ControlPlaneChip({ caps }: { caps: Capabilities }) {
  const details = [
    caps.environment === 'kubernetes' ? 'Kubernetes' : 'Universal',
    caps.mode,
    ...(caps.zoneName && caps.federatedZone ? [caps.zoneName] : []),
  ];
  return (
    <div className="cp-chip" data-testid="control-plane">
      <span className="cp-chip__product">
        {caps.product} {caps.displayVersion}
      </span>
      <span className="cp-chip__details">{details.join(' · ')}</span>
      {caps.readOnly && (
        <span className="pill pill--warning" title={caps.readOnlyReason}>
          read-only
        </span>
      )}
    </div>
  );
}

function RefreshControl() {
  const { refreshMs, paused, setRefreshMs, setPaused } = useSettings();
  const fetching = useIsFetching();
  return (
    <div className="refresh">
      <label>
        <span className="visually-hidden">Refresh every</span>
        <select
          value={refreshMs}
          onChange={(event) => setRefreshMs(Number(event.target.value))}
          aria-label="Refresh interval"
        >
          {REFRESH_CHOICES.map((ms) => (
            <option key={ms} value={ms}>
              every {ms / 1000} s
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="button button--ghost"
        aria-pressed={paused}
        onClick={() => setPaused(!paused)}
      >
        {paused ? 'Resume' : 'Pause'}
      </button>
      <span className={`refresh__dot${fetching ? ' refresh__dot--busy' : ''}`} aria-hidden="true" />
    </div>
  );
}

const THEME_NEXT: Record<ThemeChoice, ThemeChoice> = {
  system: 'light',
  light: 'dark',
  dark: 'system',
};

function ThemeToggle() {
  const { theme, setTheme } = useSettings();
  return (
    <button
      type="button"
      className="button button--ghost"
      onClick={() => setTheme(THEME_NEXT[theme])}
      aria-label={`Theme: ${theme}. Switch to ${THEME_NEXT[theme]}`}
    >
      {theme === 'dark' ? 'Dark' : theme === 'light' ? 'Light' : 'System theme'}
    </button>
  );
}

/** The top-level section a path belongs to: a gateway's page is under Gateways, not Meshes. */
export function sectionOf(pathname: string): string {
  const nested = /^\/meshes\/[^/]+\/(gateways|delegated-gateways|dataplanes)\b/.exec(pathname);
  if (nested?.[1]) return nested[1] === 'dataplanes' ? '/dataplanes' : '/gateways';
  return `/${pathname.split('/')[1] ?? ''}`;
}

/**
 * The shell: header, navigation and tools render whether or not the control plane answers, so
 * a failed start-up is never a dead page; only the screen waits for the control plane.
 */
export function Layout({ tokens }: { tokens: TokenStore }) {
  const caps = useOptionalKumaApi()?.caps;
  const section = sectionOf(useLocation().pathname);
  const links = [
    { to: '/meshes', label: 'Meshes' },
    { to: '/gateways', label: 'Gateways' },
    { to: '/dataplanes', label: 'Dataplanes' },
    { to: '/topology', label: 'Topology' },
    { to: '/trace', label: 'Trace' },
    ...(caps?.zones ? [{ to: '/zones', label: 'Zones' }] : []),
  ];
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <NavLink to="/" className="brand">
          Kuma ingress
        </NavLink>
        <nav aria-label="Main" className="nav">
          {links.map((link) => (
            <NavLink
              key={link.to}
              to={link.to}
              className={() => `nav__link${section === link.to ? ' active' : ''}`}
              aria-current={section === link.to ? 'page' : undefined}
            >
              {link.label}
            </NavLink>
          ))}
        </nav>
        <div className="topbar__tools">
          {caps && <PaletteLauncher />}
          {caps && <ControlPlaneChip caps={caps} />}
          <RefreshControl />
          <ThemeToggle />
          <TokenButton tokens={tokens} />
        </div>
      </header>
      <main id="main" className="page">
        <ControlPlaneGate>
          <ControlPlaneHealthBanner />
          <Outlet />
        </ControlPlaneGate>
      </main>
    </div>
  );
}
