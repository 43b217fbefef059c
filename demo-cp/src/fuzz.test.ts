import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDemoApp } from './app';
import { DEFAULT_OPTIONS } from './options';
import { loadScenario } from './scenarios';
import { World } from './world';

const SEGMENTS = [
  'meshes',
  'default',
  'payments',
  'dataplanes',
  'dataplanes+insights',
  '_overview',
  'meshgateways',
  'edge-gateway',
  'meshhttproutes',
  'meshtcproutes',
  'meshtrafficpermissions',
  'meshservices',
  'service-insights',
  'mesh-insights',
  'zones',
  '_rules',
  'stats',
  'clusters',
  'xds',
  'frontend-1',
  'edge-gateway-1',
  '_resources',
  'config',
  'global-insight',
  '..',
  '%2e%2e',
  '%00',
  '',
  'x'.repeat(300),
];

const QUERIES = [
  '',
  '?size=0',
  '?size=-1',
  '?size=abc',
  '?size=1000',
  '?offset=zz',
  '?gateway=nope',
  '?tag=kuma.io/service',
  '?tag=:',
  '?name=%',
  '?filter[labels.a]=b',
  '?filter[x]=1',
  '?format=json',
  '?format=kubernetes',
  '?type=internal,bogus',
  '?usedonly=false',
];

const segment = fc.oneof(
  fc.constantFrom(...SEGMENTS),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
);
const path = fc
  .tuple(fc.array(segment, { minLength: 0, maxLength: 6 }), fc.constantFrom(...QUERIES))
  .map(([parts, query]) => `/${parts.join('/')}${query}`);

const gatewayLike = fc.record(
  {
    type: fc.constantFrom('MeshGateway', 'Dataplane', 'Mesh', 'MeshHTTPRoute', 42),
    mesh: fc.constantFrom('default', 'nope', ''),
    name: fc.constantFrom('fuzz', 'FUZZ', 'a'.repeat(300), ''),
    selectors: fc.anything(),
    conf: fc.oneof(
      fc.anything(),
      fc.record({ listeners: fc.array(fc.anything(), { maxLength: 4 }) }),
    ),
    networking: fc.anything(),
    spec: fc.anything(),
    tags: fc.dictionary(fc.string(), fc.string()),
  },
  { requiredKeys: [] },
);

const body = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.json({ maxDepth: 4 }),
  gatewayLike.map((value) => JSON.stringify(value)),
);

describe('bad input never crashes the demo control plane', () => {
  it('answers every random request with a non-5xx Kuma response', async () => {
    const world = new World({ ...DEFAULT_OPTIONS, seed: 3, startTime: 0 });
    loadScenario(world, 'mixed');
    const app = createDemoApp(world);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'PUT', 'DELETE', 'POST', 'PATCH'),
        path,
        body,
        async (method, target, payload) => {
          const request = new Request(`http://cp.test${target.replace(/^\/\/+/, '/')}`, {
            method,
            ...(method === 'GET' || method === 'DELETE'
              ? {}
              : { body: payload, headers: { 'content-type': 'application/json' } }),
          });
          const response = await app.fetch(request);
          expect(response.status, `${method} ${target}`).toBeLessThan(500);
          // Every answer is readable; JSON ones parse.
          const text = await response.text();
          if (response.headers.get('content-type')?.includes('application/json') && text !== '') {
            expect(() => JSON.parse(text)).not.toThrow();
          }
        },
      ),
      { numRuns: 1500, seed: 20261126 },
    );
    // Writes that reach the validators: the right path and names, random contents.
    const writable = fc.constantFrom(
      ['meshgateways', 'MeshGateway'],
      ['dataplanes', 'Dataplane'],
      ['meshhttproutes', 'MeshHTTPRoute'],
      ['meshtcproutes', 'MeshTCPRoute'],
      ['meshtrafficpermissions', 'MeshTrafficPermission'],
      ['meshservices', 'MeshService'],
    );
    await fc.assert(
      fc.asyncProperty(writable, gatewayLike, async ([segment, type], resource) => {
        const request = new Request(`http://cp.test/meshes/default/${segment}/fuzz`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...resource, type, mesh: 'default', name: 'fuzz' }),
        });
        const response = await app.fetch(request);
        expect(response.status, JSON.stringify(resource)).toBeLessThan(500);
      }),
      { numRuns: 1500, seed: 1126 },
    );
    // Whatever the fuzzer wrote, the world still serves and ticks.
    world.tick();
    expect((await app.fetch(new Request('http://cp.test/meshes'))).status).toBe(200);
  }, 60_000);
});
