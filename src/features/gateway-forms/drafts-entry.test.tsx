import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../../test/render-app';

beforeEach(() => localStorage.clear());
afterEach(() => vi.unstubAllGlobals());

function type(element: HTMLElement, value: string) {
  fireEvent.change(element, { target: { value } });
  fireEvent.blur(element);
}

/** Past the form's draft debounce (250 ms). */
const draftSaved = () =>
  waitFor(() =>
    expect(Object.keys(localStorage).some((key) => key.includes(':draft:'))).toBe(true),
  );

describe('drafts are found again from where the user comes back', () => {
  it('a new gateway typed on a non-default mesh: listed on the gateways, and Create opens it again', async () => {
    const { router } = renderApp('/gateways/new');
    const mesh = await screen.findByLabelText('Mesh');
    await waitFor(() => expect(router.state.location.search).toContain('mesh=default'));
    fireEvent.change(mesh, { target: { value: 'payments' } });
    await waitFor(() => expect(router.state.location.search).toContain('mesh=payments'));
    type(await screen.findByLabelText('Name'), 'pay-gw');
    await draftSaved();

    await act(() => router.navigate('/gateways'));
    const list = await screen.findByTestId('draft-list');
    expect(list).toHaveTextContent(
      /new MeshGateway pay-gw in mesh payments: Draft from .+ — Restore Discard/,
    );
    expect(within(list).getByText('Restore').getAttribute('href')).toMatch(
      /^\/gateways\/new\?mesh=payments(&kind=builtin)?$/,
    );

    // Create on all meshes opens where the draft is, not on the first mesh.
    fireEvent.click(screen.getByText('Create gateway', { selector: 'a' }));
    expect(await screen.findByTestId('draft-notice')).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveValue('pay-gw');
    expect(screen.getByLabelText('Mesh')).toHaveValue('payments');
    expect(router.state.location.search).toContain('mesh=payments');

    // The list filtered to another mesh does not show it; discarding removes it.
    await act(() => router.navigate('/gateways?mesh=default'));
    await screen.findByText('Create gateway', { selector: 'a' });
    expect(screen.queryByTestId('draft-list')).toBeNull();
    await act(() => router.navigate('/gateways?mesh=payments'));
    fireEvent.click(
      within(await screen.findByTestId('draft-list')).getByRole('button', {
        name: 'Discard draft: new MeshGateway pay-gw',
      }),
    );
    expect(screen.queryByTestId('draft-list')).toBeNull();
    expect(Object.keys(localStorage).filter((key) => key.includes(':draft:'))).toEqual([]);
  });

  it('an edit left unsaved is offered on the gateway’s page, beside Edit', async () => {
    const { router } = renderApp('/meshes/default/gateways/edge-gateway/edit');
    type(within(await screen.findByTestId('listener-0')).getByLabelText('Connection limit'), '77');
    await draftSaved();

    await act(() => router.navigate('/meshes/default/gateways/edge-gateway'));
    const offer = await screen.findByTestId('draft-offer');
    expect(offer).toHaveTextContent(
      /MeshGateway edge-gateway \(changes\) in mesh default: Draft from/,
    );
    fireEvent.click(within(offer).getByText('Restore'));
    expect(await screen.findByTestId('draft-notice')).toBeInTheDocument();
    expect(within(screen.getByTestId('listener-0')).getByLabelText('Connection limit')).toHaveValue(
      '77',
    );
  });

  it('a "Fix: allow" permission left unsaved is listed on the gateways and the Permissions page', async () => {
    const { router } = renderApp(
      '/meshes/default/permissions/new?gateway=edge-gateway&from=edge-gateway&to=orders',
    );
    type(await screen.findByLabelText('Name'), 'let-edge-in');
    await draftSaved();

    await act(() => router.navigate('/gateways'));
    const list = await screen.findByTestId('draft-list');
    expect(list).toHaveTextContent(
      /new MeshTrafficPermission let-edge-in \(allow edge-gateway → orders\) in mesh default: Draft from/,
    );
    expect(within(list).getByText('Restore').getAttribute('href')).toBe(
      '/meshes/default/permissions/new?gateway=edge-gateway&from=edge-gateway&to=orders',
    );
    await act(() => router.navigate('/meshes/default/permissions'));
    fireEvent.click(within(await screen.findByTestId('draft-list')).getByText('Restore'));
    expect(await screen.findByTestId('draft-notice')).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveValue('let-edge-in');
  });

  it('the list follows drafts written and discarded in another tab', async () => {
    const { router } = renderApp('/gateways/new?mesh=default');
    type(await screen.findByLabelText('Name'), 'from-tab-b');
    await draftSaved();
    const [key] = Object.keys(localStorage).filter((item) => item.includes(':draft:'));
    const text = localStorage.getItem(key ?? '');
    await act(() => router.navigate('/gateways'));
    await screen.findByTestId('draft-list');

    // Another tab discards it: only the storage event says so.
    act(() => {
      localStorage.removeItem(key ?? '');
      window.dispatchEvent(new StorageEvent('storage', { key, oldValue: text, newValue: null }));
    });
    await waitFor(() => expect(screen.queryByTestId('draft-list')).toBeNull());

    // And types it again.
    act(() => {
      localStorage.setItem(key ?? '', text ?? '');
      window.dispatchEvent(new StorageEvent('storage', { key, oldValue: null, newValue: text }));
    });
    expect(await screen.findByTestId('draft-list')).toHaveTextContent(/new MeshGateway from-tab-b/);
  });
});
