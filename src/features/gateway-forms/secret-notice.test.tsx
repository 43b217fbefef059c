import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type DemoBackend, demoBackend } from '../../test/demo-backend';
import { renderApp } from '../../test/render-app';

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** The demo with edge-gateway's HTTPS certificate pointing at a secret that does not exist. */
async function withMissingSecret(): Promise<DemoBackend> {
  const backend = demoBackend();
  const path = '/api/meshes/default/meshgateways/edge-gateway';
  const gateway = (await (await backend.fetch(path)).json()) as {
    conf: { listeners: { tls?: { certificates?: { secret?: string }[] } }[] };
  } & Record<string, unknown>;
  const { creationTime: _c, modificationTime: _m, kri: _k, ...body } = gateway;
  for (const listener of gateway.conf.listeners) {
    const certificate = listener.tls?.certificates?.[0];
    if (certificate?.secret) certificate.secret = 'gone-cert';
  }
  const put = await backend.fetch(path, { method: 'PUT', body: JSON.stringify(body) });
  expect(put.ok).toBe(true);
  return backend;
}

const refused: string[] = [];

function refusingSecrets(backend: DemoBackend): DemoBackend {
  const inner = backend.fetch;
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (!/\/secrets(\?|$)/.test(String(input))) return inner(input, init);
    refused.push(String(input));
    return new Response(JSON.stringify({ title: 'Access Denied', detail: 'Access Denied' }), {
      status: 403,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  return { ...backend, fetch: fetchImpl };
}

describe('gateway page: a certificate secret missing from the mesh', () => {
  it('names the listener, the secret, the mesh and how to create it', async () => {
    renderApp('/meshes/default/gateways/edge-gateway', await withMissingSecret());
    const banner = await screen.findByTestId('gateway-missing-secret');
    expect(banner).toHaveTextContent(
      'Listener #1 (HTTPS :443, hostname shop.example.com) names secret gone-cert, which does not exist in mesh default.',
    );
    expect(banner).toHaveTextContent('type: Secret, mesh: default, name: gone-cert');
    expect(banner).toHaveTextContent('type system.kuma.io/secret');
  });

  it('says nothing when the secrets cannot be listed (403)', async () => {
    renderApp('/meshes/default/gateways/edge-gateway', refusingSecrets(await withMissingSecret()));
    await screen.findAllByTestId('listener-card');
    // The refusal was answered (and rendered) before looking for the banner.
    await vi.waitFor(() => expect(refused.length).toBeGreaterThan(0));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByTestId('gateway-missing-secret')).not.toBeInTheDocument();
    expect(screen.queryByText(/not readable/)).not.toBeInTheDocument();
  });

  it('says nothing when every secret exists', async () => {
    renderApp('/meshes/default/gateways/edge-gateway');
    await screen.findAllByTestId('listener-card');
    expect(screen.queryByTestId('gateway-missing-secret')).not.toBeInTheDocument();
  });
});
