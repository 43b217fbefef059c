import { describe, expect, it } from 'vitest';
import { KumaClient } from '../../kuma/client';
import {
  canonicalJson,
  hashText,
  normalizeStored,
  sameVersion,
  versionOf,
} from '../../kuma/mutations/resource-version';
import { findConflicts, type WriteItem, writeItems } from '../../kuma/mutations/writes';
import { draftKey, restoreSecrets, withoutSecrets } from './drafts';
import { diffLines, diffText, foldUnchanged, hasChanges } from './line-diff';
import { applyCommand, deleteCommand, shellQuote } from './resource-text';
import { displayYaml, kubernetesObject, yamlStream } from './yaml-output';

describe('line diff', () => {
  it.each([
    ['', '', []],
    ['a\n', 'a\n', [{ kind: 'same', text: 'a' }]],
    [
      'a\nb\nc\n',
      'a\nx\nc\nd\n',
      [
        { kind: 'same', text: 'a' },
        { kind: 'removed', text: 'b' },
        { kind: 'added', text: 'x' },
        { kind: 'same', text: 'c' },
        { kind: 'added', text: 'd' },
      ],
    ],
    [
      'a\nb',
      '',
      [
        { kind: 'removed', text: 'a' },
        { kind: 'removed', text: 'b' },
      ],
    ],
  ] as const)('%j → %j', (before, after, lines) => {
    expect(diffLines(before, after)).toEqual(lines);
  });

  it('folds long unchanged runs, keeping context around changes', () => {
    const before = `${Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n')}\n`;
    const after = before.replace('line 10\n', 'line ten\n');
    const hunks = foldUnchanged(diffLines(before, after), 2);
    expect(hunks.map((hunk) => (hunk.kind === 'skipped' ? hunk.count : hunk.lines.length))).toEqual(
      [8, 6, 7],
    );
    expect(hunks[1]).toEqual({
      kind: 'lines',
      lines: [
        { kind: 'same', text: 'line 8' },
        { kind: 'same', text: 'line 9' },
        { kind: 'removed', text: 'line 10' },
        { kind: 'added', text: 'line ten' },
        { kind: 'same', text: 'line 11' },
        { kind: 'same', text: 'line 12' },
      ],
    });
  });

  it('says whether anything changed and prints a unified diff', () => {
    const lines = diffLines('port: 80\n', 'port: 8080\n');
    expect(hasChanges(lines)).toBe(true);
    expect(hasChanges(diffLines('x\n', 'x\n'))).toBe(false);
    expect(diffText(lines)).toBe('- port: 80\n+ port: 8080');
  });
});

describe('drafts', () => {
  it('keys drafts by control plane, mesh, type and name', () => {
    expect(draftKey('Kuma|2.14.3|c|i', 'default', 'MeshGateway', undefined)).toBe(
      'kuma-dashboard:draft:Kuma|2.14.3|c|i:default:MeshGateway:new',
    );
    expect(draftKey('cp', 'm', 'MeshHTTPRoute', 'edge-routes')).toBe(
      'kuma-dashboard:draft:cp:m:MeshHTTPRoute:edge-routes',
    );
  });

  it('never keeps inline certificate material, and puts it back from the stored resource', () => {
    const values = {
      listeners: [
        {
          certificates: [
            { source: 'secret', value: 'shop-cert' },
            { source: 'inline', value: 'LS0tLS1CRUdJTi…' },
            { source: 'inlineString', value: '-----BEGIN PRIVATE KEY-----' },
          ],
        },
      ],
    };
    const stored = withoutSecrets(values);
    expect(JSON.stringify(stored)).not.toContain('BEGIN');
    expect(stored.listeners[0]?.certificates).toEqual([
      { source: 'secret', value: 'shop-cert' },
      { source: 'inline', value: '', redacted: true },
      { source: 'inlineString', value: '', redacted: true },
    ]);
    const fresh = {
      listeners: [
        {
          certificates: [
            { source: 'secret', value: 'other' },
            { source: 'inline', value: 'LS0tLS1CRUdJTi…' },
            { source: 'secret', value: 'replaced' },
          ],
        },
      ],
    };
    expect(restoreSecrets(stored, fresh).listeners[0]?.certificates).toEqual([
      { source: 'secret', value: 'shop-cert' },
      { source: 'inline', value: 'LS0tLS1CRUdJTi…' },
      { source: 'inlineString', value: '', redacted: true },
    ]);
  });

  it('fingerprints text stably', () => {
    expect(hashText('abc')).toBe(hashText('abc'));
    expect(hashText('abc')).not.toBe(hashText('abd'));
    expect(hashText('')).toMatch(/^[0-9a-f]{8}$/);
  });
});

describe('stored versions', () => {
  const stored = {
    type: 'MeshHTTPRoute',
    mesh: 'default',
    name: 'r',
    creationTime: '2026-01-01T00:00:00Z',
    modificationTime: '2026-01-01T00:00:00Z',
    kri: 'kri_mhttpr_default___r_',
    labels: { 'kuma.io/origin': 'zone', 'kuma.io/mesh': 'default', 'kuma.io/env': 'universal' },
    spec: { b: 1, a: 2 },
  };

  it('leaves out what the control plane sets', () => {
    expect(normalizeStored(stored)).toEqual({
      type: 'MeshHTTPRoute',
      mesh: 'default',
      name: 'r',
      labels: { 'kuma.io/origin': 'zone' },
      spec: { b: 1, a: 2 },
    });
    expect(canonicalJson({ b: 1, a: { d: 1, c: 2 } })).toBe('{"a":{"c":2,"d":1},"b":1}');
  });

  it('sees a change in content, not a new modification time over the same content', () => {
    const base = versionOf(stored);
    expect(sameVersion(base, { ...stored, kri: 'other' })).toBe(true);
    expect(sameVersion(base, { ...stored, spec: { a: 2, b: 1 } } as typeof stored)).toBe(true);
    expect(sameVersion(base, { ...stored, spec: { a: 3, b: 1 } } as typeof stored)).toBe(false);
    // kuma-cp moves modificationTime on every PUT, also one writing the same content again:
    // writing over an identical copy loses nothing, so it is no conflict.
    expect(sameVersion(base, { ...stored, modificationTime: '2026-01-02T00:00:00Z' })).toBe(true);
    expect(sameVersion({ hash: base.hash }, { ...stored, modificationTime: 'later' })).toBe(true);
  });
});

describe('YAML and commands', () => {
  const gateway = {
    type: 'MeshGateway',
    mesh: 'default',
    name: 'edge',
    conf: {
      listeners: [
        {
          port: 443,
          protocol: 'HTTPS',
          tls: { mode: 'TERMINATE', certificates: [{ inline: 'c2VjcmV0' }] },
        },
      ],
    },
  };

  it('never shows inline certificate data', () => {
    const yaml = displayYaml([gateway]);
    expect(yaml).not.toContain('c2VjcmV0');
    expect(yaml).toContain('inline: (redacted by the dashboard)');
  });

  it('writes several documents as one stream', () => {
    expect(yamlStream([{ a: 1 }, { b: 2 }])).toBe('a: 1\n---\nb: 2\n');
  });

  it('renders Kubernetes objects, without the namespace suffix of a stored name', () => {
    expect(kubernetesObject(gateway, 'kuma-system')).toMatchObject({
      kind: 'MeshGateway',
      mesh: 'default',
      metadata: { name: 'edge' },
    });
    expect(
      kubernetesObject(
        {
          type: 'MeshHTTPRoute',
          mesh: 'team-a',
          name: 'edge-routes.kong-mesh-system',
          spec: {},
        } as never,
        'kong-mesh-system',
      ),
    ).toEqual({
      apiVersion: 'kuma.io/v1alpha1',
      kind: 'MeshHTTPRoute',
      metadata: {
        name: 'edge-routes',
        namespace: 'kong-mesh-system',
        labels: { 'kuma.io/mesh': 'team-a' },
      },
      spec: {},
    });
  });

  it('writes apply and delete commands', () => {
    expect(applyCommand('kubectl', 'a: 1\n')).toBe("kubectl apply -f - <<'EOF'\na: 1\nEOF\n");
    expect(applyCommand('kumactl', 'a: 1')).toBe("kumactl apply -f - <<'EOF'\na: 1\nEOF\n");
    expect(
      deleteCommand('kumactl', { type: 'MeshGateway', mesh: 'm', name: 'g' }, 'kuma-system'),
    ).toBe('kumactl delete meshgateway g -m m');
    expect(
      deleteCommand('kubectl', { type: 'MeshGateway', mesh: 'm', name: 'g' }, 'kuma-system'),
    ).toBe('kubectl delete meshgateway g');
    expect(
      deleteCommand(
        'kubectl',
        { type: 'MeshHTTPRoute', mesh: 'm', name: 'r.kuma-system' },
        'kuma-system',
      ),
    ).toBe('kubectl delete meshhttproute r -n kuma-system');
  });

  it.each([
    ['edge-gateway', 'edge-gateway'],
    ['kuma.io/service=edge_kuma-demo_svc', 'kuma.io/service=edge_kuma-demo_svc'],
    ['user@host:1%+', 'user@host:1%+'],
    ['', "''"],
    ['a b', "'a b'"],
    ['$(id)', "'$(id)'"],
    ['`id`;x', "'`id`;x'"],
    ["it's", "'it'\\''s'"],
    ["'", "''\\'''"],
    ['<name>.yaml', "'<name>.yaml'"],
    ['"]; click BG1 call alert(1)', `'"]; click BG1 call alert(1)'`],
    ['a\nb', "'a\nb'"],
  ])('shellQuote(%j) → %s', (value, quoted) => {
    expect(shellQuote(value)).toBe(quoted);
  });

  it('quotes every value of a delete command', () => {
    const name = '"]; click BG1 call alert(1) \'';
    expect(deleteCommand('kumactl', { type: 'MeshGateway', mesh: 'a b', name }, 'ns')).toBe(
      `kumactl delete meshgateway '"]; click BG1 call alert(1) '\\''' -m 'a b'`,
    );
    expect(deleteCommand('kubectl', { type: 'MeshGateway', name }, 'ns')).toBe(
      `kubectl delete meshgateway '"]; click BG1 call alert(1) '\\'''`,
    );
    expect(deleteCommand('kubectl', { type: 'MeshHTTPRoute', name: 'r;x.ns' }, 'ns')).toBe(
      "kubectl delete meshhttproute 'r;x' -n ns",
    );
  });
});

describe('writes', () => {
  function fakeClient(answers: Record<string, { status: number; body?: unknown }>) {
    const calls: string[] = [];
    const client = new KumaClient({
      baseUrl: '',
      getToken: () => undefined,
      fetch: (async (url: string, init?: RequestInit) => {
        const method = init?.method ?? 'GET';
        calls.push(`${method} ${url}`);
        const answer = answers[`${method} ${url}`] ?? { status: 404, body: { title: 'Not found' } };
        return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
          status: answer.status,
        });
      }) as typeof fetch,
    });
    return { client, calls };
  }

  const item = (name: string, base?: WriteItem['base']): WriteItem => ({
    resource: { type: 'MeshGateway', mesh: 'm', name },
    label: `MeshGateway ${name}`,
    path: `/meshes/m/meshgateways/${name}`,
    base,
    toField: (path) => `field-of:${path}`,
  });

  it("shows the control plane's warnings, and maps its invalid_parameters to fields", async () => {
    const { client, calls } = fakeClient({
      'PUT /meshes/m/meshgateways/a': {
        status: 200,
        body: { warnings: ['field x is deprecated'] },
      },
      'PUT /meshes/m/meshgateways/b': {
        status: 400,
        body: {
          type: '/std-errors',
          status: 400,
          title: 'Could not create a resource',
          detail: 'Resource is not valid',
          invalid_parameters: [
            { field: 'conf.listeners[0].port', reason: 'port must be in the range [1, 65535]' },
          ],
        },
      },
    });
    const outcome = await writeItems(client, [item('a'), item('b'), item('c')]);
    expect(calls).toEqual(['PUT /meshes/m/meshgateways/a', 'PUT /meshes/m/meshgateways/b']);
    expect(outcome.written.map((w) => w.item.resource.name)).toEqual(['a']);
    expect(outcome.warnings).toEqual(['MeshGateway a: field x is deprecated']);
    expect(outcome.failure).toMatchObject({
      message: 'Could not create a resource: Resource is not valid',
      readOnly: false,
      issues: [
        {
          field: 'field-of:conf.listeners[0].port',
          message: 'port must be in the range [1, 65535]',
          kumaPath: 'conf.listeners[0].port',
          severity: 'error',
        },
      ],
    });
  });

  it('finds what changed, appeared or went away since the form was opened', async () => {
    const stored = { type: 'MeshGateway', mesh: 'm', name: 'same', modificationTime: 't1' };
    const { client } = fakeClient({
      'GET /meshes/m/meshgateways/same': { status: 200, body: stored },
      'GET /meshes/m/meshgateways/changed': {
        status: 200,
        body: { ...stored, name: 'changed', modificationTime: 't2', tags: { owner: 'other' } },
      },
      'GET /meshes/m/meshgateways/exists': { status: 200, body: { ...stored, name: 'exists' } },
      'GET /meshes/m/meshgateways/resaved': {
        status: 200,
        body: { ...stored, name: 'resaved', modificationTime: 't3' },
      },
    });
    const conflicts = await findConflicts(client, [
      item('same', versionOf(stored)),
      item('changed', versionOf({ ...stored, name: 'changed' })),
      item('deleted', versionOf({ ...stored, name: 'deleted' })),
      item('exists'),
      item('new'),
      item('resaved', versionOf({ ...stored, name: 'resaved' })),
    ]);
    expect(conflicts.map((c) => [c.item.resource.name, c.current?.name])).toEqual([
      ['changed', 'changed'],
      ['deleted', undefined],
      ['exists', 'exists'],
    ]);
  });
});
