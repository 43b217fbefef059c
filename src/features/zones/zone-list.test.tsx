import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoBackend } from '../../test/demo-backend';
import { renderApp } from '../../test/render-app';

afterEach(() => vi.unstubAllGlobals());

describe('zones', () => {
  it('lists the zones of a global control plane with status, version and environment', async () => {
    const { backend } = renderApp('/zones', demoBackend({ mode: 'global' }));
    const table = await screen.findByTestId('zone-table');
    const rows = within(table).getAllByTestId('zone-row');
    expect(rows.map((row) => row.firstElementChild?.textContent)).toEqual([
      'zone-east',
      'zone-west',
    ]);
    const east = rows[0]!;
    expect(east).toHaveTextContent('Online');
    expect(east).toHaveTextContent('2.14.3');
    expect(east).toHaveTextContent('universal');
    expect(east).toHaveTextContent('2026-11-01 00:00:00 UTC');
    expect(within(east).getByText('Dataplanes in zone-east')).toHaveAttribute(
      'href',
      '/dataplanes?q=zone%3Azone-east',
    );
    expect(backend.requests).toContain('GET /zones/_overview?size=1000&offset=0');
    expect(screen.getByText('Zones', { selector: 'nav a' })).toBeInTheDocument();
  });

  it('says zones only exist on a global control plane elsewhere', async () => {
    const { backend } = renderApp('/zones');
    expect(await screen.findByTestId('zones-not-global')).toHaveTextContent(
      'Zones only exist on a global control plane',
    );
    expect(backend.requests.some((request) => request.startsWith('GET /zones'))).toBe(false);
  });

  it('shows the zone column in the dataplane list on a global control plane', async () => {
    renderApp('/dataplanes?q=zone:zone-east', demoBackend({ mode: 'global' }));
    const table = await screen.findByTestId('dataplane-table');
    expect(within(table).getByTestId('sort-zone').closest('th')).toHaveTextContent('Zone');
    for (const row of within(table).getAllByTestId('dataplane-row')) {
      expect(row).toHaveTextContent('zone-east');
    }
  });

  it('sorts zones by a header and filters them by name, both in the URL', async () => {
    const { router } = renderApp('/zones?sort=-name', demoBackend({ mode: 'global' }));
    const names = async () =>
      within(await screen.findByTestId('zone-table'))
        .getAllByTestId('zone-row')
        .map((row) => row.firstElementChild?.textContent);
    await waitFor(async () => expect(await names()).toEqual(['zone-west', 'zone-east']));
    const header = screen.getByTestId('sort-name');
    expect(header.closest('th')).toHaveAttribute('aria-sort', 'descending');
    expect(screen.getByTestId('sort-note')).toHaveTextContent('across all 2 zones');
    // Third click: back to the control plane's order (by name), no sort in the URL.
    fireEvent.click(header);
    await waitFor(() => expect(router.state.location.search).toBe(''));
    expect(header.closest('th')).not.toHaveAttribute('aria-sort');
    fireEvent.change(screen.getByTestId('list-filter'), { target: { value: 'west' } });
    await waitFor(() => expect(router.state.location.search).toBe('?q=west'));
    await waitFor(async () => expect(await names()).toEqual(['zone-west']));
  });
});
