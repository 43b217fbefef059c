import { describe, expect, it } from 'vitest';
import { listenerStage } from './listener';
import { edgeRequest, edgeSetup } from './stage-fixtures';
import { stopped } from './trace';
import type { GatewayRequest, VerdictKind } from './types';

describe('listenerStage', () => {
  it.each<[string, Partial<GatewayRequest>, number, string]>([
    ['the exact hostname wins on a shared port', { host: 'foo.example.com' }, 1, 'HTTP'],
    ['the wildcard takes the other hosts', { host: 'bar.example.com' }, 0, 'HTTP'],
    ['HTTPS by SNI', { scheme: 'https', port: 8443 }, 2, 'HTTPS'],
    ['TCP ignores the host', { port: 6379, host: 'anything' }, 3, 'TCP'],
  ])('%s', (_label, overrides, index, protocol) => {
    const { trace, snapshot, mesh, model } = edgeSetup();
    const stage = listenerStage(trace, snapshot, mesh, model.gateway, edgeRequest(overrides));
    if (stopped(stage)) throw new Error(stage.verdict.message);
    expect([stage.next.entry.index, stage.next.protocol]).toEqual([index, protocol]);
    expect(trace.steps.map((step) => step.kind)).toEqual(['listener']);
  });

  it.each<[string, Partial<GatewayRequest>, VerdictKind, number]>([
    ['nothing on the port', { port: 9999 }, 'connection-refused', 0],
    ['plain HTTP to a TLS port', { port: 8443 }, 'connection-reset', 0],
    ['TLS to a plain HTTP port', { scheme: 'https' }, 'tls-failure', 0],
    ['an SNI no listener names', { scheme: 'https', port: 8443, host: 'x.test' }, 'tls-failure', 0],
    ['a host no listener accepts', { host: 'example.org' }, 'no-route', 404],
    [
      'a request head over 60 KiB',
      { headers: { 'x-big': 'a'.repeat(61 * 1024) } },
      'headers-too-large',
      431,
    ],
  ])('%s: %s %i', (_label, overrides, kind, status) => {
    const { trace, snapshot, mesh, model } = edgeSetup();
    const stage = listenerStage(trace, snapshot, mesh, model.gateway, edgeRequest(overrides));
    if (!stopped(stage)) throw new Error('the stage went on');
    expect([stage.verdict.kind, stage.verdict.status]).toEqual([kind, status]);
    expect(stage.steps[stage.verdict.failingStep ?? -1]?.kind).toBe('listener');
  });

  it('a cross-mesh listener turns away a client outside the mesh', () => {
    const { trace, snapshot, mesh, model } = edgeSetup((m) => {
      m.mesh = { ...m.mesh, mtls: { enabledBackend: 'ca-1' } };
      const listener = m.gateways[0]?.conf?.listeners?.[3];
      if (listener) Object.assign(listener, { protocol: 'HTTP', crossMesh: true, port: 9080 });
    });
    const stage = listenerStage(trace, snapshot, mesh, model.gateway, edgeRequest({ port: 9080 }));
    expect(stopped(stage) && stage.verdict.kind).toBe('connection-reset');
  });
});
