import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoBackend } from '../../test/demo-backend';
import { renderApp } from '../../test/render-app';

afterEach(() => vi.unstubAllGlobals());

describe('dataplane detail', () => {
  it('shows a sidecar: status, kind, inbound and outbounds', async () => {
    renderApp('/meshes/default/dataplanes/frontend-1');
    const summary = await screen.findByTestId('dataplane-summary');
    expect(summary).toHaveTextContent('Online');
    expect(summary).toHaveTextContent('standard');
    expect(screen.getByText('frontend-1', { selector: 'h1' })).toBeInTheDocument();
    expect(screen.getByText('Dataplanes', { selector: '.breadcrumbs a' })).toHaveAttribute(
      'href',
      '/dataplanes?mesh=default',
    );

    const inbounds = await screen.findByTestId('inbounds');
    const inbound = within(inbounds).getAllByRole('row')[1]!;
    expect(inbound).toHaveTextContent('18080');
    expect(inbound).toHaveTextContent('8080');
    expect(inbound).toHaveTextContent('frontend');
    expect(inbound).toHaveTextContent('http');
    expect(inbound).toHaveTextContent('ready');

    const outbounds = screen.getByTestId('outbounds');
    const targets = within(outbounds)
      .getAllByRole('row')
      .slice(1)
      .map((row) => row.textContent);
    expect(targets).toEqual([
      expect.stringContaining('backend'),
      expect.stringContaining('orders'),
    ]);

    const subscriptions = screen.getByTestId('subscriptions');
    expect(subscriptions).toHaveTextContent('demo-cp-');
    expect(subscriptions).toHaveTextContent('connected');
    expect(subscriptions).toHaveTextContent('1.34.1');
    expect((await screen.findAllByText('ca-1', { selector: 'dd' })).length).toBeGreaterThan(0);
    const mtls = screen.getByText('mTLS', { selector: 'h2' }).closest('section') as HTMLElement;
    expect(mtls).toHaveTextContent('2026-11-02 00:00:00 UTC');
    expect(mtls).toHaveTextContent('Regenerations1');
  });

  it('renders the resource as Universal YAML on the YAML tab', async () => {
    const { backend } = renderApp('/meshes/default/dataplanes/frontend-1?tab=yaml');
    expect(await screen.findByText(/type: Dataplane/, { selector: 'code' })).toHaveTextContent(
      'name: frontend-1',
    );
    expect(backend.requests).toContain('GET /meshes/default/dataplanes/frontend-1');
    expect(screen.getAllByText('Copy', { selector: 'button' }).length).toBeGreaterThan(0);
  });

  it('renders the Kubernetes form on request', async () => {
    const { backend } = renderApp(
      '/meshes/default/dataplanes/frontend-1?tab=yaml&format=kubernetes',
    );
    const code = await screen.findByText(/kind: Dataplane/, { selector: 'code' });
    expect(code).toHaveTextContent('apiVersion: kuma.io/v1alpha1');
    expect(backend.requests).toContain(
      'GET /meshes/default/dataplanes/frontend-1?format=kubernetes',
    );
  });

  it('shows a per-cluster traffic table above the raw stats', async () => {
    renderApp('/meshes/default/dataplanes/frontend-1?tab=stats');
    const table = await screen.findByTestId('cluster-traffic');
    const clusters = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => row.firstElementChild?.textContent);
    expect(clusters).toEqual(expect.arrayContaining(['backend', 'orders', 'localhost_8080']));
    expect(clusters).not.toContain('ads_cluster');
    expect(
      await screen.findByText(/cluster\.backend\.upstream_rq_total/, { selector: 'code' }),
    ).toBeInTheDocument();
  });

  it('fetches Envoy views on demand and again on Refresh, never on a timer', async () => {
    const { backend } = renderApp('/meshes/default/dataplanes/frontend-1?tab=clusters');
    expect(await screen.findByText(/backend::/, { selector: 'code' })).toBeInTheDocument();
    const count = () =>
      backend.requests.filter((request) => request.endsWith('/frontend-1/clusters')).length;
    expect(count()).toBe(1);
    fireEvent.click(screen.getByText('Refresh', { selector: 'button' }));
    await waitFor(() => expect(count()).toBe(2));
  });

  it('shows the xDS config dump as JSON', async () => {
    renderApp('/meshes/default/dataplanes/frontend-1?tab=xds');
    expect(
      await screen.findByText(
        /"@type": "type.googleapis.com\/envoy.admin.v3.BootstrapConfigDump"/,
        {
          selector: 'code',
        },
      ),
    ).toBeInTheDocument();
  });

  it('shows a delegated gateway as delegated although the wire data has no type', async () => {
    renderApp('/meshes/payments/dataplanes/kong-payments-1');
    expect(await screen.findByTestId('gateway-type')).toHaveTextContent('DELEGATED');
    expect(screen.getByTestId('dataplane-summary')).toHaveTextContent('delegated gateway');
    expect(screen.getByText('kong-payments', { selector: 'dd a' })).toHaveAttribute(
      'href',
      '/meshes/payments/delegated-gateways/kong-payments',
    );
    expect(screen.getByTestId('outbounds')).toHaveTextContent('MeshService checkout:8080');
  });

  it('links a built-in gateway proxy to the MeshGateway that selects it', async () => {
    const { backend } = renderApp('/meshes/default/dataplanes/edge-gateway-1');
    expect(await screen.findByTestId('gateway-type')).toHaveTextContent('BUILTIN');
    const bound = await screen.findByTestId('bound-gateway');
    expect(within(bound).getByText('edge-gateway', { selector: 'a' })).toHaveAttribute(
      'href',
      '/meshes/default/gateways/edge-gateway',
    );
    expect(backend.requests).toContain('GET /meshes/default/meshgateways?size=1000&offset=0');
  });

  it("shows the control plane's error for an offline proxy's stats", async () => {
    renderApp('/meshes/default/dataplanes/payments-1?tab=stats');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('the proxy is offline');
    expect(alert).toHaveTextContent(
      'Dataplane payments-1 in mesh default is not connected to the control plane',
    );
    expect(screen.getByTestId('dataplane-summary')).toHaveTextContent('Offline');
  });

  it('says when the dataplane does not exist', async () => {
    renderApp('/meshes/default/dataplanes/nope');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Cannot read dataplane nope in mesh default',
    );
  });

  it('needs no MeshGateway lookup for a delegated gateway', async () => {
    const backend = demoBackend({ scenario: 'docs-delegated' });
    renderApp('/meshes/team-1/dataplanes/team-1-kong-1', backend);
    expect(await screen.findByTestId('gateway-type')).toHaveTextContent('DELEGATED');
    expect(backend.requests.some((request) => request.includes('/meshgateways'))).toBe(false);
  });
});
