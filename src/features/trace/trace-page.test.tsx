import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoBackend } from '../../test/demo-backend';
import { renderApp } from '../../test/render-app';

afterEach(() => vi.unstubAllGlobals());

function mixed() {
  const backend = demoBackend({ scenario: 'mixed' });
  backend.world.pin('default', 'edge-gateway-1', { connected: true });
  backend.world.pin('default', 'edge-gateway-2', { connected: true });
  return backend;
}

describe('trace page', () => {
  it.each([
    ['/orders', '403', 'rbac-denied'],
    ['/pay', '503', 'no-healthy-upstream'],
    ['/', '200', 'ok'],
  ])('traces GET %s through edge-gateway: %s', async (path, status, kind) => {
    const url = `/trace?mesh=default&gateway=builtin%3Aedge-gateway&method=GET&url=${encodeURIComponent(`http://www.example.com${path}`)}`;
    renderApp(url, mixed());
    const verdict = await screen.findByTestId('trace-verdict');
    expect(verdict).toHaveAttribute('data-status', status);
    expect(verdict).toHaveAttribute('data-kind', kind);
    expect(
      screen.getByText('Show this path on the topology', { selector: 'a' }).getAttribute('href'),
    ).toMatch(/^\/topology\?mesh=default&trace=/);
  });

  it('lists the mesh check findings for mixed', async () => {
    renderApp('/trace?tab=check&mesh=default', mixed());
    const findings = await screen.findAllByTestId('finding');
    const rules = findings.map((finding) => finding.getAttribute('data-rule'));
    expect(rules).toEqual(
      expect.arrayContaining(['no-healthy-backend', 'missing-traffic-permission']),
    );
  });

  it('reports legacy-gateway, which kuma-cp cannot build, as an error', async () => {
    renderApp('/trace?tab=check&mesh=legacy', mixed());
    const findings = await screen.findAllByTestId('finding');
    const notBuilt = findings.find(
      (finding) => finding.getAttribute('data-rule') === 'gateway-not-built',
    );
    expect(notBuilt).toBeDefined();
    expect(notBuilt).toHaveTextContent(
      'kuma-cp cannot build MeshGateway "legacy-gateway": HTTP port 8090 has no route',
    );
  });

  it.each([
    ['not a url', 'has a space at character 4'],
    ['ftp://www.example.com/', 'only http and https requests can be traced (got ftp)'],
    ['http://www.example.com:99999/', 'the port 99999 is out of range'],
    ['http://*.example.com/', 'wildcards belong to listener and route hostnames'],
  ])('refuses %s beside the field and traces nothing', async (url, error) => {
    const { router, backend } = renderApp(
      '/trace?mesh=default&gateway=builtin%3Aedge-gateway&method=GET&url=http%3A%2F%2Fwww.example.com%2F',
      mixed(),
    );
    await screen.findByTestId('trace-verdict');
    const form = screen.getByRole('form', { name: 'Request to trace' });
    const field = within(form).getByLabelText('URL');
    fireEvent.change(field, { target: { value: url } });
    const before = router.state.location.search;
    const requests = backend.requests.length;
    fireEvent.click(within(form).getByText('Trace', { selector: 'button' }));
    const message = await screen.findByTestId('trace-input-error');
    expect(message).toHaveTextContent(error);
    expect(message).toHaveAttribute('role', 'alert');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field.getAttribute('aria-describedby')).toBe(message.id);
    expect(document.activeElement).toBe(field);
    // Not run: the address (which holds the trace) is unchanged, and nothing was asked; the
    // previous result is not shown under an input it does not belong to.
    expect(router.state.location.search).toBe(before);
    expect(screen.queryByTestId('trace-verdict')).toBeNull();
    expect(backend.requests.length).toBe(requests);

    // Corrected, the message goes as the user types and the trace runs.
    fireEvent.change(field, { target: { value: 'http://www.example.com/orders' } });
    expect(screen.queryByTestId('trace-input-error')).toBeNull();
    fireEvent.click(within(form).getByText('Trace', { selector: 'button' }));
    expect(await screen.findByTestId('trace-verdict')).toHaveAttribute('data-status', '403');
  });

  it('a shared link with what is not a URL shows why, and no verdict', async () => {
    renderApp(
      '/trace?mesh=default&gateway=builtin%3Aedge-gateway&method=GET&url=not+a+url',
      mixed(),
    );
    expect(await screen.findByTestId('trace-input-error')).toHaveTextContent(
      'has a space at character 4',
    );
    expect(screen.queryByTestId('trace-verdict')).toBeNull();
    expect(screen.queryByText('Show this path on the topology')).toBeNull();
  });
});
