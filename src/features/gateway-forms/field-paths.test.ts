import { describe, expect, it } from 'vitest';
import { parseKumaVersion } from '../../kuma/version';
import {
  delegatedField,
  gatewayInstanceField,
  httpRouteField,
  meshGatewayField,
  meshGatewayInstanceField,
  parseKumaPath,
  tcpRouteField,
} from './field-paths';
import {
  type DelegatedForm,
  emptyDelegatedForm,
  emptyHttpRouteForm,
  emptyMeshGatewayForm,
  emptyTcpRouteForm,
  type HttpRouteForm,
  type MeshGatewayForm,
} from './model';

describe('parseKumaPath', () => {
  it.each([
    ['name', ['name']],
    ['conf.listeners[1].tls.certificates', ['conf', 'listeners', 1, 'tls', 'certificates']],
    [
      'selectors[0].match["kuma.io/service"]',
      ['selectors', 0, 'match', { key: 'kuma.io/service' }],
    ],
    ['tags["a\\"b"]', ['tags', { key: 'a"b' }]],
    ['labels["kuma.io/origin"]', ['labels', { key: 'kuma.io/origin' }]],
    [
      'spec.to[0].rules[2].default.backendRefs[1].port',
      ['spec', 'to', 0, 'rules', 2, 'default', 'backendRefs', 1, 'port'],
    ],
    ['', []],
    ['a[', []],
  ])('%s', (path, segments) => {
    expect(parseKumaPath(path)).toEqual(segments);
  });
});

const gatewayForm: MeshGatewayForm = {
  ...emptyMeshGatewayForm(parseKumaVersion('2.14.3')),
  selectors: [
    { tags: [{ key: 'kuma.io/service', value: 'edge' }] },
    {
      tags: [
        { key: '', value: 'x' },
        { key: 'bad key', value: 'v' },
      ],
    },
  ],
  tags: [{ key: 'team', value: 'a/b' }],
  listeners: [
    {
      port: '80',
      protocol: 'HTTP',
      hostname: '',
      tlsMode: '',
      certificates: [],
      crossMesh: false,
      tags: [
        { key: 'listener', value: 'http' },
        { key: 'kuma.io/service', value: 'x' },
      ],
      connectionLimit: '',
    },
  ],
  kubernetes: {
    ...emptyMeshGatewayForm(parseKumaVersion('2.14.3')).kubernetes,
    tags: [{ key: 'kuma.io/service', value: 'x' }],
  },
};

describe('MeshGateway paths → form fields', () => {
  it.each([
    ['name', 'cannot be empty', 'name'],
    ['mesh', 'mesh of name x is not found', 'mesh'],
    ['selectors', 'must have at least one element', 'selectors'],
    ['selectors[1]', 'there can be at most one selector', 'selectors.1'],
    ['selectors[0].match', 'mandatory tag "kuma.io/service" is missing', 'selectors.0.tags'],
    ['selectors[1].match', 'tag name must be non-empty', 'selectors.1.tags.0.key'],
    [
      'selectors[1].match["bad key"]',
      'tag name must consist of alphanumeric characters, dots, dashes, slashes and underscores',
      'selectors.1.tags.1.key',
    ],
    ['tags["team"]', 'tag value must be non-empty', 'tags.0.value'],
    ['tags["gone"]', 'tag value must be non-empty', 'tags'],
    [
      'conf.listeners[0].tags["kuma.io/service"]',
      'tag name must not be "kuma.io/service"',
      'listeners.0.tags.1.key',
    ],
    ['conf', 'cannot be empty', ''],
    ['conf.listeners', 'cannot be empty', 'listeners'],
    ['conf.listeners[0]', 'multiple listeners for hostname on this port', 'listeners.0'],
    ['conf.listeners[0].port', 'port must be in the range [1, 65535]', 'listeners.0.port'],
    ['conf.listeners[0].protocol', 'cannot be empty', 'listeners.0.protocol'],
    ['conf.listeners[0].hostname', 'invalid hostname', 'listeners.0.hostname'],
    ['conf.listeners[0].tls', 'cannot be empty', 'listeners.0.tlsMode'],
    ['conf.listeners[0].tls.mode', 'cannot be empty', 'listeners.0.tlsMode'],
    [
      'conf.listeners[0].tls.certificates',
      'cannot be empty in TLS termination mode',
      'listeners.0.certificates',
    ],
    [
      'conf.listeners[0].tls.certificates[1]',
      'duplicate TLS certificate "a"',
      'listeners.0.certificates.1.value',
    ],
    ['conf.listeners[0].crossMesh', 'mTLS must be enabled', 'listeners.0.crossMesh'],
    [
      'conf.listeners[0].resources.connectionLimit',
      'conflicting values for this port',
      'listeners.0.connectionLimit',
    ],
    ['somethingElse', 'x', ''],
  ])('%s (%s) → %s', (path, message, field) => {
    expect(meshGatewayField(path, message, gatewayForm)).toBe(field);
  });

  it.each([
    ['name', 'instances.2.name'],
    ['networking.address', 'instances.2.address'],
    ['networking.gateway.tags', 'instances.2.tags'],
    ['networking.gateway.tags["team"]', 'instances.2.tags'],
    ['networking', 'instances.2'],
  ])('gateway Dataplane %s → %s', (path, field) => {
    expect(gatewayInstanceField(path, 2)).toBe(field);
  });

  it.each([
    ['tags', '"kuma.io/service" must not be defined', 'kubernetes.tags'],
    ['tags["kuma.io/service"]', 'tag value must be non-empty', 'kubernetes.tags.0.value'],
    ['spec.replicas', 'Invalid value: 0', 'kubernetes.replicas'],
    ['spec.serviceType', 'Unsupported value', 'kubernetes.serviceType'],
    ['', 'Operation not allowed.', 'kubernetes'],
  ])('MeshGatewayInstance %s → %s', (path, message, field) => {
    expect(meshGatewayInstanceField(path, message, gatewayForm)).toBe(field);
  });
});

const httpForm: HttpRouteForm = {
  ...emptyHttpRouteForm(),
  targetTags: [{ key: 'listener', value: 'a*b' }],
};

describe('MeshHTTPRoute paths → form fields', () => {
  it.each([
    ['name', 'name'],
    ['labels["kuma.io/origin"]', ''],
    ['spec.targetRef.name', 'targetTags'],
    ['spec.targetRef.tags["listener"]', 'targetTags.0.value'],
    ['spec.to', 'entries'],
    ['spec.to[0].hostnames', 'entries.0.hostnames'],
    ['spec.to[0].hostnames[1]', 'entries.0.hostnames.1.value'],
    ['spec.to[0].targetRef.kind', 'entries.0'],
    ['spec.to[0].rules[1]', 'entries.0.rules.1'],
    ['spec.to[0].rules[1].matches[0].path.value', 'entries.0.rules.1.matches.0.pathValue'],
    ['spec.to[0].rules[1].matches[0].method', 'entries.0.rules.1.matches.0.method'],
    [
      'spec.to[0].rules[1].matches[0].queryParams[2].name',
      'entries.0.rules.1.matches.0.queryParams.2.name',
    ],
    [
      'spec.to[0].rules[1].matches[0].headers[0].value',
      'entries.0.rules.1.matches.0.headers.0.value',
    ],
    ['spec.to[0].rules[1].default.backendRefs', 'entries.0.rules.1.backends'],
    ['spec.to[0].rules[1].default.backendRefs[3]', 'entries.0.rules.1.backends.3.name'],
    ['spec.to[0].rules[1].default.backendRefs[3].name', 'entries.0.rules.1.backends.3.name'],
    ['spec.to[0].rules[1].default.backendRefs[3].kind', 'entries.0.rules.1.backends.3.ref'],
    ['spec.to[0].rules[1].default.backendRefs[3].port', 'entries.0.rules.1.backends.3.port'],
    [
      'spec.to[0].rules[1].default.backendRefs[3].namespace',
      'entries.0.rules.1.backends.3.namespace',
    ],
    ['spec.to[0].rules[1].default.filters[0].requestHeaderModifier', 'entries.0.rules.1.filters'],
  ])('%s → %s', (path, field) => {
    expect(httpRouteField(path, 'tag value must be non-empty', httpForm)).toBe(field);
  });
});

describe('MeshTCPRoute paths → form fields', () => {
  it.each([
    ['spec.to[0].rules[0].default.backendRefs', 'backends'],
    ['spec.to[0].rules[0].default.backendRefs[1].name', 'backends.1.name'],
    ['spec.to[0].rules[0].default.backendRefs[1].weight', 'backends.1.weight'],
    ['spec.targetRef.tags', 'targetTags'],
    ['name', 'name'],
  ])('%s → %s', (path, field) => {
    expect(tcpRouteField(path, 'must be defined', emptyTcpRouteForm())).toBe(field);
  });
});

describe('delegated Dataplane paths → form fields', () => {
  const form: DelegatedForm = { ...emptyDelegatedForm(), tags: [{ key: 'env', value: 'a/b' }] };
  it.each([
    ['name', 'name'],
    ['networking.address', 'address'],
    ['networking.gateway.tags', 'service'],
    ['networking.gateway.tags["kuma.io/service"]', 'service'],
    ['networking.gateway.tags["env"]', 'tags.0.value'],
    ['networking.gateway.tags["kuma.io/protocol"]', 'tags'],
    ['networking.outbound', 'outbounds'],
    ['networking.outbound[1].port', 'outbounds.1.port'],
    ['networking.outbound[1].tags', 'outbounds.1.service'],
    ['networking.outbound[1].backendRef', 'outbounds.1.name'],
    ['networking.outbound[1].backendRef.port', 'outbounds.1.targetPort'],
    ['networking.inbound', ''],
  ])('%s → %s', (path, field) => {
    expect(delegatedField(path, 'tag value must consist of …', form)).toBe(field);
  });
});
