/**
 * What the forms create is what `kumactl apply` / `kubectl apply` accept unchanged: every
 * resource validates against Kuma's own specs under `../shared/reference/kuma-api/` (OpenAPI
 * items for the REST bodies, JSON schemas for 2.6, the CRDs for the Kubernetes objects). CI has
 * that folder beside the project; without it there is nothing to check against.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseKumaVersion } from '../../kuma/version';
import {
  checkDelegatedForm,
  checkHttpRouteForm,
  checkMeshGatewayForm,
  checkTcpRouteForm,
} from './checks';
import { checkSchema } from './json-schema';
import {
  emptyListener,
  emptyMeshGatewayInstance,
  type FormContext,
  type HttpRouteForm,
  type MeshGatewayForm,
  type TcpRouteForm,
} from './model';
import { kubernetesObject } from './yaml-output';

const REFERENCE = fileURLToPath(new URL('../../../../shared/reference/kuma-api', import.meta.url));

type Schema = Record<string, unknown>;

function load(relative: string): Schema {
  return parse(readFileSync(`${REFERENCE}/${relative}`, 'utf8'), { maxAliasCount: -1 }) as Schema;
}

function ctxOf(
  version: string,
  environment: 'universal' | 'kubernetes' = 'universal',
): FormContext {
  return {
    version: parseKumaVersion(version),
    environment,
    mode: 'zone',
    product: 'Kuma',
    mesh: 'default',
    zoneName: 'default',
    meshResource: {
      type: 'Mesh',
      name: 'default',
      mtls: { enabledBackend: 'ca-1', backends: [{ name: 'ca-1', type: 'builtin' }] },
    },
    federatedZone: true,
    systemNamespace: 'kuma-system',
  };
}

/** A gateway using every field the form has. */
function fullGateway(version: string): MeshGatewayForm {
  return {
    name: 'edge',
    selectors: [
      {
        tags: [
          { key: 'kuma.io/service', value: 'edge' },
          { key: 'env', value: 'prod' },
        ],
      },
    ],
    tags: [{ key: 'team', value: 'edge' }],
    listeners: [
      {
        ...emptyListener('8080'),
        hostname: 'api.example.com',
        crossMesh: true,
        tags: [{ key: 'listener', value: 'http' }],
        connectionLimit: '1000',
      },
      {
        ...emptyListener('8443'),
        protocol: 'HTTPS',
        hostname: '*.example.com',
        tlsMode: 'TERMINATE',
        certificates: [
          { source: 'secret', value: 'rsa-cert' },
          { source: 'secret', value: 'ecdsa-cert' },
        ],
        tags: [{ key: 'listener', value: 'https' }],
      },
      { ...emptyListener('6379'), protocol: 'TCP', tags: [{ key: 'listener', value: 'redis' }] },
      {
        ...emptyListener('9443'),
        protocol: 'TLS',
        hostname: 'db.example.com',
        tlsMode: 'PASSTHROUGH',
      },
    ],
    instances: [{ name: 'edge-1', address: '10.0.0.10' }],
    kubernetes: {
      ...emptyMeshGatewayInstance(parseKumaVersion(version)),
      namespace: 'kuma-demo',
      replicas: '2',
      serviceType: 'NodePort',
      cpuRequest: '100m',
      memoryRequest: '128Mi',
      cpuLimit: '1',
      memoryLimit: '512Mi',
    },
  };
}

function fullHttpRoute(meshServices: boolean): HttpRouteForm {
  return {
    name: 'edge-api',
    targetTags: [{ key: 'listener', value: 'https' }],
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
                queryParams: [{ type: 'RegularExpression', name: 'q', value: '^a' }],
              },
              { pathType: 'Exact', pathValue: '/health', method: '', headers: [], queryParams: [] },
            ],
            backends: [
              { ref: 'service', name: 'backend', namespace: '', port: '', weight: '90' },
              meshServices
                ? {
                    ref: 'MeshService',
                    name: 'backend-v2',
                    namespace: '',
                    port: '8080',
                    weight: '10',
                  }
                : { ref: 'service', name: 'backend-v2', namespace: '', port: '', weight: '10' },
            ],
            filters: [],
          },
        ],
      },
      {
        hostnames: [],
        rules: [
          {
            matches: [
              {
                pathType: 'RegularExpression',
                pathValue: '^/v[0-9]+/',
                method: 'POST',
                headers: [],
                queryParams: [],
              },
            ],
            backends: [{ ref: 'service', name: 'frontend', namespace: '', port: '', weight: '' }],
            filters: [],
          },
        ],
      },
    ],
  };
}

const tcpRoute: TcpRouteForm = {
  name: 'edge-redis',
  targetTags: [{ key: 'listener', value: 'redis' }],
  backends: [
    { ref: 'service', name: 'redis', namespace: '', port: '', weight: '80' },
    { ref: 'service', name: 'redis-replica', namespace: '', port: '', weight: '20' },
  ],
};

const meta = { mesh: 'default', gateway: 'edge', labels: { 'kuma.io/origin': 'zone' } };

function expectValid(value: unknown, schema: Schema, root: Schema) {
  expect(checkSchema(value, schema, root)).toEqual([]);
}

describe("resources the forms create match Kuma's published schemas", () => {
  if (!existsSync(REFERENCE)) {
    it('has no reference specs beside the project to check against', () => {
      expect(existsSync(REFERENCE)).toBe(false);
    });
    return;
  }

  describe('2.14 (OpenAPI items and CRDs)', () => {
    const openapi = load('v2.14.3/openapi.bundled.yaml');
    const schemas = (openapi.components as { schemas: Record<string, Schema> }).schemas;
    const item = (name: string) => {
      const schema = schemas[name];
      if (!schema) throw new Error(`no ${name} in the 2.14 spec`);
      return schema;
    };
    const crd = (file: string) => {
      const document = load(`v2.14.3/crds/${file}`) as {
        spec: { versions: { schema: { openAPIV3Schema: Schema } }[] };
      };
      const schema = document.spec.versions[0]?.schema.openAPIV3Schema;
      if (!schema) throw new Error(`no schema in ${file}`);
      return schema;
    };
    const ctx = ctxOf('2.14.3');

    it('MeshGateway and its BUILTIN Dataplane (REST bodies)', () => {
      const check = checkMeshGatewayForm(fullGateway('2.14.3'), ctx, { isNew: true });
      expect(check.errors).toEqual([]);
      expectValid(check.resources.gateway, item('MeshGatewayItem'), openapi);
      for (const dataplane of check.resources.dataplanes) {
        expectValid(dataplane, item('DataplaneItem'), openapi);
      }
    });

    it('delegated Dataplane (REST body)', () => {
      const check = checkDelegatedForm(
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
        ctx,
        { isNew: true },
      );
      expect(check.errors).toEqual([]);
      expectValid(check.resources.dataplane, item('DataplaneItem'), openapi);
    });

    it('MeshHTTPRoute and MeshTCPRoute (REST bodies and the spec of their CRD objects)', () => {
      const http = checkHttpRouteForm(fullHttpRoute(true), ctx, meta, { isNew: true });
      const tcp = checkTcpRouteForm(tcpRoute, ctx, meta, { isNew: true });
      expect([...http.errors, ...tcp.errors]).toEqual([]);
      expectValid(http.resources.route, item('MeshHTTPRouteItem'), openapi);
      expectValid(tcp.resources.route, item('MeshTCPRouteItem'), openapi);
      const httpObject = kubernetesObject(http.resources.route, 'kuma-system') as { spec: unknown };
      const tcpObject = kubernetesObject(tcp.resources.route, 'kuma-system') as { spec: unknown };
      expectValid(
        httpObject.spec,
        (item('MeshHTTPRouteItem').properties as Record<string, Schema>).spec as Schema,
        openapi,
      );
      expectValid(
        tcpObject.spec,
        (item('MeshTCPRouteItem').properties as Record<string, Schema>).spec as Schema,
        openapi,
      );
    });

    it('catches what the control plane would reject or drop (the checks are not vacuous)', () => {
      const http = checkHttpRouteForm(fullHttpRoute(true), ctx, meta, { isNew: true }).resources
        .route;
      const broken = structuredClone(http) as unknown as {
        spec: { to: { rules: { matches: Record<string, unknown>[] }[] }[] };
        colour?: string;
      };
      const match = broken.spec.to[0]?.rules[0]?.matches[0] ?? {};
      match.method = 'FETCH';
      match.headers = [{ type: 'Exact', name: 'X-Upper' }];
      broken.colour = 'blue';
      expect(checkSchema(broken, item('MeshHTTPRouteItem'), openapi).map((i) => i.path)).toEqual([
        'spec.to[0].rules[0].matches[0].method',
        'spec.to[0].rules[0].matches[0].headers[0].name',
        'colour',
      ]);
      const gateway = checkMeshGatewayForm(fullGateway('2.14.3'), ctx, { isNew: true }).resources
        .gateway;
      expect(
        checkSchema({ ...gateway, modificationTime: 'x' }, item('MeshGatewayItem'), openapi),
      ).toEqual([{ path: 'modificationTime', message: 'read-only: the control plane sets it' }]);
    });

    it('MeshGateway and MeshGatewayInstance objects (CRDs)', () => {
      const check = checkMeshGatewayForm(
        {
          ...fullGateway('2.14.3'),
          selectors: [{ tags: [{ key: 'kuma.io/service', value: 'edge_kuma-demo_svc' }] }],
        },
        ctxOf('2.14.3', 'kubernetes'),
        { isNew: true },
      );
      expect(check.errors).toEqual([]);
      expectValid(
        kubernetesObject(check.resources.gateway, 'kuma-system'),
        crd('kuma.io_meshgateways.yaml'),
        {},
      );
      expect(check.resources.instance).toBeDefined();
      expectValid(check.resources.instance, crd('kuma.io_meshgatewayinstances.yaml'), {});
    });
  });

  describe('2.6 (JSON schemas)', () => {
    const ctx = ctxOf('2.6.15');

    it('MeshHTTPRoute and MeshTCPRoute', () => {
      const http = checkHttpRouteForm(fullHttpRoute(false), ctx, meta, { isNew: true });
      const tcp = checkTcpRouteForm(tcpRoute, ctx, meta, { isNew: true });
      expect([...http.errors, ...tcp.errors]).toEqual([]);
      // The 2.6 schemas describe the body without labels (2.9+ added them to the API).
      const { labels: _h, ...httpBody } = http.resources.route;
      const { labels: _t, ...tcpBody } = tcp.resources.route;
      const httpSchema = load('2.6.15/resources/meshhttproute.schema.yaml');
      const tcpSchema = load('2.6.15/resources/meshtcproute.schema.yaml');
      expectValid(httpBody, httpSchema, httpSchema);
      expectValid(tcpBody, tcpSchema, tcpSchema);
    });

    it('MeshGateway and Dataplanes (protobuf JSON schemas of their specs)', () => {
      const check = checkMeshGatewayForm(fullGateway('2.6.15'), ctx, { isNew: true });
      expect(check.errors).toEqual([]);
      const spec = ({
        type: _t,
        mesh: _m,
        name: _n,
        labels: _l,
        ...rest
      }: Record<string, unknown>) => rest;
      const gatewaySchema = load('2.6.15/protos/MeshGateway.json');
      const dataplaneSchema = load('2.6.15/protos/Dataplane.json');
      expectValid(spec(check.resources.gateway as never), gatewaySchema, gatewaySchema);
      for (const dataplane of check.resources.dataplanes) {
        expectValid(spec(dataplane as never), dataplaneSchema, dataplaneSchema);
      }
      const delegated = checkDelegatedForm(
        {
          name: 'kong-1',
          address: '10.0.0.20',
          service: 'kong',
          tags: [],
          outbounds: [
            {
              port: '33033',
              target: 'service',
              service: 'backend',
              name: '',
              namespace: '',
              targetPort: '',
            },
          ],
        },
        ctx,
        { isNew: true },
      );
      expect(delegated.errors).toEqual([]);
      expectValid(spec(delegated.resources.dataplane as never), dataplaneSchema, dataplaneSchema);
    });
  });
});
