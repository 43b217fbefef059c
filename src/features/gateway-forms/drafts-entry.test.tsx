import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../../test/render-app';

beforeEach(() => sessionStorage.clear());
afterEach(() => vi.unstubAllGlobals());

function type(element: HTMLElement, value: string) {
  fireEvent.change(element, { target: { value } });
  fireEvent.blur(element);
}

/** Past the form's draft debounce (250 ms). */
const draftSaved = () =>
  waitFor(() =>
    expect(Object.keys(sessionStorage).some((key) => key.includes(':draft:'))).toBe(true),
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
    expect(Object.keys(sessionStorage).filter((key) => key.includes(':draft:'))).toEqual([]);
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
});
