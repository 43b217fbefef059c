import { screen, within } from '@testing-library/react';
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
    expect(within(table).getByText('Zone', { selector: 'th' })).toBeInTheDocument();
    for (const row of within(table).getAllByTestId('dataplane-row')) {
      expect(row).toHaveTextContent('zone-east');
    }
  });
});
