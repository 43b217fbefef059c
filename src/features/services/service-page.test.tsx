import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HOSTILE_NAMES } from '../../../demo-cp/src/scenarios';
import { servicePath } from '../../lib/paths';
import { demoBackend } from '../../test/demo-backend';
import { renderApp } from '../../test/render-app';

afterEach(() => vi.unstubAllGlobals());

function rows(table: HTMLElement): string[][] {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => Array.from(row.querySelectorAll('td')).map((cell) => cell.textContent ?? ''));
}

describe('service page', () => {
  it('shows the ways in, the offline proxy, the 503 it causes and the finding', async () => {
    renderApp('/meshes/default/services/payments');
    const table = await screen.findByTestId('entry-table');
    const ways = rows(table);
    expect(ways.map((row) => row.slice(1, 5).join(' | '))).toEqual([
      'HTTP :80listener #0 | * | edge-routesMeshHTTPRoute | PathPrefix /pay',
      'HTTPS :443listener #1 | shop.example.com | edge-routesMeshHTTPRoute | PathPrefix /pay',
    ]);
    expect(ways.map((row) => row[6])).toEqual(['Trace 503', 'Trace 503']);
    const links = within(table).getAllByTestId('trace-link');
    expect(links[0]).toHaveAttribute(
      'href',
      '/trace?mesh=default&gateway=builtin%3Aedge-gateway&url=http%3A%2F%2Fexample.com%2Fpay&method=GET&tab=trace',
    );
    expect(within(table).getAllByText('edge-gateway', { selector: 'a' })[0]).toHaveAttribute(
      'href',
      '/meshes/default/gateways/edge-gateway',
    );
    const dataplanes = screen.getByTestId('dataplane-table');
    expect(rows(dataplanes).map((row) => row.slice(0, 2))).toEqual([['payments-1', 'Offline']]);
    expect(screen.getByRole('heading', { name: /Dataplanes \(0 of 1 online\)/ })).toBeVisible();
    const findings = screen.getAllByTestId('service-finding');
    expect(findings.map((item) => item.getAttribute('data-rule'))).toContain('no-healthy-backend');
    expect(screen.getByTestId('insight')).toHaveTextContent('offline: 0 online, 1 offline of 1');
  });

  it('shows a MeshService reached through a delegated gateway', async () => {
    renderApp('/meshes/payments/services/checkout');
    const table = await screen.findByTestId('entry-table');
    expect(rows(table).map((row) => [row[0], row[3]])).toEqual([
      ['kong-payments delegated1 of 2 instances online', 'MeshService checkout:8080'],
    ]);
    expect(within(table).getByTestId('trace-link').getAttribute('href')).toContain(
      'headers=x-kuma-service%3A+checkout',
    );
    expect(screen.getByText('MeshService', { selector: '.pill' })).toBeVisible();
    expect(screen.getByTestId('mesh-service')).toHaveTextContent('checkout, state Available');
  });

  it('says how a broken gateway stops the way in', async () => {
    renderApp('/meshes/legacy/services/catalog');
    const table = await screen.findByTestId('entry-table');
    expect(
      within(table).getByText(/kuma-cp cannot build MeshGateway "legacy-gateway"/),
    ).toBeVisible();
    expect(
      screen.getAllByTestId('service-finding').map((item) => item.getAttribute('data-rule')),
    ).toContain('gateway-not-built');
  });

  it('works on a 3.x control plane: delegated gateways only, no ServiceInsights', async () => {
    renderApp('/meshes/legacy/services/catalog', demoBackend({ kumaVersion: '3.0.0' }));
    const table = await screen.findByTestId('entry-table');
    expect(rows(table).map((row) => row[0])).toEqual([
      'kong-legacy delegated1 of 1 instance online',
    ]);
    expect(screen.getByTestId('dataplane-table')).toHaveTextContent('catalog-1');
  });

  it('on a global control plane: proxies synced from zones under their display names', async () => {
    renderApp('/meshes/default/services/frontend', demoBackend({ mode: 'global' }));
    const dataplanes = await screen.findByTestId('dataplane-table');
    const links = within(dataplanes).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual(['frontend-1', 'frontend-2']);
    // The path keeps the stored (hashed) name.
    expect(links[0]?.getAttribute('href')).toMatch(/^\/meshes\/default\/dataplanes\/frontend-1-.+/);
    expect(rows(screen.getByTestId('entry-table')).map((row) => row[2])).toEqual([
      '*',
      'shop.example.com',
      'edge.mesh',
    ]);
  });

  it('says when no gateway sends traffic to a service', async () => {
    renderApp('/meshes/payments/services/ledger');
    expect(await screen.findByText('No gateway sends traffic to ledger.')).toBeVisible();
    expect(screen.getByTestId('dataplane-table')).toHaveTextContent('ledger-1');
  });

  it('has a not-found state with a way back for an unknown service', async () => {
    renderApp('/meshes/default/services/no-such-service');
    expect(
      await screen.findByText('No service “no-such-service” in mesh “default”.'),
    ).toBeVisible();
    expect(screen.getByText('Services of mesh default')).toHaveAttribute(
      'href',
      '/meshes/default#mesh-services',
    );
  });

  it('has a not-found state for an unknown mesh', async () => {
    renderApp('/meshes/no-such-mesh/services/frontend');
    expect(await screen.findByText('No mesh “no-such-mesh”.')).toBeVisible();
    expect(screen.getByText('All meshes')).toHaveAttribute('href', '/meshes');
  });

  it('keeps hostile names as text', async () => {
    const backend = demoBackend({ scenario: 'hostile' });
    renderApp(servicePath(HOSTILE_NAMES.mesh, HOSTILE_NAMES.caller), backend);
    const table = await screen.findByTestId('entry-table');
    expect(within(table).getByText(HOSTILE_NAMES.gateway, { selector: 'a' })).toBeVisible();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(HOSTILE_NAMES.caller);
    expect(document.querySelector('img[src=x]')).toBeNull();
  });
});
