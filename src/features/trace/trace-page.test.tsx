import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoBackend } from '../../test/demo-backend';
import { renderApp } from '../../test/render-app';

afterEach(() => vi.unstubAllGlobals());

function mixed() {
  const backend = demoBackend({ scenario: 'mixed' });
  backend.world.pin('default', 'edge-gateway-1', { connected: true });
  backend.world.pin('default', 'edge-gateway-2', { connected: true });
  return backend;
}

describe('trace page', () => {
  it.each([
    ['/orders', '403', 'rbac-denied'],
    ['/pay', '503', 'no-healthy-upstream'],
    ['/', '200', 'ok'],
  ])('traces GET %s through edge-gateway: %s', async (path, status, kind) => {
    const url = `/trace?mesh=default&gateway=builtin%3Aedge-gateway&method=GET&url=${encodeURIComponent(`http://www.example.com${path}`)}`;
    renderApp(url, mixed());
    const verdict = await screen.findByTestId('trace-verdict');
    expect(verdict).toHaveAttribute('data-status', status);
    expect(verdict).toHaveAttribute('data-kind', kind);
    expect(
      screen.getByText('Show this path on the topology', { selector: 'a' }).getAttribute('href'),
    ).toMatch(/^\/topology\?mesh=default&trace=/);
  });

  it('lists the mesh check findings for mixed', async () => {
    renderApp('/trace?tab=check&mesh=default', mixed());
    const findings = await screen.findAllByTestId('finding');
    const rules = findings.map((finding) => finding.getAttribute('data-rule'));
    expect(rules).toEqual(
      expect.arrayContaining(['no-healthy-backend', 'missing-traffic-permission']),
    );
  });

  it('reports legacy-gateway, which kuma-cp cannot build, as an error', async () => {
    renderApp('/trace?tab=check&mesh=legacy', mixed());
    const findings = await screen.findAllByTestId('finding');
    const notBuilt = findings.find(
      (finding) => finding.getAttribute('data-rule') === 'gateway-not-built',
    );
    expect(notBuilt).toBeDefined();
    expect(notBuilt).toHaveTextContent(
      'kuma-cp cannot build MeshGateway "legacy-gateway": HTTP port 8090 has no route',
    );
  });
});
