import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../../test/render-app';

beforeEach(() => localStorage.clear());
afterEach(() => vi.unstubAllGlobals());

function type(element: HTMLElement, value: string) {
  fireEvent.change(element, { target: { value } });
  fireEvent.blur(element);
}

const WARNING =
  "invalid wildcard domain: kuma-cp stores this on a route but refuses it on a listener, and no request's host will match it";

describe('one hostname rule for listeners and routes', () => {
  it('a route hostname a listener could not have is a warning beside it, and the route is still created (as kuma-cp does)', async () => {
    const { backend } = renderApp('/meshes/default/gateways/edge-gateway/routes/new?kind=http');
    type(await screen.findByLabelText('Name'), 'edge-wild');
    const rules = within(await screen.findByTestId('route-rules'));
    fireEvent.click(rules.getByText('Add hostname', { selector: 'button' }));
    type(await rules.findByLabelText('Hostname 1'), '*.foo.*.com');
    type(
      within(await screen.findByTestId('rule-0')).getByLabelText('Backend 1: service'),
      'backend',
    );

    const field = rules.getByLabelText('Hostname 1');
    const messages = document.getElementById(field.getAttribute('aria-describedby') ?? '');
    expect(messages).toHaveTextContent(`Warning: ${WARNING}`);
    expect(field).not.toHaveAttribute('aria-invalid');

    const form = screen.getByLabelText('Name').closest('form') as HTMLElement;
    fireEvent.click(within(form).getByText('Create', { selector: 'button' }));
    await screen.findByText(/^Created: MeshHTTPRoute edge-wild/, {}, { timeout: 5000 });
    expect(backend.world.store.get('MeshHTTPRoute', 'default', 'edge-wild')).toMatchObject({
      spec: { to: [{ hostnames: ['*.foo.*.com'] }] },
    });
  });

  it('the same name on a listener is kuma-cp’s error, and nothing is written', async () => {
    const { backend } = renderApp('/gateways/new?mesh=default');
    type(await screen.findByLabelText('Name'), 'edge-wild');
    const listener = within(await screen.findByTestId('listener-0'));
    type(listener.getByLabelText('Hostname'), '*.foo.*.com');
    const error = await listener.findByText('invalid wildcard domain');
    expect(error).toHaveAttribute('role', 'alert');
    const form = screen.getByLabelText('Name').closest('form') as HTMLElement;
    fireEvent.click(within(form).getByText('Create', { selector: 'button' }));
    expect(await screen.findByTestId('error-summary')).toHaveTextContent('invalid wildcard domain');
    expect(backend.requests.filter((request) => !request.startsWith('GET '))).toEqual([]);
  });
});
