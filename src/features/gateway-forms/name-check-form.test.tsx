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

function createButton(): HTMLButtonElement {
  const form = screen.getByLabelText('Name').closest('form') as HTMLElement;
  return within(form).getByText('Create', { selector: 'button' }) as HTMLButtonElement;
}

const writes = (requests: string[]) => requests.filter((request) => !request.startsWith('GET '));
const TAKEN = 'MeshGateway "edge-gateway" already exists in mesh "default"';

describe('the name of a new gateway', () => {
  it('is refused while typing when the mesh holds one of that name, with a link to it', async () => {
    const { backend } = renderApp('/gateways/new?mesh=default');
    const name = await screen.findByLabelText('Name');
    type(name, 'edge-gateway');
    const error = await screen.findByText(new RegExp(TAKEN), {}, { timeout: 3000 });
    expect(error).toHaveAttribute('role', 'alert');
    expect(within(error).getByText('Open MeshGateway edge-gateway')).toHaveAttribute(
      'href',
      '/meshes/default/gateways/edge-gateway/edit',
    );
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(createButton()).toBeDisabled();
    // One lookup of that one resource, nothing written.
    expect(backend.requests).toContain('GET /meshes/default/meshgateways/edge-gateway');
    expect(writes(backend.requests)).toEqual([]);

    // Another name is free again.
    type(name, 'edge-gateway-2');
    await waitFor(() => expect(screen.queryByText(new RegExp(TAKEN))).toBeNull(), {
      timeout: 3000,
    });
    await waitFor(() =>
      expect(backend.requests).toContain('GET /meshes/default/meshgateways/edge-gateway-2'),
    );
    expect(createButton()).toBeEnabled();
  });

  it('is free in another mesh: kuma-cp keys a resource by type, mesh and name', async () => {
    const { backend } = renderApp('/gateways/new?mesh=payments');
    type(await screen.findByLabelText('Name'), 'edge-gateway');
    await waitFor(() =>
      expect(backend.requests).toContain('GET /meshes/payments/meshgateways/edge-gateway'),
    );
    // The answer (404) has come back once the button is enabled after the lookup.
    await waitFor(() => expect(createButton()).toBeEnabled());
    expect(screen.queryByText(/already exists/)).toBeNull();
  });

  it('says "could not check" and still allows Create when the lookup fails', async () => {
    const backend = demoBackend();
    const failing = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes('/meshgateways/new-gw') && (init?.method ?? 'GET') === 'GET')
        return new Response('{"title":"boom","details":"boom"}', {
          status: 500,
          headers: { 'content-type': 'application/json' },
        });
      return backend.fetch(input, init);
    }) as typeof fetch;
    renderApp('/gateways/new?mesh=default', { ...backend, fetch: failing });
    type(await screen.findByLabelText('Name'), 'new-gw');
    expect(
      await screen.findByText(
        /Could not check whether MeshGateway "new-gw" already exists/,
        {},
        {
          timeout: 3000,
        },
      ),
    ).toBeInTheDocument();
    expect(createButton()).toBeEnabled();
  });

  it('created meanwhile by someone else: said with a link, never offered as an overwrite', async () => {
    const { backend } = renderApp('/gateways/new?mesh=default');
    type(await screen.findByLabelText('Name'), 'race-gw');
    await waitFor(() =>
      expect(backend.requests).toContain('GET /meshes/default/meshgateways/race-gw'),
    );
    await waitFor(() => expect(createButton()).toBeEnabled());
    // Someone else creates it after our lookup said it was free.
    const theirs = structuredClone(
      backend.world.store.get('MeshGateway', 'default', 'edge-gateway'),
    );
    backend.world.writeAsApi('MeshGateway', { ...theirs!, name: 'race-gw' });

    fireEvent.click(createButton());
    const summary = await screen.findByTestId('error-summary', {}, { timeout: 5000 });
    expect(summary).toHaveTextContent(
      'MeshGateway "race-gw" was created meanwhile by someone else in mesh "default"',
    );
    for (const link of screen.getAllByText('Open MeshGateway race-gw'))
      expect(link).toHaveAttribute('href', '/meshes/default/gateways/race-gw/edit');
    expect(screen.queryByTestId('conflict-dialog')).toBeNull();
    expect(screen.queryByText('Changed since you opened this form')).toBeNull();
    expect(writes(backend.requests)).toEqual([]);
    // Theirs stays as it was.
    expect(backend.world.store.get('MeshGateway', 'default', 'race-gw')).toMatchObject({
      conf: theirs?.conf,
    });
    // And the name check now says it is taken.
    await waitFor(() => expect(createButton()).toBeDisabled(), { timeout: 3000 });
  });
});
