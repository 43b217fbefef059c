import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoBackend } from '../../test/demo-backend';
import { renderApp } from '../../test/render-app';

afterEach(() => vi.unstubAllGlobals());

async function rowNames(): Promise<string[]> {
  const table = await screen.findByTestId('dataplane-table');
  return within(table)
    .getAllByTestId('dataplane-row')
    .map((row) => row.querySelector('a')?.textContent ?? '');
}

describe('dataplane list', () => {
  it('lists every mesh’s dataplanes with kind, services, status and versions', async () => {
    const { backend } = renderApp('/dataplanes');
    const names = await rowNames();
    expect(names).toHaveLength(24);
    expect(names).toEqual(expect.arrayContaining(['frontend-1', 'kong-payments-1', 'search-1']));
    expect(backend.requests).toContain('GET /dataplanes/_overview?size=50&offset=0');

    const link = await screen.findByText('frontend-1', { selector: 'a' });
    expect(link).toHaveAttribute('href', '/meshes/default/dataplanes/frontend-1');
    const row = link.closest('tr') as HTMLElement;
    expect(row).toHaveTextContent('default');
    expect(row).toHaveTextContent('standard');
    expect(row).toHaveTextContent('frontend');
    expect(row).toHaveTextContent('10.1.0.2');
    expect(row).toHaveTextContent('Online');
    expect(row).toHaveTextContent('2.14.3');
    expect(row).toHaveTextContent('2026-11-02 00:00:00 UTC');

    const offline = (await screen.findByText('payments-1', { selector: 'a' })).closest('tr');
    expect(offline).toHaveTextContent('Offline');
    const kong = (await screen.findByText('kong-payments-1', { selector: 'a' })).closest('tr');
    expect(kong).toHaveTextContent('delegated gateway');
    const legacy = (await screen.findByText('catalog-1', { selector: 'a' })).closest('tr');
    expect(legacy).toHaveTextContent('none issued');
  });

  it('asks the control plane for built-in gateways only with gateway:builtin', async () => {
    const { backend } = renderApp('/dataplanes?q=gateway:builtin');
    await waitFor(async () =>
      expect((await rowNames()).sort()).toEqual([
        'edge-gateway-1',
        'edge-gateway-2',
        'legacy-gateway-1',
      ]),
    );
    expect(backend.requests).toContain(
      'GET /dataplanes/_overview?gateway=builtin&size=50&offset=0',
    );
    const row = (await screen.findByText('edge-gateway-1', { selector: 'a' })).closest('tr');
    expect(row).toHaveTextContent('built-in gateway');
    expect(screen.getByTestId<HTMLInputElement>('dataplane-search').value).toBe('gateway:builtin');
  });

  it('maps service: to a kuma.io/service tag filter', async () => {
    const { backend } = renderApp('/dataplanes?q=service:frontend');
    await waitFor(async () => expect(await rowNames()).toEqual(['frontend-1', 'frontend-2']));
    expect(backend.requests).toContain(
      'GET /dataplanes/_overview?tag=kuma.io%2Fservice%3Afrontend&size=50&offset=0',
    );
  });

  it('lists one mesh through its own endpoint', async () => {
    const { backend } = renderApp('/dataplanes?mesh=payments');
    await waitFor(async () => expect(await rowNames()).toHaveLength(6));
    expect(backend.requests).toContain(
      'GET /meshes/payments/dataplanes/_overview?size=50&offset=0',
    );
    expect(screen.getByTestId<HTMLSelectElement>('mesh-select').value).toBe('payments');
  });

  it('pages on the server: size 25, page 2 asks for offset 25', async () => {
    const { backend } = renderApp('/dataplanes?size=25&page=2');
    expect(await screen.findByText('Page 2 is past the last dataplane.')).toBeInTheDocument();
    expect(backend.requests).toContain('GET /dataplanes/_overview?size=25&offset=25');
    expect(screen.getByRole('navigation', { name: 'Pages' })).toHaveTextContent('of 24');
  });

  it('moves to the next page with the pager and keeps the URL in step', async () => {
    const { backend, router } = renderApp('/dataplanes?size=25&mesh=default');
    await waitFor(async () => expect(await rowNames()).toHaveLength(10));
    expect(screen.getByText('Next', { selector: 'button' })).toBeDisabled();
    fireEvent.change(screen.getByLabelText('Per page'), { target: { value: '100' } });
    await waitFor(() => {
      const params = new URLSearchParams(router.state.location.search);
      expect(Object.fromEntries(params)).toEqual({ mesh: 'default', size: '100' });
    });
    expect(backend.requests).toContain(
      'GET /meshes/default/dataplanes/_overview?size=100&offset=0',
    );
  });

  it('filters status on the loaded page and says so', async () => {
    const { backend } = renderApp('/dataplanes?q=status:offline');
    // payments-1 is pinned offline; the demo's churn may take others down too.
    await waitFor(async () => expect(await rowNames()).toContain('payments-1'));
    const table = screen.getByTestId('dataplane-table');
    for (const row of within(table).getAllByTestId('dataplane-row')) {
      expect(row).toHaveTextContent('Offline');
    }
    expect(screen.getByTestId('status-note')).toHaveTextContent(
      /only narrows the 24 proxies of this page: \d+ offline/,
    );
    // Status is not a server-side filter: the request carries no status.
    expect(backend.requests).toContain('GET /dataplanes/_overview?size=50&offset=0');
  });

  it('shows search terms it could not read', async () => {
    renderApp('/dataplanes?q=colour:blue%20frontend');
    expect(await screen.findByTestId('search-ignored')).toHaveTextContent('colour:blue');
  });

  it('says when nothing matches, and when there is nothing at all', async () => {
    renderApp('/dataplanes?q=service:no-such-service');
    expect(await screen.findByText('No dataplane matches this search.')).toBeInTheDocument();
  });

  it('says when the control plane has no dataplane', async () => {
    renderApp('/dataplanes', demoBackend({ scenario: 'empty' }));
    expect(await screen.findByText('No dataplanes yet.')).toBeInTheDocument();
  });

  it('writes what is typed into the URL', async () => {
    const { router } = renderApp('/dataplanes?page=2');
    const input = await screen.findByTestId('dataplane-search');
    fireEvent.change(input, { target: { value: 'name:legacy' } });
    await waitFor(() => expect(router.state.location.search).toBe('?q=name%3Alegacy'));
    await waitFor(async () =>
      expect(await rowNames()).toEqual(['kong-legacy-1', 'legacy-gateway-1']),
    );
  });

  it('renders hostile names as text', async () => {
    const backend = demoBackend({ scenario: 'empty' });
    renderApp('/dataplanes?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', backend);
    expect(await screen.findByText('No dataplane matches this search.')).toBeInTheDocument();
    expect(document.querySelector('img')).toBeNull();
  });

  it('mounts only the visible rows of a long page, with the row count for screen readers', async () => {
    const backend = demoBackend({
      scenario: 'large',
      large: { meshes: 1, services: 20, dataplanes: 600 },
    });
    renderApp('/dataplanes?size=500', backend);
    const scroller = await screen.findByTestId('dataplane-scroll', {}, { timeout: 15_000 });
    const table = within(scroller).getByTestId('dataplane-table');
    expect(table).toHaveAttribute('aria-rowcount', '501');
    const mounted = within(table).getAllByTestId('dataplane-row');
    expect(mounted.length).toBeGreaterThan(0);
    expect(mounted.length).toBeLessThan(100);
    expect(mounted[0]).toHaveAttribute('aria-rowindex', '2');

    // Scrolling far down swaps the mounted rows for the ones now in view.
    Object.defineProperty(scroller, 'scrollTop', { configurable: true, value: 60 * 300 });
    fireEvent.scroll(scroller);
    await waitFor(() => {
      const first = within(table).getAllByTestId('dataplane-row')[0];
      expect(Number(first?.getAttribute('aria-rowindex'))).toBeGreaterThan(250);
    });
    expect(within(table).getAllByTestId('dataplane-row').length).toBeLessThan(100);
  });

  it('sorts a short list across every page: read whole once its total is known', async () => {
    const { backend, router } = renderApp('/dataplanes?size=25');
    await waitFor(async () => expect(await rowNames()).toHaveLength(24));
    fireEvent.click(screen.getByTestId('sort-name'));
    await waitFor(() => expect(router.state.location.search).toBe('?size=25&sort=name'));
    // 24 matches are at most 500: one request for all of them, sorted here.
    await waitFor(() =>
      expect(backend.requests).toContain('GET /dataplanes/_overview?size=500&offset=0'),
    );
    const names = await rowNames();
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
    expect(screen.getByTestId('sort-name').closest('th')).toHaveAttribute('aria-sort', 'ascending');
    expect(screen.getByTestId('sort-note')).toHaveTextContent('across all 24 dataplanes');

    fireEvent.click(screen.getByTestId('sort-name'));
    await waitFor(() => expect(router.state.location.search).toBe('?size=25&sort=-name'));
    await waitFor(async () => expect((await rowNames())[0]).toBe('search-1'));
    expect(screen.getByTestId('sort-name').closest('th')).toHaveAttribute(
      'aria-sort',
      'descending',
    );
  });

  it('sorts status worst first from a link, and cuts pages after the sort', async () => {
    const backend = demoBackend();
    const first = renderApp('/dataplanes?sort=-status&size=10', backend);
    await waitFor(async () => {
      const rows = within(await screen.findByTestId('dataplane-table')).getAllByTestId(
        'dataplane-row',
      );
      expect(rows).toHaveLength(10);
      expect(rows[0]).toHaveTextContent('Offline');
    });
    expect(screen.getByRole('navigation', { name: 'Pages' })).toHaveTextContent('1–10 of 24');
    first.unmount();
    renderApp('/dataplanes?sort=-status&size=10&page=3', backend);
    await waitFor(async () => {
      const rows = within(await screen.findByTestId('dataplane-table')).getAllByTestId(
        'dataplane-row',
      );
      expect(rows).toHaveLength(4);
      expect(rows.at(-1)).toHaveTextContent('Online');
    });
    expect(backend.requests).toContain('GET /dataplanes/_overview?size=500&offset=0');
    expect(screen.getByRole('navigation', { name: 'Pages' })).toHaveTextContent('21–24 of 24');
  });

  it('sorts only the page shown when the search has more than 500 matches, and says so', async () => {
    const backend = demoBackend({
      scenario: 'large',
      large: { meshes: 1, services: 20, dataplanes: 600 },
    });
    renderApp('/dataplanes?size=25&page=3&sort=-name', backend);
    const note = await screen.findByTestId('sort-note', {}, { timeout: 15_000 });
    expect(note).toHaveAttribute('data-scope', 'page');
    expect(note).toHaveTextContent('within the 25 dataplanes of this page only');
    expect(backend.requests).toContain('GET /dataplanes/_overview?size=25&offset=50');
    expect(backend.requests).not.toContain('GET /dataplanes/_overview?size=500&offset=0');
    const names = await rowNames();
    expect(names).toHaveLength(25);
    expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a, 'en', { numeric: true })));
    expect(screen.getByRole('navigation', { name: 'Pages' })).toHaveTextContent('Page 3 of 24');
  });

  it('jumps to a page typed in the pager', async () => {
    const backend = demoBackend({
      scenario: 'large',
      large: { meshes: 1, services: 20, dataplanes: 200 },
    });
    const { router: second } = renderApp('/dataplanes?size=25', backend);
    const jump = await screen.findByTestId('jump-to-page', {}, { timeout: 15_000 });
    fireEvent.change(jump, { target: { value: '7' } });
    fireEvent.submit(jump.closest('form') as HTMLFormElement);
    await waitFor(() => expect(second.state.location.search).toBe('?size=25&page=7'));
    fireEvent.change(jump, { target: { value: 'seven' } });
    fireEvent.submit(jump.closest('form') as HTMLFormElement);
    expect(jump).toHaveAttribute('aria-invalid', 'true');
    expect(second.state.location.search).toBe('?size=25&page=7');
    expect(backend.requests).toContain('GET /dataplanes/_overview?size=25&offset=150');
  });
});
