import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoBackend } from '../../test/demo-backend';
import { renderApp } from '../../test/render-app';

afterEach(() => vi.unstubAllGlobals());

describe('meshes', () => {
  it('lists every mesh with mTLS, dataplane counts and gateways by kind', async () => {
    renderApp('/meshes');
    const table = await screen.findByTestId('mesh-table');
    const rows = within(table).getAllByRole('row');
    expect(rows.map((row) => row.textContent)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^default/),
        expect.stringMatching(/^payments/),
        expect.stringMatching(/^legacy/),
      ]),
    );
    const defaultRow = within(table).getByRole('row', { name: /default/ });
    expect(defaultRow).toHaveTextContent('on (ca-1)');
    const legacyRow = within(table).getByRole('row', { name: /legacy/ });
    expect(legacyRow).toHaveTextContent('off');
    expect(await screen.findByTestId('control-plane')).toHaveTextContent('Kuma 2.14.3');
  });

  it('sorts by a header (keyboard-reachable button, aria-sort) and pages the whole list', async () => {
    const { router } = renderApp(
      '/meshes?size=25',
      demoBackend({ scenario: 'large', large: { meshes: 30, services: 60, dataplanes: 300 } }),
    );
    const names = async () =>
      within(await screen.findByTestId('mesh-table'))
        .getAllByTestId('mesh-row')
        .map((row) => row.querySelector('a')?.textContent);
    await waitFor(async () => expect(await names()).toHaveLength(25));
    const header = screen.getByTestId('sort-name');
    expect(header.tagName).toBe('BUTTON');
    fireEvent.click(header);
    fireEvent.click(header);
    await waitFor(() => expect(router.state.location.search).toBe('?size=25&sort=-name'));
    expect(header.closest('th')).toHaveAttribute('aria-sort', 'descending');
    const sorted = await names();
    expect(sorted).toEqual(
      [...sorted].sort((a = '', b = '') => b.localeCompare(a, 'en', { numeric: true })),
    );
    expect(screen.getByTestId('sort-note')).toHaveTextContent('across all 30 meshes');
    // The second page continues the sorted order: sorting ran before paging.
    fireEvent.click(screen.getByText('Next', { selector: 'button' }));
    await waitFor(() => expect(router.state.location.search).toBe('?size=25&sort=-name&page=2'));
    const rest = await names();
    expect(rest).toHaveLength(5);
    expect(
      (rest[0] ?? '').localeCompare(sorted.at(-1) ?? '', 'en', { numeric: true }),
    ).toBeLessThan(0);
  });

  it('says so when the control plane has no mesh', async () => {
    renderApp('/meshes', demoBackend({ scenario: 'empty' }));
    expect(await screen.findByText('This control plane has no meshes yet.')).toBeInTheDocument();
  });

  it('shows a mesh overview with its gateways and services', async () => {
    renderApp('/meshes/default');
    expect(await screen.findByRole('heading', { name: 'Mesh default' })).toBeInTheDocument();
    // Role queries over a whole page are slow in jsdom; links are found by text and checked.
    const gatewayLinks = await screen.findAllByText('edge-gateway', { selector: 'a' });
    expect(gatewayLinks.map((link) => link.getAttribute('href'))).toContain(
      '/meshes/default/gateways/edge-gateway',
    );
    expect(await screen.findByText('frontend', { selector: 'a' })).toHaveAttribute(
      'href',
      '/meshes/default/services/frontend',
    );
  });
});
