import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoBackend } from '../../test/demo-backend';
import { renderApp } from '../../test/render-app';

afterEach(() => vi.unstubAllGlobals());

const KONG = '/meshes/payments/delegated-gateways/kong-payments';

describe('delegated gateway detail', () => {
  it('shows what a delegated gateway is, its dataplanes and the services it reaches', async () => {
    renderApp(KONG);
    const instances = await screen.findByTestId('instance-table');
    expect(screen.getByTestId('delegated-explainer')).toHaveTextContent(
      'Kong or another proxy running beside a kuma-dp that only manages its outbound traffic',
    );
    const links = within(instances).getAllByText(/^kong-payments-\d$/, { selector: 'a' });
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      '/meshes/payments/dataplanes/kong-payments-1',
      '/meshes/payments/dataplanes/kong-payments-2',
    ]);
    expect(within(instances).getAllByText(/^(Online|Offline)$/)).toHaveLength(2);
    expect(
      within(instances).getAllByText('kong-payments', { selector: '.tag__value' }),
    ).toHaveLength(2);

    const outbounds = screen.getByTestId('outbound-table');
    const rows = within(outbounds)
      .getAllByRole('row')
      .slice(1)
      .map((row) => Array.from(row.querySelectorAll('td')).map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['checkout', 'MeshService checkout:8080', '127.0.0.1:10003', 'every instance'],
    ]);
  });

  it('shows the YAML of one dataplane, switchable', async () => {
    const { router } = renderApp(`${KONG}?tab=yaml`);
    const yaml = await screen.findByTestId('dataplane-yaml');
    expect(await within(yaml).findByText(/^type: Dataplane/)).toHaveTextContent(
      'name: kong-payments-1',
    );
    fireEvent.change(within(yaml).getByDisplayValue('kong-payments-1'), {
      target: { value: 'kong-payments-2' },
    });
    expect(await within(yaml).findByText(/name: kong-payments-2/)).toBeInTheDocument();
    expect(router.state.location.search).toContain('dataplane=kong-payments-2');
  });

  it('works on a 3.x control plane', async () => {
    renderApp(
      '/meshes/legacy/delegated-gateways/kong-legacy',
      demoBackend({ kumaVersion: '3.0.0' }),
    );
    const outbounds = await screen.findByTestId('outbound-table');
    expect(outbounds).toHaveTextContent('catalog');
    expect(outbounds).toHaveTextContent('reviews');
  });

  it('says clearly when the gateway does not exist', async () => {
    renderApp('/meshes/payments/delegated-gateways/no-such-proxy');
    expect(
      await screen.findByText('No delegated gateway “no-such-proxy” in mesh “payments”.'),
    ).toBeInTheDocument();
  });
});
