import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type DemoBackend, demoBackend } from '../../test/demo-backend';
import { renderApp } from '../../test/render-app';

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function type(element: HTMLElement, value: string) {
  fireEvent.change(element, { target: { value } });
  fireEvent.blur(element);
}

/** The demo, with the secrets list answered by `status` as kuma-cp answers a non-admin token. */
function refusingSecrets(status: number): DemoBackend {
  const backend = demoBackend();
  const inner = backend.fetch;
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (/\/meshes\/[^/]+\/secrets(\?|$)/.test(url)) {
      return new Response(
        JSON.stringify({
          title: 'Access Denied',
          detail: `user "mesh-system:anonymous/mesh-system:unauthenticated" cannot access the resource of type "Secret"`,
        }),
        { status, headers: { 'content-type': 'application/json' } },
      );
    }
    return inner(input, init);
  }) as typeof fetch;
  return { ...backend, fetch: fetchImpl };
}

async function httpsCertificate() {
  fireEvent.click(await screen.findByText('Add listener', { selector: 'button' }));
  const second = within(await screen.findByTestId('listener-1'));
  fireEvent.change(second.getByLabelText('Protocol'), { target: { value: 'HTTPS' } });
  fireEvent.click(second.getByText('Add certificate secret', { selector: 'button' }));
  return { second, input: await second.findByLabelText('Certificate 1: secret name') };
}

describe('TLS secret picker', () => {
  it("offers the mesh's secret names (never their data) and warns about a name it lacks", async () => {
    const backend = demoBackend();
    renderApp('/gateways/new?mesh=default', backend);
    type(await screen.findByLabelText('Name'), 'edge-9');
    const { second, input } = await httpsCertificate();
    const options = await screen.findByTestId('secret-options');
    expect(input).toHaveAttribute('list', options.id);
    expect(input).toHaveRole('combobox');
    const values = [...options.querySelectorAll('option')].map((option) => option.value);
    expect(values).toContain('shop-example-com-cert');
    const data = String(
      (backend.world.store.get('Secret', 'default', 'shop-example-com-cert') as { data?: string })
        ?.data,
    );
    expect(document.body.innerHTML).not.toContain(data.slice(0, 40));
    expect(
      await second.findByText(/secrets in mesh default: pick one or type a name\./),
    ).toBeVisible();

    type(input, 'no-such-cert');
    const warning = await second.findByText(
      /no secret named no-such-cert in mesh default: the control plane accepts the gateway/,
    );
    expect(input.getAttribute('aria-describedby') ?? '').toContain(
      warning.closest('.gwf-messages')?.id ?? 'missing',
    );
    type(input, 'shop-example-com-cert');
    await vi.waitFor(() => expect(second.queryByText(/no secret named/)).not.toBeInTheDocument());
  });

  it.each([
    [
      403,
      "Type the secret's name: listing secrets needs an admin token (Kuma keeps secrets admin-only).",
    ],
    [404, "Type the secret's name: the control plane has no mesh default to list secrets of."],
  ])('on %i the field is free text with a one-line note, and no warning', async (status, note) => {
    renderApp('/gateways/new?mesh=default', refusingSecrets(status));
    type(await screen.findByLabelText('Name'), 'edge-10');
    const { second, input } = await httpsCertificate();
    expect(await second.findByText(note)).toBeVisible();
    expect(input).not.toHaveAttribute('list');
    type(input, 'anything-cert');
    expect(second.queryByText(/no secret named/)).not.toBeInTheDocument();
  });
});
