import { useIsFetching } from '@tanstack/react-query';
import { matchPath, NavLink, Outlet, useLocation } from 'react-router';
import { PaletteLauncher } from '../features/search/palette-launcher';
import type { Capabilities } from '../kuma/capabilities';
import { ROUTES, type RouteName } from '../lib/paths';
import { ControlPlaneGate, useOptionalKumaApi } from '../ui/api-context';
import { ControlPlaneHealthBanner } from '../ui/live';
import { REFRESH_CHOICES, type ThemeChoice, useSettings } from '../ui/settings';
import type { TokenStore } from '../ui/token';
import { TokenButton } from './token-dialog';

function ControlPlaneChip({ caps }: { caps: Capabilities }) {
  const details = [
    caps.environment === 'kubernetes' ? 'Kubernetes' : 'Universal',
    caps.mode,
    ...(caps.zoneName && caps.federatedZone ? [caps.zoneName] : []),
  ];
  // Two lines below 1600 px (styles.css), so the header stays one row at 1280 px.
  return (
    <div className="cp-chip" data-testid="control-plane">
      <span className="cp-chip__main">
        <span className="cp-chip__product">
          {caps.product} {caps.displayVersion}
        </span>
        {caps.readOnly && (
          <span className="pill pill--warning" title={caps.readOnlyReason}>
            read-only
          </span>
        )}
      </span>
      <span className="cp-chip__details">{details.join(' · ')}</span>
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
        className="button button--ghost button--icon"
        aria-label="Pause refreshing"
        aria-pressed={paused}
        title={paused ? 'Refreshing is paused: click to resume' : 'Pause refreshing'}
        onClick={() => setPaused(!paused)}
      >
        <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          {paused ? (
            <path d="M7 4.5v15l12.5-7.5z" fill="currentColor" />
          ) : (
            <path d="M7 4.5h3.5v15H7zM13.5 4.5H17v15h-3.5z" fill="currentColor" />
          )}
        </svg>
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

/** Sun, moon, and a half-filled circle for "as the system says": an icon keeps the header narrow. */
function ThemeIcon({ theme }: { theme: ThemeChoice }) {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      {theme === 'light' ? (
        <g fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          <circle cx="12" cy="12" r="4.5" />
          <path d="M12 2v2.5M12 19.5V22M2 12h2.5M19.5 12H22M4.9 4.9l1.8 1.8M17.3 17.3l1.8 1.8M4.9 19.1l1.8-1.8M17.3 6.7l1.8-1.8" />
        </g>
      ) : theme === 'dark' ? (
        <path
          d="M20 14.5A8.5 8.5 0 0 1 9.5 4a8.5 8.5 0 1 0 10.5 10.5z"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinejoin="round"
        />
      ) : (
        <g stroke="currentColor" strokeWidth="2">
          <circle cx="12" cy="12" r="8.5" fill="none" />
          <path d="M12 3.5a8.5 8.5 0 0 1 0 17z" fill="currentColor" />
        </g>
      )}
    </svg>
  );
}

const THEME_NAME: Record<ThemeChoice, string> = {
  system: 'system',
  light: 'light',
  dark: 'dark',
};

function ThemeToggle() {
  const { theme, setTheme } = useSettings();
  const label = `Theme: ${THEME_NAME[theme]}. Switch to ${THEME_NAME[THEME_NEXT[theme]]}`;
  return (
    <button
      type="button"
      className="button button--ghost button--icon"
      onClick={() => setTheme(THEME_NEXT[theme])}
      aria-label={label}
      title={label}
      data-theme-choice={theme}
    >
      <ThemeIcon theme={theme} />
    </button>
  );
}

type Section = 'meshes' | 'gateways' | 'dataplanes' | 'topology' | 'trace' | 'zones';

/**
 * The navigation section of each screen: a gateway's pages are under Gateways and a dataplane's
 * under Dataplanes, though their paths start with the mesh. Exhaustive, so a new route must say.
 */
const SECTION: Record<RouteName, Section> = {
  meshes: 'meshes',
  mesh: 'meshes',
  service: 'meshes',
  permissions: 'meshes',
  newPermission: 'meshes',
  editPermission: 'meshes',
  gateways: 'gateways',
  newGateway: 'gateways',
  gateway: 'gateways',
  editGateway: 'gateways',
  newRoute: 'gateways',
  editRoute: 'gateways',
  delegatedGateway: 'gateways',
  editDelegatedDataplane: 'gateways',
  dataplanes: 'dataplanes',
  dataplane: 'dataplanes',
  topology: 'topology',
  trace: 'trace',
  zones: 'zones',
};

/** The top-level section a path belongs to: a gateway's page is under Gateways, not Meshes. */
export function sectionOf(pathname: string): string {
  for (const name of Object.keys(ROUTES) as RouteName[]) {
    if (matchPath(ROUTES[name], pathname)) return ROUTES[SECTION[name]];
  }
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
    { to: ROUTES.meshes, label: 'Meshes' },
    { to: ROUTES.gateways, label: 'Gateways' },
    { to: ROUTES.dataplanes, label: 'Dataplanes' },
    { to: ROUTES.topology, label: 'Topology' },
    { to: ROUTES.trace, label: 'Trace' },
    ...(caps?.zones ? [{ to: ROUTES.zones, label: 'Zones' }] : []),
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
