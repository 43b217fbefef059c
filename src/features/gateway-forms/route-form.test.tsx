import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { demoBackend } from '../../test/demo-backend';
import { renderApp } from '../../test/render-app';

beforeEach(() => localStorage.clear());
afterEach(() => vi.unstubAllGlobals());

function type(element: HTMLElement, value: string) {
  fireEvent.change(element, { target: { value } });
  fireEvent.blur(element);
}

function submit(label: 'Create' | 'Save') {
  const form = screen.getByLabelText('Name').closest('form') as HTMLElement;
  fireEvent.click(within(form).getByText(label, { selector: 'button' }));
}

const writes = (requests: string[]) => requests.filter((request) => !request.startsWith('GET '));

describe('route forms', () => {
  it('creates a MeshHTTPRoute with two weighted backends on one listener', async () => {
    const { backend } = renderApp('/meshes/default/gateways/edge-gateway/routes/new?kind=http');
    type(await screen.findByLabelText('Name'), 'edge-shop');
    const attach = screen.getByLabelText('Attach to listeners');
    fireEvent.change(attach, { target: { value: '2' } });
    expect(screen.getByText(/^Attaches to :8081 HTTP admin.example.com\.$/)).toBeInTheDocument();

    const rule = within(await screen.findByTestId('rule-0'));
    type(rule.getByLabelText('Path'), '/shop');
    type(rule.getByLabelText('Backend 1: service'), 'backend');
    type(rule.getByLabelText('Backend 1: weight'), '80');
    fireEvent.click(rule.getByText('Add backend', { selector: 'button' }));
    type(await rule.findByLabelText('Backend 2: service'), 'backend-v2');
    type(rule.getByLabelText('Backend 2: weight'), '20');
    expect(rule.getByText('20% of requests')).toBeInTheDocument();
    expect(screen.getByTestId('yaml-kubernetes')).toHaveTextContent('namespace: kuma-system');

    submit('Create');
    await screen.findByText(/^Created: MeshHTTPRoute edge-shop/);
    expect(writes(backend.requests)).toEqual(['PUT /meshes/default/meshhttproutes/edge-shop']);
    expect(backend.world.store.get('MeshHTTPRoute', 'default', 'edge-shop')).toMatchObject({
      spec: {
        targetRef: { kind: 'MeshGateway', name: 'edge-gateway', tags: { listener: 'admin' } },
        to: [
          {
            targetRef: { kind: 'Mesh' },
            rules: [
              {
                matches: [{ path: { type: 'PathPrefix', value: '/shop' } }],
                default: {
                  backendRefs: [
                    { kind: 'MeshService', name: 'backend', weight: 80 },
                    { kind: 'MeshService', name: 'backend-v2', weight: 20 },
                  ],
                },
              },
            ],
          },
        ],
      },
    });
  });

  it('creates a MeshTCPRoute for a TCP listener', async () => {
    const { backend } = renderApp('/meshes/default/gateways/edge-gateway/routes/new?kind=tcp');
    type(await screen.findByLabelText('Name'), 'edge-redis-2');
    fireEvent.change(screen.getByLabelText('Attach to listeners'), { target: { value: '3' } });
    type(screen.getByLabelText('Backend 1: service'), 'redis');
    submit('Create');
    await screen.findByText(/^Created: MeshTCPRoute edge-redis-2/);
    expect(backend.world.store.get('MeshTCPRoute', 'default', 'edge-redis-2')).toMatchObject({
      spec: {
        targetRef: { kind: 'MeshGateway', name: 'edge-gateway', tags: { listener: 'redis' } },
        to: [{ rules: [{ default: { backendRefs: [{ kind: 'MeshService', name: 'redis' }] } }] }],
      },
    });
  });

  it('shows route rules while typing, with the schema wording for header names', async () => {
    const { backend } = renderApp('/meshes/default/gateways/edge-gateway/routes/new?kind=http');
    type(await screen.findByLabelText('Name'), 'edge-bad');
    const rule = within(await screen.findByTestId('rule-0'));
    type(rule.getByLabelText('Path'), '/api/');
    expect(
      await rule.findByText(
        'does not need a trailing slash because only a `/`-separated prefix or an entire path is matched',
      ),
    ).toHaveAttribute('role', 'alert');
    fireEvent.click(rule.getByText('Add header match', { selector: 'button' }));
    type(await rule.findByLabelText('Header 1: name'), 'X-Version');
    expect(await rule.findByText(/^in body should match/)).toBeInTheDocument();
    submit('Create');
    expect(await screen.findByTestId('error-summary')).toHaveTextContent('1 problem');
    expect(writes(backend.requests)).toEqual([]);
  });

  // On a federated zone the global's gateway is stored under a hashed name (multi-zone KDS).
  const ZONE_GATEWAY = 'edge-gateway-x7d7z4729b7688d4';

  it('edits a route the zone owns, keeping its origin', async () => {
    const backend = demoBackend({ mode: 'zone' });
    backend.world.writeAsApi('MeshHTTPRoute', {
      type: 'MeshHTTPRoute',
      mesh: 'default',
      name: 'zone-routes',
      spec: {
        targetRef: { kind: 'MeshGateway', name: 'edge-gateway' },
        to: [
          {
            targetRef: { kind: 'Mesh' },
            rules: [
              {
                matches: [{ path: { type: 'PathPrefix', value: '/' } }],
                default: { backendRefs: [{ kind: 'MeshService', name: 'frontend' }] },
              },
              {
                matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
                default: {
                  backendRefs: [
                    { kind: 'MeshService', name: 'backend', weight: 90 },
                    { kind: 'MeshService', name: 'backend-v2', weight: 10 },
                  ],
                },
              },
            ],
          },
        ],
      },
    });
    renderApp(`/meshes/default/gateways/${ZONE_GATEWAY}/routes/http/zone-routes/edit`, backend);
    const second = within(await screen.findByTestId('rule-1'));
    expect(second.getByLabelText('Path')).toHaveValue('/api');
    expect(second.getByLabelText('Backend 1: weight')).toHaveValue('90');
    type(second.getByLabelText('Backend 1: weight'), '50');
    submit('Save');
    await screen.findByText(/^Saved: MeshHTTPRoute zone-routes/);
    const saved = backend.world.store.get('MeshHTTPRoute', 'default', 'zone-routes') as unknown as {
      labels: Record<string, string>;
      spec: {
        targetRef: { name: string };
        to: { rules: { default: { backendRefs: unknown[] } }[] }[];
      };
    };
    expect(saved.labels).toMatchObject({ 'kuma.io/origin': 'zone' });
    expect(saved.spec.targetRef.name).toBe('edge-gateway');
    expect(saved.spec.to[0]?.rules[1]?.default.backendRefs).toEqual([
      { kind: 'MeshService', name: 'backend', weight: 50 },
      { kind: 'MeshService', name: 'backend-v2', weight: 10 },
    ]);
  });

  it('creates routes on a federated zone with the origin label the zone requires', async () => {
    const backend = demoBackend({ mode: 'zone' });
    renderApp(`/meshes/default/gateways/${ZONE_GATEWAY}/routes/new?kind=tcp`, backend);
    type(await screen.findByLabelText('Name'), 'zone-redis');
    type(screen.getByLabelText('Backend 1: service'), 'redis');
    // A route written on a federated zone carries `kuma.io/origin: zone`: the diff says so.
    expect(screen.getByTestId('yaml-universal')).toHaveTextContent('kuma.io/origin: zone');
    submit('Create');
    await screen.findByText(/^Created: MeshTCPRoute zone-redis/);
    const created = backend.world.store.get('MeshTCPRoute', 'default', 'zone-redis') as unknown as {
      labels: Record<string, string>;
      spec: { targetRef: { name: string } };
    };
    expect(created.labels).toMatchObject({ 'kuma.io/origin': 'zone' });
    // kuma-cp matches targetRefs against display names: the route names the gateway as written.
    expect(created.spec.targetRef.name).toBe('edge-gateway');
  });
});
