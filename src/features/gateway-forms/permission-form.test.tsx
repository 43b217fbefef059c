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

const FIX_URL = '/meshes/default/permissions/new?gateway=edge-gateway&from=edge-gateway&to=orders';

describe('MeshTrafficPermission form', () => {
  it('opens a fix pre-filled, says what it changes, and creates the policy', async () => {
    const { backend } = renderApp(FIX_URL);
    expect(
      await screen.findByRole('heading', { name: 'Allow edge-gateway → orders' }),
    ).toBeVisible();
    expect(await screen.findByLabelText('Name')).toHaveValue('allow-edge-gateway-to-orders');
    expect(screen.getByLabelText('Target: kind')).toHaveValue('MeshService');
    expect(screen.getByLabelText('Target: name')).toHaveValue('orders');
    expect(screen.getByLabelText('Caller 1: action')).toHaveValue('Allow');
    const effect = await screen.findByTestId('fix-effect');
    await waitFor(() =>
      expect(effect).toHaveTextContent('denied today; allowed with this policy.'),
    );
    expect(effect).toHaveAttribute('data-allowed', 'true');

    submit('Create');
    await screen.findByText(/^Created: MeshTrafficPermission allow-edge-gateway-to-orders/);
    expect(writes(backend.requests)).toEqual([
      'PUT /meshes/default/meshtrafficpermissions/allow-edge-gateway-to-orders',
    ]);
    expect(
      backend.world.store.get('MeshTrafficPermission', 'default', 'allow-edge-gateway-to-orders'),
    ).toMatchObject({
      spec: {
        targetRef: { kind: 'MeshService', name: 'orders' },
        from: [
          {
            targetRef: { kind: 'MeshSubset', tags: { 'kuma.io/service': 'edge-gateway' } },
            default: { action: 'Allow' },
          },
        ],
      },
    });
  });

  it('warns before writing when the policy would still lose to the one that denies', async () => {
    renderApp(FIX_URL);
    const kind = await screen.findByLabelText('Target: kind');
    fireEvent.change(kind, { target: { value: 'Mesh' } });
    const effect = await screen.findByTestId('fix-effect');
    await waitFor(() => expect(effect).toHaveAttribute('data-allowed', 'false'));
    expect(effect).toHaveTextContent('still denied with this policy');
    expect(effect).toHaveTextContent('orders-internal-only');
  });

  it('edits a stored policy: the deny becomes an allow, shown as a diff, saved in place', async () => {
    const { backend } = renderApp('/meshes/default/permissions/orders-internal-only/edit');
    const action = await screen.findByLabelText('Caller 2: action');
    expect(screen.getByLabelText('Name')).toHaveAttribute('readonly');
    expect(action).toHaveValue('Deny');
    fireEvent.change(action, { target: { value: 'Allow' } });
    await waitFor(() =>
      expect(screen.getByTestId('yaml-diff')).toHaveTextContent(
        'removed: − action: Deny added: + action: Allow',
      ),
    );
    submit('Save');
    await screen.findByText(/^Saved: MeshTrafficPermission orders-internal-only/);
    expect(writes(backend.requests)).toEqual([
      'PUT /meshes/default/meshtrafficpermissions/orders-internal-only',
    ]);
    expect(
      backend.world.store.get('MeshTrafficPermission', 'default', 'orders-internal-only'),
    ).toMatchObject({
      spec: {
        from: [
          { default: { action: 'Allow' } },
          {
            targetRef: { kind: 'MeshSubset', tags: { 'kuma.io/service': 'edge-gateway' } },
            default: { action: 'Allow' },
          },
        ],
      },
    });
  });

  it('shows Kuma’s message on the field while typing, and refuses to write', async () => {
    const { backend } = renderApp('/meshes/default/permissions/new');
    type(await screen.findByLabelText('Name'), 'needs-a-service');
    fireEvent.change(screen.getByLabelText('Target: kind'), { target: { value: 'MeshService' } });
    submit('Create');
    expect(await screen.findByTestId('error-summary')).toHaveTextContent(
      'name or labels must be set when kind is MeshService',
    );
    expect(writes(backend.requests)).toEqual([]);
  });

  it('offers rules[] from 2.12 and not on 2.6', async () => {
    renderApp('/meshes/default/permissions/new');
    fireEvent.click(await screen.findByLabelText(/SPIFFE IDs and SNI/));
    type(await screen.findByLabelText('Allow 1: SPIFFE ID'), 'spiffe://default/ns/a');
    await waitFor(() =>
      expect(screen.getByTestId('yaml-universal')).toHaveTextContent(
        'rules: - default: allow: - spiffeID: type: Exact value: spiffe://default/ns/a',
      ),
    );
    expect(screen.getByTestId('yaml-universal')).not.toHaveTextContent('from:');
  });

  it('has no rules[] choice on 2.6', async () => {
    renderApp('/meshes/default/permissions/new', demoBackend({ kumaVersion: '2.6.15' }));
    await screen.findByLabelText('Name');
    expect(screen.queryByTestId('permission-mode')).toBeNull();
    // 2.6 requires a top-level targetRef and has no Dataplane kind.
    const kinds = [...(screen.getByLabelText('Target: kind') as HTMLSelectElement).options].map(
      (option) => option.value,
    );
    expect(kinds).toEqual(['Mesh', 'MeshSubset', 'MeshService', 'MeshServiceSubset']);
  });

  it('ends with the YAML and kubectl on Kubernetes, and writes nothing', async () => {
    const { backend } = renderApp(FIX_URL, demoBackend({ environment: 'kubernetes' }));
    const end = await screen.findByTestId('read-only-end');
    expect(screen.queryByText('Create', { selector: 'button' })).toBeNull();
    expect(within(end).getByTestId('read-only-command')).toHaveTextContent(
      "kubectl apply -f - <<'EOF' apiVersion: kuma.io/v1alpha1 kind: MeshTrafficPermission",
    );
    expect(screen.getByTestId('yaml-kubernetes')).toHaveTextContent('namespace: kuma-system');
    expect(writes(backend.requests)).toEqual([]);
  });
});

describe('MeshTrafficPermission YAML mode', () => {
  it('takes pasted Kubernetes YAML, says Kuma’s message on its line, and saves it', async () => {
    const { backend } = renderApp('/meshes/default/permissions/new');
    await screen.findByLabelText('Name');
    fireEvent.click(
      within(await screen.findByTestId('editor-switch')).getByRole('button', { name: 'YAML' }),
    );
    const editor = (await screen.findByTestId('yaml-editor')) as HTMLTextAreaElement;
    const pasted = (action: string) => `apiVersion: kuma.io/v1alpha1
kind: MeshTrafficPermission
metadata:
  name: pasted
  namespace: kuma-system
  labels:
    kuma.io/mesh: default
spec:
  targetRef:
    kind: MeshService
    name: orders
  from:
    - targetRef:
        kind: MeshSubset
        tags:
          kuma.io/service: edge-gateway
      default:
        ${action}
`;
    fireEvent.change(editor, { target: { value: pasted('{}') } });
    expect(
      await within(await screen.findByTestId('yaml-issues')).findByText(/must be defined/),
    ).toBeInTheDocument();
    fireEvent.change(editor, { target: { value: pasted('action: Allow') } });
    await waitFor(() => expect(screen.queryByTestId('yaml-issues')).toBeNull());
    // Back in the form, the pasted policy is in its fields.
    fireEvent.click(
      within(screen.getByTestId('editor-switch')).getByRole('button', { name: 'Form' }),
    );
    expect(await screen.findByLabelText('Name')).toHaveValue('pasted');
    expect(screen.getByLabelText('Target: name')).toHaveValue('orders');
    submit('Create');
    await screen.findByText(/^Created: MeshTrafficPermission pasted/);
    expect(writes(backend.requests)).toEqual(['PUT /meshes/default/meshtrafficpermissions/pasted']);
  });
});

describe('Permissions page', () => {
  it('lists the mesh’s policies with what they target and whom they let in', async () => {
    renderApp('/meshes/default/permissions');
    const table = await screen.findByTestId('permission-list');
    const row = within(table).getByRole('link', { name: 'orders-internal-only' }).closest('tr');
    expect(row).toHaveTextContent('MeshSubset {kuma.io/service: orders}');
    expect(row).toHaveTextContent('MeshSubset {kuma.io/service: edge-gateway}: Deny');
    expect(within(table).getByRole('link', { name: 'orders-internal-only' })).toHaveAttribute(
      'href',
      '/meshes/default/permissions/orders-internal-only/edit',
    );
    expect(screen.getByRole('link', { name: 'Create a MeshTrafficPermission' })).toHaveAttribute(
      'href',
      '/meshes/default/permissions/new',
    );
  });
});
