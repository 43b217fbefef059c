import { fireEvent, screen, waitFor, within } from '@testing-library/react';
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

describe('delegated gateway form', () => {
  it('creates a delegated gateway Dataplane with an outbound on Universal', async () => {
    const { backend } = renderApp('/gateways/new?mesh=legacy&kind=delegated');
    type(await screen.findByLabelText('Name'), 'kong-legacy-2');
    type(screen.getByLabelText('Address'), '10.3.0.9');
    type(screen.getByLabelText('Service (kuma.io/service)'), 'kong-legacy');
    fireEvent.click(screen.getByText('Add outbound', { selector: 'button' }));
    type(await screen.findByLabelText('Outbound 1: service'), 'catalog');
    submit('Create');
    await screen.findByText(/^Created: Dataplane kong-legacy-2/);
    expect(writes(backend.requests)).toEqual(['PUT /meshes/legacy/dataplanes/kong-legacy-2']);
    expect(backend.world.store.get('Dataplane', 'legacy', 'kong-legacy-2')).toEqual(
      expect.objectContaining({
        networking: {
          address: '10.3.0.9',
          // The zone control plane tags what it stores with its zone.
          gateway: { tags: { 'kuma.io/service': 'kong-legacy', 'kuma.io/zone': 'default' } },
          outbound: [{ port: 33033, tags: { 'kuma.io/service': 'catalog' } }],
        },
      }),
    );
    expect(
      screen.getByText('Open delegated gateway kong-legacy', { selector: 'a' }),
    ).toHaveAttribute('href', '/meshes/legacy/delegated-gateways/kong-legacy');
  });

  it('gives the Kong Helm values on Kubernetes', async () => {
    const { backend } = renderApp(
      '/gateways/new?mesh=payments&kind=delegated',
      demoBackend({ environment: 'kubernetes' }),
    );
    const values = await screen.findByTestId('yaml-kubernetes');
    expect(values).toHaveTextContent('gateway: podAnnotations: kuma.io/gateway: enabled');
    expect(values).toHaveTextContent('podLabels: kuma.io/mesh: payments');
    fireEvent.change(screen.getByLabelText('Chart'), { target: { value: 'kong/kong' } });
    expect(screen.getByTestId('yaml-kubernetes')).toHaveTextContent(
      /^kong-values\.yamlCopypodAnnotations:/,
    );
    expect(screen.getByTestId('apply-command')).toHaveTextContent(
      'helm upgrade --install kong kong/kong -n kong -f kong-values.yaml',
    );
    expect(writes(backend.requests)).toEqual([]);
  });

  it('edits one Dataplane of a delegated gateway', async () => {
    const { backend } = renderApp(
      '/meshes/payments/delegated-gateways/kong-payments/dataplanes/kong-payments-1/edit',
    );
    expect(await screen.findByLabelText('Service (kuma.io/service)')).toHaveValue('kong-payments');
    expect(screen.getByLabelText('Outbound 1: target')).toHaveValue('MeshService');
    type(screen.getByLabelText('Address'), '10.1.0.99');
    submit('Save');
    await screen.findByText(/^Saved: Dataplane kong-payments-1/);
    expect(backend.world.store.get('Dataplane', 'payments', 'kong-payments-1')).toMatchObject({
      networking: {
        address: '10.1.0.99',
        gateway: { tags: { 'kuma.io/service': 'kong-payments' } },
      },
    });
  });
});

describe('entry points and delete', () => {
  it('links the gateway screens to the forms', async () => {
    renderApp('/gateways?mesh=legacy');
    expect(await screen.findByText('Create gateway', { selector: 'a' })).toHaveAttribute(
      'href',
      '/gateways/new?mesh=legacy',
    );
  });

  it('deletes a built-in gateway with the routes that target it, after naming them', async () => {
    const { backend, router } = renderApp('/meshes/default/gateways/edge-gateway');
    const actions = await screen.findByTestId('gateway-actions');
    expect(within(actions).getByText('Edit', { selector: 'a' })).toHaveAttribute(
      'href',
      '/meshes/default/gateways/edge-gateway/edit',
    );
    expect(within(actions).getByText('Add route', { selector: 'a' })).toHaveAttribute(
      'href',
      '/meshes/default/gateways/edge-gateway/routes/new?kind=http',
    );
    const routeEdit = await screen.findAllByLabelText('Edit MeshHTTPRoute edge-routes');
    expect(routeEdit[0]).toHaveAttribute(
      'href',
      '/meshes/default/gateways/edge-gateway/routes/http/edge-routes/edit',
    );

    fireEvent.click(within(actions).getByText('Delete', { selector: 'button' }));
    const dialog = await screen.findByTestId('delete-dialog');
    const dependents = await within(dialog).findByTestId('delete-dependents');
    expect(
      within(dependents)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'MeshHTTPRoute edge-admin',
      'MeshHTTPRoute edge-cross-mesh',
      'MeshHTTPRoute edge-routes',
      'MeshTCPRoute edge-redis',
    ]);
    expect(writes(backend.requests)).toEqual([]);
    fireEvent.click(within(dialog).getByText('Delete', { selector: 'button' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/gateways'));
    expect(writes(backend.requests)).toEqual([
      'DELETE /meshes/default/meshhttproutes/edge-admin',
      'DELETE /meshes/default/meshhttproutes/edge-cross-mesh',
      'DELETE /meshes/default/meshhttproutes/edge-routes',
      'DELETE /meshes/default/meshtcproutes/edge-redis',
      'DELETE /meshes/default/meshgateways/edge-gateway',
    ]);
    expect(backend.world.store.get('MeshGateway', 'default', 'edge-gateway')).toBeUndefined();
  });

  it('gives the delete commands on a read-only control plane instead of deleting', async () => {
    const { backend } = renderApp(
      '/meshes/legacy/gateways/legacy-gateway',
      demoBackend({ environment: 'kubernetes' }),
    );
    fireEvent.click(
      within(await screen.findByTestId('gateway-actions')).getByText('Delete', {
        selector: 'button',
      }),
    );
    const dialog = await screen.findByTestId('delete-dialog');
    expect(await within(dialog).findByTestId('delete-command')).toHaveTextContent(
      'kubectl delete meshhttproute legacy-catalog -n kuma-system kubectl delete meshgateway legacy-gateway',
    );
    expect(within(dialog).queryByText('Delete', { selector: 'button' })).toBeNull();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('delete-dialog')).toBeNull());
    expect(writes(backend.requests)).toEqual([]);
  });

  it('deletes every Dataplane of a delegated gateway', async () => {
    const { backend } = renderApp('/meshes/payments/delegated-gateways/kong-payments');
    const actions = await screen.findByTestId('gateway-actions');
    fireEvent.click(within(actions).getByText('Delete', { selector: 'button' }));
    const dialog = await screen.findByTestId('delete-dialog');
    expect(within(dialog).getByTestId('delete-dependents')).toHaveTextContent(
      'Dataplane kong-payments-1Dataplane kong-payments-2',
    );
    fireEvent.click(within(dialog).getByText('Delete', { selector: 'button' }));
    await waitFor(() =>
      expect(writes(backend.requests)).toEqual([
        'DELETE /meshes/payments/dataplanes/kong-payments-1',
        'DELETE /meshes/payments/dataplanes/kong-payments-2',
      ]),
    );
  });
});
