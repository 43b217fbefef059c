import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { demoBackend } from '../../test/demo-backend';
import { renderApp } from '../../test/render-app';

beforeAll(() => {
  // jsdom has no layout: cmdk scrolls the selected item into view and measures its list.
  Element.prototype.scrollIntoView ??= () => undefined;
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});
afterEach(() => vi.unstubAllGlobals());

async function items(): Promise<string[]> {
  const palette = await screen.findByTestId('command-palette');
  return within(palette)
    .queryAllByTestId('palette-item')
    .map((item) => item.textContent ?? '');
}

describe('command palette', () => {
  it('opens with Ctrl-K, searches every kind through the control plane, opens the choice', async () => {
    const { router, backend } = renderApp('/meshes');
    await screen.findByTestId('mesh-table');
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    const input = await screen.findByTestId('palette-input', {}, { timeout: 10_000 });
    await waitFor(() => expect(input).toHaveFocus());
    fireEvent.change(input, { target: { value: 'pay' } });
    await waitFor(async () =>
      expect(await items()).toEqual(
        expect.arrayContaining([
          'payments',
          'kong-paymentsdelegated · payments',
          'paymentsdefault',
          'payments-1default',
        ]),
      ),
    );
    // Bounded: every request carries the name filter (or the service tag) and a small size.
    const searches = backend.requests.filter((request) => /[?&](name=pay|tag=)/.test(request));
    expect(searches.length).toBeGreaterThanOrEqual(4);
    for (const request of searches) expect(request).toContain('size=8');
    expect(backend.requests.some((request) => request.includes('/service-insights?name=pay'))).toBe(
      true,
    );

    // Arrow keys move, Enter opens: the first item is the mesh, the next the gateway.
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() =>
      expect(router.state.location.pathname).toBe(
        '/meshes/payments/delegated-gateways/kong-payments',
      ),
    );
    expect(screen.queryByTestId('command-palette')).not.toBeInTheDocument();
  });

  it('opens with / outside fields only, and offers the screens before anything is typed', async () => {
    renderApp('/dataplanes');
    const search = await screen.findByTestId('dataplane-search');
    fireEvent.keyDown(search, { key: '/' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByTestId('command-palette')).not.toBeInTheDocument();
    fireEvent.keyDown(document.body, { key: '/' });
    expect(await items()).toEqual(
      expect.arrayContaining(['Meshes', 'Gateways', 'Dataplanes', 'Topology']),
    );
  });

  it('says when nothing matches', async () => {
    renderApp('/meshes', demoBackend());
    fireEvent.click(await screen.findByTestId('open-palette'));
    const input = await screen.findByTestId('palette-input', {}, { timeout: 10_000 });
    fireEvent.change(input, { target: { value: 'no-such-thing' } });
    expect(await screen.findByText(/Nothing named like/)).toBeInTheDocument();
  });
});
