import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { demoBackend } from '../../test/demo-backend';
import { renderApp } from '../../test/render-app';

beforeEach(() => localStorage.clear());
afterEach(() => vi.unstubAllGlobals());

function type(element: HTMLElement, value: string) {
  fireEvent.change(element, { target: { value } });
  fireEvent.blur(element);
}

async function listener(index: number) {
  return within(await screen.findByTestId(`listener-${index}`));
}

/** The form's own submit button (the layout has a Save button of its own, in the token dialog). */
function submit(label: 'Create' | 'Save') {
  const form = screen.getByLabelText('Name').closest('form') as HTMLElement;
  fireEvent.click(within(form).getByText(label, { selector: 'button' }));
}

const writes = (requests: string[]) => requests.filter((request) => !request.startsWith('GET '));

describe('built-in gateway form', () => {
  it('creates a MeshGateway with an HTTP and an HTTPS listener', async () => {
    const { backend } = renderApp('/gateways/new?mesh=default');
    type(await screen.findByLabelText('Name'), 'edge-2');
    fireEvent.click(screen.getByText('Add listener', { selector: 'button' }));
    const second = await listener(1);
    type(second.getByLabelText('Port'), '8443');
    fireEvent.change(second.getByLabelText('Protocol'), { target: { value: 'HTTPS' } });
    fireEvent.click(second.getByText('Add certificate secret', { selector: 'button' }));
    type(await second.findByLabelText('Certificate 1: secret name'), 'edge-2-cert');
    type(second.getByLabelText('Hostname'), 'shop.example.com');

    submit('Create');
    await screen.findByText(/^Created: MeshGateway edge-2/);
    expect(writes(backend.requests)).toEqual(['PUT /meshes/default/meshgateways/edge-2']);
    expect(backend.world.store.get('MeshGateway', 'default', 'edge-2')).toMatchObject({
      selectors: [{ match: { 'kuma.io/service': 'edge-2' } }],
      conf: {
        listeners: [
          { port: 8080, protocol: 'HTTP' },
          {
            port: 8443,
            protocol: 'HTTPS',
            hostname: 'shop.example.com',
            tls: { mode: 'TERMINATE', certificates: [{ secret: 'edge-2-cert' }] },
          },
        ],
      },
    });
    // The gateway list shows it without a reload.
    fireEvent.click(screen.getByText('Gateways of default', { selector: 'a' }));
    expect(await screen.findByText('edge-2', { selector: 'a' })).toHaveAttribute(
      'href',
      '/meshes/default/gateways/edge-2',
    );
  });

  it("shows Kuma's messages while typing, next to the fields, and sends nothing invalid", async () => {
    const { backend } = renderApp('/gateways/new?mesh=default');
    type(await screen.findByLabelText('Name'), 'edge-3');
    const first = await listener(0);
    fireEvent.change(first.getByLabelText('Protocol'), { target: { value: 'HTTPS' } });
    const certificates = await first.findByText('cannot be empty in TLS termination mode');
    expect(certificates).toHaveAttribute('role', 'alert');

    fireEvent.click(first.getByLabelText('Cross-mesh: reachable from other meshes'));
    expect(await first.findByText('protocol is not supported with crossMesh')).toBeInTheDocument();
    const protocol = first.getByLabelText('Protocol');
    expect(protocol).toHaveAttribute('aria-invalid', 'true');
    const describedBy = protocol.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(describedBy)).toHaveTextContent(
      'protocol is not supported with crossMesh',
    );
    expect(
      within(await screen.findByTestId('cross-mesh-requirements-0')).getByText(/an HTTP listener/),
    ).toHaveClass('gwf-check--unmet');

    submit('Create');
    const summary = await screen.findByTestId('error-summary');
    expect(summary).toHaveTextContent(
      'conf.listeners[0].protocol: protocol is not supported with crossMesh',
    );
    expect(writes(backend.requests)).toEqual([]);
  });

  it('registers the gateway Dataplanes of a Universal gateway after the MeshGateway', async () => {
    const { backend } = renderApp('/gateways/new?mesh=legacy');
    type(await screen.findByLabelText('Name'), 'legacy-edge');
    fireEvent.click(screen.getByText('Add instance', { selector: 'button' }));
    type(await screen.findByLabelText('Instance 1 address'), '10.9.0.1');
    expect(screen.getByTestId('kuma-dp-commands')).toHaveTextContent(
      'kumactl generate dataplane-token --mesh legacy --tag kuma.io/service=legacy-edge',
    );
    submit('Create');
    await screen.findByText(/^Created: MeshGateway legacy-edge, Dataplane legacy-edge-1/);
    expect(writes(backend.requests)).toEqual([
      'PUT /meshes/legacy/meshgateways/legacy-edge',
      'PUT /meshes/legacy/dataplanes/legacy-edge-1',
    ]);
    expect(backend.world.store.get('Dataplane', 'legacy', 'legacy-edge-1')).toMatchObject({
      networking: {
        address: '10.9.0.1',
        gateway: { type: 'BUILTIN', tags: { 'kuma.io/service': 'legacy-edge' } },
      },
    });
  });

  it("puts the control plane's rejection on the field it names", async () => {
    // 2.6 names the field (its store finds the mesh missing); from 2.7 the route answers 404.
    const { backend } = renderApp(
      '/gateways/new?mesh=legacy',
      demoBackend({ kumaVersion: '2.6.15' }),
    );
    type(await screen.findByLabelText('Name'), 'late-gateway');
    // The mesh goes away while the form is open: only the control plane can tell.
    backend.world.store.delete('Mesh', undefined, 'legacy');
    submit('Create');
    const message = await screen.findByText('mesh of name legacy is not found');
    expect(message).toHaveAttribute('role', 'alert');
    expect(screen.getByLabelText('Mesh')).toHaveAttribute(
      'aria-describedby',
      message.parentElement?.id,
    );
    expect(screen.getByTestId('error-summary')).toHaveTextContent(
      'MeshGateway late-gateway was not created: Could not create a resource: Mesh is not found',
    );
    // What was typed survives the failed submit.
    const drafts = Object.keys(localStorage).filter((key) =>
      key.endsWith(':legacy:MeshGateway:new'),
    );
    expect(drafts).toHaveLength(1);
    expect(localStorage.getItem(drafts[0] ?? '')).toContain('"name":"late-gateway"');
  });

  it('carries what was typed over when the mesh changes', async () => {
    const { router } = renderApp('/gateways/new?mesh=default');
    type(await screen.findByLabelText('Name'), 'moving-gateway');
    fireEvent.change(screen.getByLabelText('Mesh'), { target: { value: 'legacy' } });
    await waitFor(() => expect(router.state.location.search).toBe('?mesh=legacy'));
    expect(await screen.findByTestId('draft-notice')).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveValue('moving-gateway');
    expect(screen.getByTestId('yaml-universal')).toHaveTextContent('mesh: legacy');
  });

  it('ends with the YAML and kubectl on Kubernetes, and writes nothing', async () => {
    const { backend } = renderApp(
      '/gateways/new?mesh=default',
      demoBackend({ environment: 'kubernetes', kumaVersion: '2.6.15' }),
    );
    type(await screen.findByLabelText('Name'), 'edge-k8s');
    const end = await screen.findByTestId('read-only-end');
    expect(end).toHaveTextContent('On Kubernetes the control plane API is read-only');
    expect(screen.queryByText('Create', { selector: 'button' })).toBeNull();
    // 2.6: the instance carries the service, and the selector follows the gateway name.
    const yaml = screen.getByTestId('yaml-kubernetes');
    expect(yaml).toHaveTextContent('kind: MeshGatewayInstance');
    expect(yaml).toHaveTextContent('kuma.io/service: edge-k8s');
    expect(within(end).getByTestId('read-only-command')).toHaveTextContent(
      "kubectl apply -f - <<'EOF' apiVersion: kuma.io/v1alpha1 kind: MeshGateway mesh: default",
    );
    expect(writes(backend.requests)).toEqual([]);
  });

  it('names the 2.7+ instance service <name>_<namespace>_svc in the selector on Kubernetes', async () => {
    renderApp('/gateways/new?mesh=default', demoBackend({ environment: 'kubernetes' }));
    type(await screen.findByLabelText('Name'), 'edge');
    type(await screen.findByLabelText('Namespace'), 'kuma-demo');
    await waitFor(() =>
      expect(screen.getByLabelText('Selector 1: tag 1 value')).toHaveValue('edge_kuma-demo_svc'),
    );
    expect(screen.getByTestId('yaml-kubernetes')).not.toHaveTextContent('tags:');
  });

  it('offers no built-in gateway on 3.x', async () => {
    renderApp('/gateways/new?mesh=default&kind=builtin', demoBackend({ kumaVersion: '3.0.0' }));
    expect(await screen.findByTestId('no-builtin-note')).toHaveTextContent('no built-in gateways');
    expect(await screen.findByText('Delegated gateway Dataplane')).toBeInTheDocument();
    expect(screen.queryByTestId('listener-0')).toBeNull();
    cleanup();
    renderApp('/meshes/default/gateways/edge-gateway/edit', demoBackend({ kumaVersion: '3.0.0' }));
    expect(
      await screen.findByText('Built-in gateways do not exist on this control plane.'),
    ).toBeInTheDocument();
  });

  it('restores the draft after a reload, and discards it on request', async () => {
    const backend = demoBackend();
    renderApp('/gateways/new?mesh=default', backend);
    type(await screen.findByLabelText('Name'), 'draft-gateway');
    type((await listener(0)).getByLabelText('Port'), '9090');
    await new Promise((resolve) => setTimeout(resolve, 400));
    cleanup();

    renderApp('/gateways/new?mesh=default', backend);
    expect(await screen.findByTestId('draft-notice')).toHaveTextContent(
      'Restored your unsaved draft',
    );
    expect(screen.getByLabelText('Name')).toHaveValue('draft-gateway');
    expect((await listener(0)).getByLabelText('Port')).toHaveValue('9090');
    fireEvent.click(screen.getByText('Discard draft', { selector: 'button' }));
    expect(screen.getByLabelText('Name')).toHaveValue('');
    expect(screen.queryByTestId('draft-notice')).toBeNull();
    expect(Object.keys(localStorage)).toEqual([]);
  });

  it('edits a stored gateway with a diff, and asks before overwriting a newer version', async () => {
    const { backend } = renderApp('/meshes/legacy/gateways/legacy-gateway/edit');
    const first = await listener(0);
    expect(screen.getByLabelText('Name')).toHaveAttribute('readonly');
    expect(screen.getByTestId('yaml-diff')).toHaveTextContent('No changes to what is stored yet.');
    type(first.getByLabelText('Connection limit'), '500');
    expect(screen.getByTestId('yaml-diff')).toHaveTextContent(
      'added: + resources: added: + connectionLimit: 500',
    );

    // Someone else changes the gateway meanwhile.
    const stored = backend.world.store.get('MeshGateway', 'legacy', 'legacy-gateway');
    backend.world.store.put({ ...stored!, tags: { owner: 'someone-else' } });

    submit('Save');
    const dialog = await screen.findByTestId('conflict-dialog');
    expect(dialog).toHaveTextContent('MeshGateway legacy-gateway was changed on the control plane');
    expect(within(dialog).getByTestId('conflict-diff')).toHaveTextContent(
      'removed: − owner: someone-else',
    );
    expect(writes(backend.requests)).toEqual([]);
    fireEvent.click(within(dialog).getByText('Overwrite', { selector: 'button' }));
    await screen.findByText(/^Saved: MeshGateway legacy-gateway/);
    expect(writes(backend.requests)).toEqual(['PUT /meshes/legacy/meshgateways/legacy-gateway']);
    const saved = backend.world.store.get('MeshGateway', 'legacy', 'legacy-gateway');
    expect(saved).not.toHaveProperty('tags');
    expect(saved).toMatchObject({
      conf: { listeners: [{ resources: { connectionLimit: 500 } }, { port: 8090 }] },
    });
  });
});
