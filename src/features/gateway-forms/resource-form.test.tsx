import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { demoBackend } from '../../test/demo-backend';
import { renderApp } from '../../test/render-app';

beforeEach(() => localStorage.clear());
afterEach(() => vi.unstubAllGlobals());

const PATH = '/meshes/legacy/meshgateways/legacy-gateway';

function type(element: HTMLElement, value: string) {
  fireEvent.change(element, { target: { value } });
  fireEvent.blur(element);
}

function submitSave() {
  const form = screen.getByLabelText('Name').closest('form') as HTMLElement;
  fireEvent.click(within(form).getByText('Save', { selector: 'button' }));
}

/** The demo behind the app, with someone else's write landing right after our PUT is answered. */
function backendWithRacer() {
  const backend = demoBackend();
  let racing = true;
  const fetchWithRacer = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await backend.fetch(input, init);
    if (racing && init?.method === 'PUT') {
      racing = false;
      const stored = backend.world.store.get('MeshGateway', 'legacy', 'legacy-gateway');
      backend.world.writeAsApi('MeshGateway', {
        ...stored!,
        tags: { owner: 'someone-else' },
      });
    }
    return response;
  }) as typeof fetch;
  return { ...backend, fetch: fetchWithRacer };
}

describe('saving when someone else saves at the same moment', () => {
  it('reports a write that replaced ours right after the save, with the diff, and can save again', async () => {
    const { backend } = renderApp(
      '/meshes/legacy/gateways/legacy-gateway/edit',
      backendWithRacer(),
    );
    const first = within(await screen.findByTestId('listener-0'));
    type(first.getByLabelText('Connection limit'), '500');
    const loaded = backend.requests.length;
    submitSave();

    const dialog = await screen.findByTestId('conflict-dialog', {}, { timeout: 5000 });
    expect(dialog).toHaveTextContent('Changed by someone else at the same moment');
    expect(dialog).toHaveTextContent(
      'MeshGateway legacy-gateway was changed again right after your save',
    );
    expect(within(dialog).getByTestId('conflict-diff')).toHaveTextContent(
      'removed: − owner: someone-else',
    );
    expect(screen.queryByText(/^Saved: /)).toBeNull();
    // Check, PUT, re-read (then the form's queries refetch): the write went out once.
    const sent = backend.requests.slice(loaded).filter((request) => request.endsWith(PATH));
    expect(sent.slice(0, 3)).toEqual([`GET ${PATH}`, `PUT ${PATH}`, `GET ${PATH}`]);
    expect(sent.filter((request) => request.startsWith('PUT '))).toHaveLength(1);

    // Overwrite: what the dialog showed becomes the base, so the check passes and ours stays.
    fireEvent.click(within(dialog).getByText('Overwrite', { selector: 'button' }));
    await screen.findByText(/^Saved: MeshGateway legacy-gateway/, {}, { timeout: 5000 });
    const saved = backend.world.store.get('MeshGateway', 'legacy', 'legacy-gateway');
    expect(saved).not.toHaveProperty('tags');
    expect(saved).toMatchObject({
      conf: { listeners: [{ resources: { connectionLimit: 500 } }, {}] },
    });
  });

  it('asks again when the stored version changed once more after the dialog showed it', async () => {
    const { backend } = renderApp('/meshes/legacy/gateways/legacy-gateway/edit');
    const first = within(await screen.findByTestId('listener-0'));
    type(first.getByLabelText('Connection limit'), '500');
    const stored = backend.world.store.get('MeshGateway', 'legacy', 'legacy-gateway');
    backend.world.writeAsApi('MeshGateway', { ...stored!, tags: { owner: 'second' } });
    submitSave();
    const dialog = await screen.findByTestId('conflict-dialog');
    expect(within(dialog).getByTestId('conflict-diff')).toHaveTextContent('owner: second');

    // A third change lands while the dialog is open: Overwrite does not write over it unseen.
    backend.world.writeAsApi('MeshGateway', { ...stored!, tags: { owner: 'third' } });
    fireEvent.click(within(dialog).getByText('Overwrite', { selector: 'button' }));
    expect(
      await within(await screen.findByTestId('conflict-dialog')).findByText(/owner: third/),
    ).toBeInTheDocument();
    expect(backend.requests.filter((request) => request.startsWith('PUT '))).toEqual([]);
  });
});
