import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoBackend } from '../../test/demo-backend';
import { renderApp } from '../../test/render-app';

afterEach(() => vi.unstubAllGlobals());

/** `mesh/name kind` per row, read from the cells (role queries are slow in jsdom). */
async function rowSummaries(): Promise<string[]> {
  const table = await screen.findByTestId('gateway-table');
  return within(table)
    .getAllByTestId('gateway-row')
    .map((row) => {
      const cells = row.querySelectorAll('td');
      return `${cells[1]?.textContent}/${cells[0]?.textContent} ${cells[2]?.textContent}`;
    });
}

describe('gateway list', () => {
  it('lists both kinds of every mesh with listeners, health and links', async () => {
    renderApp('/gateways');
    expect(await rowSummaries()).toEqual([
      'default/edge-gateway built-in',
      'legacy/kong-legacy delegated',
      'legacy/legacy-gateway built-in',
      'payments/kong-payments delegated',
    ]);
    const link = await screen.findByText('edge-gateway', { selector: 'a' });
    expect(link).toHaveAttribute('href', '/meshes/default/gateways/edge-gateway');
    expect(await screen.findByText('kong-payments', { selector: 'a' })).toHaveAttribute(
      'href',
      '/meshes/payments/delegated-gateways/kong-payments',
    );
    const edgeRow = link.closest('tr') as HTMLElement;
    expect(edgeRow).toHaveTextContent('5 listeners');
    expect(within(edgeRow).getByText('HTTP :80 *')).toBeInTheDocument();
    expect(within(edgeRow).getByText('HTTPS :443 shop.example.com')).toBeInTheDocument();
    const crossMesh = within(edgeRow).getByText('HTTP :9080 edge.mesh');
    expect(crossMesh).toHaveTextContent('cross-mesh');
    expect(edgeRow).toHaveTextContent('2 / 2 online');
  });

  it('narrows the list with filters from the URL', async () => {
    const backend = demoBackend();
    const { unmount } = renderApp('/gateways?mesh=legacy', backend);
    expect(await rowSummaries()).toEqual([
      'legacy/kong-legacy delegated',
      'legacy/legacy-gateway built-in',
    ]);
    unmount();
    const second = renderApp('/gateways?kind=delegated&q=pay', backend);
    expect(await rowSummaries()).toEqual(['payments/kong-payments delegated']);
    second.unmount();
    renderApp('/gateways?q=shop.example.com', backend);
    expect(await rowSummaries()).toEqual(['default/edge-gateway built-in']);
  });

  it('writes filter changes to the URL', async () => {
    const { router } = renderApp('/gateways');
    await screen.findByTestId('gateway-table');
    const kind = await screen.findByDisplayValue('Both kinds');
    fireEvent.change(kind, { target: { value: 'builtin' } });
    expect(await rowSummaries()).toEqual([
      'default/edge-gateway built-in',
      'legacy/legacy-gateway built-in',
    ]);
    expect(router.state.location.search).toBe('?kind=builtin');
  });

  it('says when no gateway matches the filters', async () => {
    renderApp('/gateways?q=no-such-gateway');
    expect(await screen.findByText('No gateway matches the filters.')).toBeInTheDocument();
    expect(screen.getByText('Clear filters', { selector: 'button' })).toBeInTheDocument();
  });

  it('says when there is no gateway at all', async () => {
    renderApp('/gateways', demoBackend({ scenario: 'empty' }));
    expect(await screen.findByText('No gateway yet.')).toBeInTheDocument();
  });

  it('shows delegated gateways only on a 3.x control plane, and says why once', async () => {
    renderApp('/gateways', demoBackend({ kumaVersion: '3.0.0' }));
    expect(await rowSummaries()).toEqual([
      'legacy/kong-legacy delegated',
      'payments/kong-payments delegated',
    ]);
    expect(screen.getByTestId('no-builtin-note')).toHaveTextContent('MeshGateway was removed');
    expect(screen.queryByDisplayValue('Both kinds')).not.toBeInTheDocument();
  });

  it('shows the zones of a multi-zone deployment', async () => {
    renderApp('/gateways?mesh=default', demoBackend({ mode: 'global' }));
    const link = await screen.findByText('edge-gateway', { selector: 'a' });
    expect(link.closest('tr')).toHaveTextContent('zone-east, zone-west');
  });

  it('sorts by a header, the sort kept in the URL with the filters', async () => {
    const { router } = renderApp('/gateways?kind=delegated');
    await screen.findByTestId('gateway-table');
    fireEvent.click(screen.getByTestId('sort-mesh'));
    await waitFor(() => expect(router.state.location.search).toBe('?kind=delegated&sort=mesh'));
    fireEvent.click(screen.getByTestId('sort-mesh'));
    await waitFor(async () =>
      expect(await rowSummaries()).toEqual([
        'payments/kong-payments delegated',
        'legacy/kong-legacy delegated',
      ]),
    );
    expect(screen.getByTestId('sort-mesh').closest('th')).toHaveAttribute(
      'aria-sort',
      'descending',
    );
  });

  it('puts delegated gateways last when sorting by listeners, which Kuma does not know', async () => {
    renderApp('/gateways?sort=-listeners');
    const rows = await rowSummaries();
    expect(rows.slice(0, 2)).toEqual([
      'default/edge-gateway built-in',
      'legacy/legacy-gateway built-in',
    ]);
    expect(rows.slice(2).every((row) => row.endsWith('delegated'))).toBe(true);
  });
});
