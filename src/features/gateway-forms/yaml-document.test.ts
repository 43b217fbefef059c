import { describe, expect, it } from 'vitest';
import { parseKumaVersion } from '../../kuma/version';
import type { FormContext } from './model';
import {
  checkYamlResources,
  documentPath,
  parseResourceYaml,
  type YamlCheckOptions,
} from './yaml-document';

const ctx: FormContext = {
  version: parseKumaVersion('2.14.3'),
  environment: 'universal',
  mode: 'standalone',
  product: 'Kuma',
  mesh: 'default',
  federatedZone: false,
  zoneName: 'default',
  systemNamespace: 'kuma-system',
};

const route = (flavour: 'kubernetes' | 'universal', pathValue: string) =>
  [
    ...(flavour === 'kubernetes'
      ? [
          'apiVersion: kuma.io/v1alpha1',
          'kind: MeshHTTPRoute',
          'metadata:',
          '  name: edge-routes',
          '  namespace: kuma-system',
          '  labels:',
          '    kuma.io/mesh: default',
          '    team: web',
        ]
      : ['type: MeshHTTPRoute', 'mesh: default', 'name: edge-routes', 'labels:', '  team: web']),
    'spec:',
    '  targetRef:',
    '    kind: MeshGateway',
    '    name: edge-gateway',
    '  to:',
    '    - targetRef:',
    '        kind: Mesh',
    '      rules:',
    '        - matches:',
    '            - path:',
    '                type: PathPrefix',
    `                value: ${pathValue}`,
    '          default:',
    '            backendRefs:',
    '              - kind: MeshService',
    '                name: backend',
    '                port: 8080',
    '',
  ].join('\n');

const options = (overrides: Partial<YamlCheckOptions> = {}): YamlCheckOptions => ({
  kinds: ['MeshHTTPRoute'],
  ctx,
  isNew: () => true,
  ...overrides,
});

const EXPECTED_RESOURCE = {
  type: 'MeshHTTPRoute',
  mesh: 'default',
  name: 'edge-routes',
  labels: { team: 'web' },
  spec: {
    targetRef: { kind: 'MeshGateway', name: 'edge-gateway' },
    to: [
      {
        targetRef: { kind: 'Mesh' },
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
            default: { backendRefs: [{ kind: 'MeshService', name: 'backend', port: 8080 }] },
          },
        ],
      },
    ],
  },
};

describe('parseResourceYaml: both forms give the REST resource', () => {
  it.each(['kubernetes', 'universal'] as const)('%s form', (flavour) => {
    const parsed = parseResourceYaml(route(flavour, '/api'), 'default');
    expect(parsed.issues).toEqual([]);
    expect(parsed.resources.map((entry) => entry.resource)).toEqual([EXPECTED_RESOURCE]);
    expect(parsed.resources[0]?.flavour).toBe(flavour);
    expect(checkYamlResources(parsed, options())).toEqual([]);
  });
});

describe('checkYamlResources: messages on the exact line', () => {
  it.each([
    // Kubernetes form: `value: api` is line 20; Universal form: line 17.
    { flavour: 'kubernetes' as const, line: 20 },
    { flavour: 'universal' as const, line: 17 },
  ])("Kuma's validator on a $flavour document", ({ flavour, line }) => {
    const text = route(flavour, 'api');
    const issues = checkYamlResources(parseResourceYaml(text, 'default'), options());
    expect(issues).toEqual([
      {
        line,
        severity: 'error',
        message: 'must be an absolute path',
        kumaPath: 'spec.to[0].rules[0].matches[0].path.value',
      },
    ]);
    expect(text.split('\n')[line - 1]).toContain('value: api');
  });

  const cases: {
    name: string;
    text: string;
    overrides?: Partial<YamlCheckOptions>;
    expected: { line: number; severity: 'error' | 'warning'; message: string | RegExp }[];
  }[] = [
    {
      name: 'a YAML syntax error',
      text: 'type: MeshHTTPRoute\nname: [a\nmesh: default\n',
      expected: [{ line: 3, severity: 'error', message: /flow sequence/i }],
    },
    {
      name: 'a kind this form does not write',
      text: 'type: MeshTCPRoute\nmesh: default\nname: r\nspec: {}\n',
      expected: [
        { line: 1, severity: 'error', message: 'this form writes MeshHTTPRoute, not MeshTCPRoute' },
      ],
    },
    {
      name: "another mesh than the form's, on the kuma.io/mesh label",
      text: route('kubernetes', '/api').replace('kuma.io/mesh: default', 'kuma.io/mesh: other'),
      expected: [
        { line: 7, severity: 'error', message: 'this form writes to mesh default, not other' },
      ],
    },
    {
      name: 'edit: a stored resource keeps its name',
      text: route('kubernetes', '/api'),
      overrides: { storedName: 'old-name' },
      expected: [
        { line: 4, severity: 'error', message: 'a stored resource keeps its name: old-name' },
      ],
    },
    {
      name: 'a wrong apiVersion',
      text: route('kubernetes', '/api').replace('kuma.io/v1alpha1', 'v1'),
      expected: [{ line: 1, severity: 'error', message: /^apiVersion must be kuma\.io\/v1alpha1/ }],
    },
    {
      name: 'an empty text',
      text: '',
      expected: [{ line: 1, severity: 'error', message: 'paste or write a resource' }],
    },
    {
      name: 'a MeshGateway certificate naming a secret the mesh lacks: a warning on its line',
      text: [
        'type: MeshGateway',
        'mesh: default',
        'name: gw',
        'selectors:',
        '  - match:',
        '      kuma.io/service: gw',
        'conf:',
        '  listeners:',
        '    - port: 443',
        '      protocol: HTTPS',
        '      hostname: shop.example.com',
        '      tls:',
        '        mode: TERMINATE',
        '        certificates:',
        '          - secret: nope',
      ].join('\n'),
      overrides: { kinds: ['MeshGateway'], secretNames: ['shop-cert'] },
      expected: [
        { line: 15, severity: 'warning', message: /^no secret named nope in mesh default/ },
      ],
    },
  ];
  it.each(cases)('$name', ({ text, overrides, expected }) => {
    const issues = checkYamlResources(parseResourceYaml(text, 'default'), options(overrides));
    expect(issues).toHaveLength(expected.length);
    expected.forEach((want, i) => {
      const issue = issues[i];
      expect(issue?.line).toBe(want.line);
      expect(issue?.severity).toBe(want.severity);
      if (typeof want.message === 'string') expect(issue?.message).toBe(want.message);
      else expect(issue?.message).toMatch(want.message);
    });
  });
});

describe('documentPath', () => {
  it.each([
    ['spec.to[0].targetRef', 'kubernetes', 'MeshHTTPRoute', ['spec', 'to', 0, 'targetRef']],
    ['name', 'kubernetes', 'MeshHTTPRoute', ['metadata', 'name']],
    ['mesh', 'kubernetes', 'MeshHTTPRoute', ['metadata', 'labels', 'kuma.io/mesh']],
    ['mesh', 'kubernetes', 'MeshGateway', ['mesh']],
    [
      'labels["kuma.io/origin"]',
      'kubernetes',
      'MeshHTTPRoute',
      ['metadata', 'labels', 'kuma.io/origin'],
    ],
    [
      'conf.listeners[1].port',
      'kubernetes',
      'MeshGateway',
      ['spec', 'conf', 'listeners', 1, 'port'],
    ],
    ['conf.listeners[1].port', 'universal', 'MeshGateway', ['conf', 'listeners', 1, 'port']],
  ] as const)('%s (%s %s)', (path, flavour, type, expected) => {
    expect(documentPath(path, flavour, type)).toEqual(expected);
  });
});
