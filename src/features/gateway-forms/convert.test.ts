// Over 400 lines: the round-trip cases of every form kind (form → resource → form), one table each.
import { describe, expect, it } from 'vitest';
import type { Dataplane, MeshGateway, MeshHTTPRoute, MeshTCPRoute } from '../../kuma/types';
import { parseKumaVersion } from '../../kuma/version';
import {
  delegatedDataplaneFromForm,
  delegatedDataplaneToForm,
  kongHelmValues,
  kongInstallCommands,
} from './delegated-convert';
import {
  gatewayDataplaneFromForm,
  instanceTags,
  meshGatewayFromForm,
  meshGatewayInstanceFromForm,
  meshGatewayToForm,
} from './mesh-gateway-convert';
import {
  emptyDelegatedKubernetesForm,
  emptyListener,
  emptyMeshGatewayForm,
  emptyMeshGatewayInstance,
  type ListenerForm,
  type MeshGatewayForm,
  meshGatewayInstanceServiceTag,
  parseWholeNumber,
  rowsFromTags,
  tagsFromRows,
} from './model';
import {
  backendRefFromForm,
  backendToForm,
  httpRouteFromForm,
  httpRouteToForm,
  targetsGateway,
  tcpRouteFromForm,
  tcpRouteToForm,
} from './route-convert';

const v214 = parseKumaVersion('2.14.3');
const v26 = parseKumaVersion('2.6.15');
const v28 = parseKumaVersion('2.8.0');

function gatewayForm(listeners: Partial<ListenerForm>[]): MeshGatewayForm {
  return {
    ...emptyMeshGatewayForm(v214),
    name: 'edge',
    selectors: [{ tags: [{ key: 'kuma.io/service', value: 'edge' }] }],
    listeners: listeners.map((listener) => ({ ...emptyListener('80'), ...listener })),
  };
}

describe('form helpers', () => {
  it.each([
    ['8080', 8080],
    [' 42 ', 42],
    ['', undefined],
    ['8O', undefined],
    ['1.5', undefined],
    ['-1', undefined],
    ['99999999999999999999', undefined],
  ])('parseWholeNumber(%j) = %j', (text, value) => {
    expect(parseWholeNumber(text)).toBe(value);
  });

  it('turns tag rows into a map: blank rows are skipped, the first of a repeated key wins', () => {
    expect(
      tagsFromRows([
        { key: 'a', value: '1' },
        { key: '', value: '' },
        { key: 'a', value: '2' },
        { key: '__proto__', value: 'x' },
        { key: '', value: 'orphan' },
      ]),
    ).toEqual(
      Object.fromEntries([
        ['a', '1'],
        ['__proto__', 'x'],
        ['', 'orphan'],
      ]),
    );
    expect(rowsFromTags({ a: '1', b: '2' })).toEqual([
      { key: 'a', value: '1' },
      { key: 'b', value: '2' },
    ]);
  });

  it.each([
    [v26, 'edge', 'kuma-demo', [{ key: 'kuma.io/service', value: 'edge-svc' }], 'edge-svc'],
    [v26, 'edge', 'kuma-demo', [], undefined],
    [v28, 'edge', 'kuma-demo', [{ key: 'kuma.io/service', value: 'own' }], 'own'],
    [v28, 'edge', 'kuma-demo', [], 'edge_kuma-demo_svc'],
    [v214, 'edge', 'kuma-demo', [{ key: 'kuma.io/service', value: 'own' }], 'edge_kuma-demo_svc'],
  ])('MeshGatewayInstance service on %o', (version, name, namespace, tags, service) => {
    expect(meshGatewayInstanceServiceTag(version, name, namespace, tags)).toBe(service);
  });
});

describe('MeshGateway form → resource', () => {
  it.each<[string, Partial<ListenerForm>, object]>([
    ['HTTP', { port: '80', protocol: 'HTTP' }, { port: 80, protocol: 'HTTP' }],
    [
      'HTTPS with a secret',
      {
        port: '443',
        protocol: 'HTTPS',
        hostname: 'shop.example.com',
        tlsMode: 'TERMINATE',
        certificates: [{ source: 'secret', value: 'shop-cert' }],
      },
      {
        port: 443,
        protocol: 'HTTPS',
        hostname: 'shop.example.com',
        tls: { mode: 'TERMINATE', certificates: [{ secret: 'shop-cert' }] },
      },
    ],
    [
      'TLS passthrough drops certificates',
      {
        port: '8443',
        protocol: 'TLS',
        tlsMode: 'PASSTHROUGH',
        certificates: [{ source: 'secret', value: 'ignored' }],
      },
      { port: 8443, protocol: 'TLS', tls: { mode: 'PASSTHROUGH' } },
    ],
    [
      'HTTPS without TLS settings has no tls block',
      { port: '443', protocol: 'HTTPS' },
      { port: 443, protocol: 'HTTPS' },
    ],
    [
      'TLS settings of an HTTP listener are not sent',
      {
        protocol: 'HTTP',
        tlsMode: 'TERMINATE',
        certificates: [{ source: 'secret', value: 'x' }],
      },
      { port: 80, protocol: 'HTTP' },
    ],
    [
      'cross-mesh, tags and a connection limit',
      {
        protocol: 'HTTP',
        crossMesh: true,
        tags: [{ key: 'listener', value: 'xmesh' }],
        connectionLimit: '100',
      },
      {
        port: 80,
        protocol: 'HTTP',
        crossMesh: true,
        tags: { listener: 'xmesh' },
        resources: { connectionLimit: 100 },
      },
    ],
    ['no protocol, no port', { port: '', protocol: '' }, {}],
    ['a port that is not a number', { port: 'http' }, { protocol: 'HTTP' }],
  ])('%s', (_name, listener, expected) => {
    const gateway = meshGatewayFromForm(gatewayForm([listener]), { mesh: 'default' });
    expect(gateway.conf?.listeners?.[0]).toEqual(expected);
  });

  it('writes the meta, selectors and gateway tags', () => {
    const form = {
      ...gatewayForm([{}]),
      tags: [{ key: 'team', value: 'edge' }],
      selectors: [
        { tags: [{ key: 'kuma.io/service', value: 'edge' }] },
        { tags: [{ key: 'kuma.io/service', value: '*' }] },
      ],
    };
    expect(meshGatewayFromForm(form, { mesh: 'team-a', labels: { owner: 'x' } })).toEqual({
      type: 'MeshGateway',
      mesh: 'team-a',
      name: 'edge',
      labels: { owner: 'x' },
      selectors: [{ match: { 'kuma.io/service': 'edge' } }, { match: { 'kuma.io/service': '*' } }],
      tags: { team: 'edge' },
      conf: { listeners: [{ port: 80, protocol: 'HTTP' }] },
    });
  });

  it('round-trips a stored MeshGateway, keeping what the form does not show', () => {
    const stored: MeshGateway = {
      type: 'MeshGateway',
      mesh: 'default',
      name: 'edge-gateway',
      selectors: [{ match: { 'kuma.io/service': 'edge-gateway', env: 'prod' } }],
      tags: { team: 'edge' },
      conf: {
        listeners: [
          { port: 80, protocol: 'HTTP', hostname: '*', tags: { listener: 'public' } },
          {
            port: 443,
            protocol: 'HTTPS',
            hostname: 'shop.example.com',
            tls: {
              mode: 'TERMINATE',
              certificates: [{ secret: 'a' }, { inlineString: '-----BEGIN…' }],
              options: {},
            },
            resources: { connectionLimit: 10 },
          },
          { port: 9080, protocol: 'HTTP', crossMesh: true },
        ],
      },
    };
    const form = meshGatewayToForm(stored, {
      instances: [],
      kubernetes: emptyMeshGatewayInstance(v214),
    });
    expect(form.listeners[1]?.certificates).toEqual([
      { source: 'secret', value: 'a' },
      { source: 'inlineString', value: '-----BEGIN…' },
    ]);
    const { type, mesh, name, ...rest } = stored;
    expect(meshGatewayFromForm(form, { mesh })).toEqual({ type, mesh, name, ...rest });
  });
});

describe('capacity', () => {
  it('gives new instances the first selector, without * values', () => {
    const form = {
      ...gatewayForm([{}]),
      selectors: [
        {
          tags: [
            { key: 'kuma.io/service', value: 'edge' },
            { key: 'zone', value: '*' },
          ],
        },
      ],
    };
    expect(instanceTags(form)).toEqual({ 'kuma.io/service': 'edge' });
    expect(
      gatewayDataplaneFromForm({ name: 'edge-1', address: '10.0.0.1' }, form, 'default'),
    ).toEqual({
      type: 'Dataplane',
      mesh: 'default',
      name: 'edge-1',
      networking: {
        address: '10.0.0.1',
        gateway: { type: 'BUILTIN', tags: { 'kuma.io/service': 'edge' } },
      },
    });
  });

  it('builds a MeshGatewayInstance, labelled for a non-default mesh', () => {
    expect(
      meshGatewayInstanceFromForm(
        {
          ...emptyMeshGatewayInstance(v26),
          namespace: 'kuma-demo',
          replicas: '2',
          serviceType: 'NodePort',
          cpuRequest: '100m',
          memoryLimit: '512Mi',
          tags: [{ key: 'kuma.io/service', value: 'edge' }],
        },
        'edge',
        'team-a',
      ),
    ).toEqual({
      apiVersion: 'kuma.io/v1alpha1',
      kind: 'MeshGatewayInstance',
      metadata: { name: 'edge', namespace: 'kuma-demo', labels: { 'kuma.io/mesh': 'team-a' } },
      spec: {
        replicas: 2,
        serviceType: 'NodePort',
        resources: { requests: { cpu: '100m' }, limits: { memory: '512Mi' } },
        tags: { 'kuma.io/service': 'edge' },
      },
    });
    expect(
      meshGatewayInstanceFromForm(emptyMeshGatewayInstance(v214), 'edge', 'default').metadata,
    ).toEqual({ name: 'edge', namespace: 'default' });
  });
});

describe('routes', () => {
  const meta = { mesh: 'default', gateway: 'edge-gateway' };

  it.each([
    [
      { ref: 'service', name: 'backend', namespace: 'x', port: '80', weight: '' },
      {
        kind: 'MeshService',
        name: 'backend',
      },
    ],
    [
      { ref: 'MeshService', name: 'backend', namespace: '', port: '8080', weight: '90' },
      {
        kind: 'MeshService',
        name: 'backend',
        port: 8080,
        weight: 90,
      },
    ],
    [
      { ref: 'MeshService', name: 'demo-app', namespace: 'kuma-demo', port: '5050', weight: '' },
      {
        kind: 'MeshService',
        name: 'demo-app',
        namespace: 'kuma-demo',
        port: 5050,
      },
    ],
    [
      { ref: 'MeshMultiZoneService', name: 'global', namespace: '', port: '', weight: '0' },
      {
        kind: 'MeshMultiZoneService',
        name: 'global',
        weight: 0,
      },
    ],
  ] as const)('backend %o', (form, ref) => {
    expect(backendRefFromForm({ ...form })).toEqual(ref);
  });

  it('reads a backend without port as a kuma.io/service tag', () => {
    expect(backendToForm({ kind: 'MeshService', name: 'redis' }).ref).toBe('service');
    expect(backendToForm({ kind: 'MeshService', name: 'redis', port: 6379 }).ref).toBe(
      'MeshService',
    );
    expect(backendToForm({ kind: 'MeshServiceSubset', name: 'b', tags: { v: '2' } })).toEqual({
      ref: 'MeshServiceSubset',
      name: 'b',
      namespace: '',
      port: '',
      weight: '',
      extra: { tags: { v: '2' } },
    });
  });

  it('builds a MeshHTTPRoute with matches and weighted backends', () => {
    const route = httpRouteFromForm(
      {
        name: 'edge-api',
        targetTags: [{ key: 'listener', value: 'public' }],
        entries: [
          {
            hostnames: [{ value: 'api.example.com' }],
            rules: [
              {
                matches: [
                  {
                    pathType: 'PathPrefix',
                    pathValue: '/api',
                    method: 'GET',
                    headers: [
                      { type: 'Exact', name: 'x-version', value: 'v2' },
                      { type: 'Present', name: 'x-debug', value: '' },
                    ],
                    queryParams: [{ type: 'Exact', name: 'beta', value: '1' }],
                  },
                ],
                backends: [
                  { ref: 'service', name: 'backend', namespace: '', port: '', weight: '90' },
                  { ref: 'service', name: 'backend-v2', namespace: '', port: '', weight: '10' },
                ],
                filters: [],
              },
            ],
          },
        ],
      },
      { ...meta, labels: { 'kuma.io/origin': 'zone' } },
    );
    expect(route).toEqual({
      type: 'MeshHTTPRoute',
      mesh: 'default',
      name: 'edge-api',
      labels: { 'kuma.io/origin': 'zone' },
      spec: {
        targetRef: { kind: 'MeshGateway', name: 'edge-gateway', tags: { listener: 'public' } },
        to: [
          {
            targetRef: { kind: 'Mesh' },
            hostnames: ['api.example.com'],
            rules: [
              {
                matches: [
                  {
                    path: { type: 'PathPrefix', value: '/api' },
                    method: 'GET',
                    headers: [
                      { type: 'Exact', name: 'x-version', value: 'v2' },
                      { type: 'Present', name: 'x-debug' },
                    ],
                    queryParams: [{ type: 'Exact', name: 'beta', value: '1' }],
                  },
                ],
                default: {
                  backendRefs: [
                    { kind: 'MeshService', name: 'backend', weight: 90 },
                    { kind: 'MeshService', name: 'backend-v2', weight: 10 },
                  ],
                },
              },
            ],
          },
        ],
      },
    });
  });

  it('round-trips a stored MeshHTTPRoute, filters included', () => {
    const stored: MeshHTTPRoute = {
      type: 'MeshHTTPRoute',
      mesh: 'default',
      name: 'edge-routes',
      spec: {
        targetRef: { kind: 'MeshGateway', name: 'edge-gateway' },
        to: [
          {
            targetRef: { kind: 'Mesh' },
            rules: [
              {
                matches: [{ path: { type: 'Exact', value: '/' } }],
                default: {
                  filters: [
                    {
                      type: 'RequestHeaderModifier',
                      requestHeaderModifier: { set: [{ name: 'x-a', value: '1' }] },
                    },
                  ],
                  backendRefs: [{ kind: 'MeshService', name: 'frontend', port: 80 }],
                },
              },
            ],
          },
          {
            targetRef: { kind: 'Mesh' },
            hostnames: ['dev.example.com'],
            rules: [
              {
                matches: [{ path: { type: 'PathPrefix', value: '/' } }],
                default: { backendRefs: [{ kind: 'MeshService', name: 'frontend-dev' }] },
              },
            ],
          },
        ],
      },
    };
    expect(httpRouteFromForm(httpRouteToForm(stored), meta)).toEqual(stored);
  });

  it('builds and reads back a MeshTCPRoute', () => {
    const stored: MeshTCPRoute = {
      type: 'MeshTCPRoute',
      mesh: 'default',
      name: 'edge-redis',
      spec: {
        targetRef: { kind: 'MeshGateway', name: 'edge-gateway', tags: { listener: 'redis' } },
        to: [
          {
            targetRef: { kind: 'Mesh' },
            rules: [{ default: { backendRefs: [{ kind: 'MeshService', name: 'redis' }] } }],
          },
        ],
      },
    };
    expect(tcpRouteFromForm(tcpRouteToForm(stored), meta)).toEqual(stored);
  });

  it('knows the routes that target a gateway', () => {
    const route = { spec: { targetRef: { kind: 'MeshGateway', name: 'edge' } } };
    expect(targetsGateway(route, 'edge')).toBe(true);
    expect(targetsGateway(route, 'other')).toBe(false);
    expect(targetsGateway({ spec: { targetRef: { kind: 'Mesh' } } }, 'edge')).toBe(false);
  });
});

describe('delegated gateway', () => {
  it('builds a delegated Dataplane without type, with outbounds', () => {
    expect(
      delegatedDataplaneFromForm(
        {
          name: 'kong-1',
          address: '10.0.0.20',
          service: 'kong',
          tags: [{ key: 'env', value: 'prod' }],
          outbounds: [
            {
              port: '33033',
              target: 'service',
              service: 'backend',
              name: '',
              namespace: '',
              targetPort: '',
            },
            {
              port: '33034',
              target: 'MeshService',
              service: '',
              name: 'backend',
              namespace: '',
              targetPort: '8080',
            },
          ],
        },
        { mesh: 'default' },
      ),
    ).toEqual({
      type: 'Dataplane',
      mesh: 'default',
      name: 'kong-1',
      networking: {
        address: '10.0.0.20',
        gateway: { tags: { 'kuma.io/service': 'kong', env: 'prod' } },
        outbound: [
          { port: 33033, tags: { 'kuma.io/service': 'backend' } },
          { port: 33034, backendRef: { kind: 'MeshService', name: 'backend', port: 8080 } },
        ],
      },
    });
  });

  it('round-trips a stored delegated Dataplane with fields the form does not show', () => {
    const stored: Dataplane = {
      type: 'Dataplane',
      mesh: 'payments',
      name: 'kong-payments-1',
      creationTime: '2026-01-01T00:00:00Z',
      networking: {
        address: '10.1.0.2',
        admin: { port: 9901 },
        gateway: { tags: { 'kuma.io/service': 'kong-payments' } },
        outbound: [
          {
            port: 33033,
            address: '127.0.0.1',
            tags: { 'kuma.io/service': 'checkout', version: 'v1' },
          },
        ],
      },
    };
    const { creationTime: _c, ...expected } = stored;
    expect(
      delegatedDataplaneFromForm(delegatedDataplaneToForm(stored), { mesh: 'payments' }),
    ).toEqual(expected);
  });

  it('writes Kong Helm values for either chart', () => {
    const form = emptyDelegatedKubernetesForm();
    expect(kongHelmValues(form, 'payments')).toEqual({
      gateway: {
        podAnnotations: { 'kuma.io/gateway': 'enabled' },
        podLabels: { 'kuma.io/mesh': 'payments' },
      },
    });
    expect(kongHelmValues({ ...form, chart: 'kong/kong' }, 'default')).toEqual({
      podAnnotations: { 'kuma.io/gateway': 'enabled' },
    });
    expect(kongInstallCommands(form)).toContain(
      'kubectl label namespace kong kuma.io/sidecar-injection=enabled --overwrite',
    );
    expect(kongInstallCommands({ ...form, release: 'a;b', namespace: "it's" })).toContain(
      "helm upgrade --install 'a;b' kong/ingress -n 'it'\\''s' -f kong-values.yaml",
    );
  });
});
