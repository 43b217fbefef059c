import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoBackend } from '../../test/demo-backend';
import { renderApp } from '../../test/render-app';

afterEach(() => vi.unstubAllGlobals());

const EDGE = '/meshes/default/gateways/edge-gateway';

async function listenerCards(): Promise<HTMLElement[]> {
  return screen.findAllByTestId('listener-card');
}

function cardWithTitle(cards: HTMLElement[], title: string): HTMLElement {
  const card = cards.find((element) => element.querySelector('h2')?.textContent?.includes(title));
  if (!card) throw new Error(`no listener card titled ${title}`);
  return card;
}

describe('built-in gateway detail', () => {
  it('shows breadcrumbs, selectors and one card per listener with its routes', async () => {
    renderApp(EDGE);
    const cards = await listenerCards();
    expect(cards).toHaveLength(5);
    const crumbs = screen.getByRole('navigation', { name: 'Breadcrumbs' });
    expect(crumbs).toHaveTextContent('Meshes / default / Gateways / edge-gateway');
    expect(within(crumbs).getByText('Gateways')).toHaveAttribute('href', '/gateways?mesh=default');

    const https = cardWithTitle(cards, ':443');
    expect(https).toHaveTextContent('TERMINATE');
    expect(https).toHaveTextContent('secret shop-example-com-cert');
    expect(https).toHaveTextContent('shop.example.com');

    const crossMesh = cardWithTitle(cards, ':9080');
    expect(within(crossMesh).getByTestId('cross-mesh-address')).toHaveTextContent('edge.mesh:9080');
    expect(crossMesh).toHaveTextContent('edge-cross-mesh');

    const admin = cardWithTitle(cards, 'admin.example.com');
    expect(admin).toHaveTextContent(':8081');
    expect(admin).toHaveTextContent('edge-admin');
    expect(within(admin).getByText('Exact /status')).toBeInTheDocument();
    expect(within(admin).queryByTestId('listener-problem')).not.toBeInTheDocument();
    // The routes that target the gateway but select other listeners, with the reason.
    expect(within(admin).getByTestId('detached-routes')).toHaveTextContent(
      'MeshHTTPRoute edge-routes: MeshHTTPRoute "edge-routes" selects listeners with tags {listener: public}',
    );
    // kuma-cp builds edge-gateway: no error banner.
    expect(screen.queryByTestId('gateway-config-failure')).not.toBeInTheDocument();

    const http = cardWithTitle(cards, ':80');
    expect(within(http).queryByTestId('listener-problem')).not.toBeInTheDocument();
    const apiRule = within(http)
      .getAllByTestId('route-rule')
      .find((rule) => rule.textContent?.includes('PathPrefix /api'));
    expect(apiRule).toBeDefined();
    const backends = within(apiRule as HTMLElement)
      .getAllByTestId('backend')
      .map((backend) => backend.textContent);
    expect(backends).toEqual(['backendweight 90 (90%)', 'backend-v2weight 10 (10%)']);

    const tcp = cardWithTitle(cards, ':6379');
    expect(tcp).toHaveTextContent('edge-redis');
    expect(within(tcp).queryByTestId('listener-problem')).not.toBeInTheDocument();
  });

  it('says, first and out loud, that kuma-cp cannot build legacy-gateway, and which listener breaks it', async () => {
    renderApp('/meshes/legacy/gateways/legacy-gateway');
    const banner = await screen.findByRole('alert', {
      name: 'No configuration for this gateway’s proxies',
    });
    expect(banner).toHaveTextContent(
      'kuma-cp cannot build MeshGateway "legacy-gateway": HTTP port 8090 gets no virtual host from any MeshHTTPRoute',
    );
    expect(banner).toHaveTextContent('refuses every connection');
    const cards = await listenerCards();
    const reviews = cardWithTitle(cards, 'reviews.example.com');
    expect(within(reviews).getByText('breaks the gateway')).toBeInTheDocument();
    expect(within(reviews).getByTestId('listener-problem')).toHaveTextContent(
      'No MeshHTTPRoute gives port 8090 a virtual host',
    );
    const catalog = cardWithTitle(cards, 'catalog.example.com');
    expect(catalog).toHaveTextContent('legacy-catalog');
    expect(within(catalog).queryByTestId('listener-problem')).not.toBeInTheDocument();
  });

  it('lists the instances with status and links', async () => {
    renderApp(`${EDGE}?tab=instances`);
    const table = await screen.findByTestId('instance-table');
    const links = within(table).getAllByText(/^edge-gateway-\d$/, { selector: 'a' });
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      '/meshes/default/dataplanes/edge-gateway-1',
      '/meshes/default/dataplanes/edge-gateway-2',
    ]);
    expect(within(table).getAllByText('Online')).toHaveLength(2);
  });

  it('shows the Universal and Kubernetes YAML', async () => {
    const { backend } = renderApp(`${EDGE}?tab=yaml`);
    const yaml = await screen.findByTestId('gateway-yaml');
    expect(await within(yaml).findByText(/^type: MeshGateway/)).toHaveTextContent(
      'name: edge-gateway',
    );
    expect(await within(yaml).findByText(/^apiVersion: kuma\.io\/v1alpha1/)).toHaveTextContent(
      'kind: MeshGateway',
    );
    expect(backend.requests).toContain(
      'GET /meshes/default/meshgateways/edge-gateway?format=kubernetes',
    );
  });

  it('says clearly when the gateway does not exist', async () => {
    renderApp('/meshes/default/gateways/no-such-gateway');
    expect(
      await screen.findByText('No built-in gateway “no-such-gateway” in mesh “default”.'),
    ).toBeInTheDocument();
    expect(screen.getByText('All gateways', { selector: 'a' })).toHaveAttribute(
      'href',
      '/gateways',
    );
  });

  it('points a delegated gateway name to its page', async () => {
    renderApp('/meshes/payments/gateways/kong-payments');
    expect(
      await screen.findByText('Open the delegated gateway kong-payments instead', {
        selector: 'a',
      }),
    ).toHaveAttribute('href', '/meshes/payments/delegated-gateways/kong-payments');
  });

  it('explains that 3.x has no built-in gateways', async () => {
    renderApp(EDGE, demoBackend({ kumaVersion: '3.0.0' }));
    expect(
      await screen.findByText('Built-in gateways do not exist on this control plane.'),
    ).toBeInTheDocument();
  });

  it('renders names as text, never as markup', async () => {
    const backend = demoBackend();
    const name = '<img src=x onerror=alert(1)>';
    backend.world.store.put({
      type: 'MeshGateway',
      mesh: 'default',
      name,
      selectors: [{ match: { 'kuma.io/service': name } }],
      conf: { listeners: [{ port: 80, protocol: 'HTTP', hostname: '*', tags: { x: name } }] },
    } as never);
    const { container } = renderApp(
      `/meshes/default/gateways/${encodeURIComponent(name)}`,
      backend,
    );
    await listenerCards();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(name);
    expect(container.querySelector('img')).toBeNull();
  });

  it('never shows inline certificate data', async () => {
    const backend = demoBackend();
    const pem = '-----BEGIN PRIVATE KEY----- super-secret';
    backend.world.store.put({
      type: 'MeshGateway',
      mesh: 'default',
      name: 'inline-tls',
      selectors: [{ match: { 'kuma.io/service': 'inline-tls' } }],
      conf: {
        listeners: [
          {
            port: 443,
            protocol: 'HTTPS',
            hostname: 'inline.example.com',
            tls: { mode: 'TERMINATE', certificates: [{ inlineString: pem }] },
          },
        ],
      },
    } as never);
    const { container } = renderApp('/meshes/default/gateways/inline-tls', backend);
    const [card] = await listenerCards();
    expect(card).toHaveTextContent('inline certificate (contents not shown)');
    fireEvent.click(screen.getByText('YAML', { selector: 'button' }));
    const yaml = await screen.findByTestId('gateway-yaml');
    expect(await within(yaml).findByText(/^type: MeshGateway/)).toHaveTextContent(
      'inlineString: (redacted by the dashboard)',
    );
    expect(await within(yaml).findByText(/^apiVersion: kuma\.io/)).toBeInTheDocument();
    expect(container.textContent).not.toContain('super-secret');
  });
});
