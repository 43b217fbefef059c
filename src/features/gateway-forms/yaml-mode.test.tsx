import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../../test/render-app';
import { orderLike, storedDiff } from './yaml-output';

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const EDIT_ADMIN = '/meshes/default/gateways/edge-gateway/routes/http/edge-admin/edit';

const kubernetesRoute = (path: string) => `apiVersion: kuma.io/v1alpha1
kind: MeshHTTPRoute
metadata:
  name: edge-admin
  namespace: kuma-system
  labels:
    kuma.io/mesh: default
spec:
  targetRef:
    kind: MeshGateway
    name: edge-gateway
    tags:
      listener: admin
  to:
    - targetRef:
        kind: Mesh
      rules:
        - matches:
            - path:
                type: Exact
                value: ${path}
          default:
            backendRefs:
              - kind: MeshService
                name: backend
`;

async function openYaml() {
  const switcher = within(await screen.findByTestId('editor-switch'));
  fireEvent.click(switcher.getByRole('button', { name: 'YAML' }));
  return (await screen.findByTestId('yaml-editor')) as HTMLTextAreaElement;
}

describe('YAML mode', () => {
  it('starts from the form, shows an error on its line, diffs against what is stored, applies', async () => {
    const { backend } = renderApp(EDIT_ADMIN);
    const editor = await openYaml();
    expect(editor.value).toMatch(/^type: MeshHTTPRoute\n/m);
    expect(editor.value).toContain('value: /status');

    const broken = kubernetesRoute('status');
    fireEvent.change(editor, { target: { value: broken } });
    const line = broken.split('\n').findIndex((text) => text.includes('value: status')) + 1;
    const issue = within(await screen.findByTestId('yaml-issues')).getByText(
      /must be an absolute path/,
    );
    const item = issue.closest('li') as HTMLElement;
    expect(item).toHaveAttribute('data-line', String(line));
    expect(within(item).getByRole('button', { name: `Line ${line}` })).toBeInTheDocument();
    expect(item).toHaveTextContent('spec.to[0].rules[0].matches[0].path.value');
    const gutter = document.querySelector(`.gwf-yaml__gutter [data-line="${line}"]`);
    expect(gutter).toHaveClass('gwf-yaml__line--error');
    expect(editor).toHaveAttribute('aria-invalid', 'true');

    // Applying with an error writes nothing and jumps to the line.
    fireEvent.click(screen.getByTestId('yaml-apply'));
    expect(backend.requests.filter((request) => request.startsWith('PUT '))).toEqual([]);
    expect(editor.value.slice(editor.selectionStart, editor.selectionEnd)).toContain(
      'value: status',
    );

    fireEvent.change(editor, { target: { value: kubernetesRoute('/healthz') } });
    await waitFor(() => expect(screen.queryByTestId('yaml-issues')).not.toBeInTheDocument());
    const diff = await screen.findByTestId('yaml-mode-diff');
    await waitFor(() => expect(diff).toHaveTextContent('removed: − value: /status'));
    expect(diff).toHaveTextContent('added: + value: /healthz');
    // Only the path changed: labels kuma-cp computes are no change.
    expect(diff).not.toHaveTextContent('kuma.io/origin');
    // Nor is key order: only the path line is removed (defaults kuma-cp fills in may be added).
    expect(
      [...diff.querySelectorAll('.gwf-diff__line--removed')].map((line) =>
        line.textContent?.trimEnd(),
      ),
    ).toEqual(['removed: −                 value: /status']);
    // The flavour shown is the one pasted.
    expect(screen.getByRole('button', { name: 'Kubernetes' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    fireEvent.click(screen.getByTestId('yaml-apply'));
    await screen.findByText(/^Saved: MeshHTTPRoute edge-admin/);
    expect(backend.requests).toContain('PUT /meshes/default/meshhttproutes/edge-admin');
    const stored = backend.world.store.get('MeshHTTPRoute', 'default', 'edge-admin') as unknown as {
      spec: { to: { rules: { matches: { path: { value: string } }[] }[] }[] };
    };
    expect(stored.spec.to[0]?.rules[0]?.matches[0]?.path.value).toBe('/healthz');
  });

  it('switching back to the form keeps what was typed as YAML (the draft)', async () => {
    renderApp(EDIT_ADMIN);
    const editor = await openYaml();
    fireEvent.change(editor, { target: { value: kubernetesRoute('/from-yaml') } });
    fireEvent.click(
      within(screen.getByTestId('editor-switch')).getByRole('button', { name: 'Form' }),
    );
    expect(await screen.findByDisplayValue('/from-yaml')).toBeVisible();
    // And back: the YAML is made again from the form, still with the change.
    expect((await openYaml()).value).toContain('value: /from-yaml');
  });

  it('refuses a kind the form does not write, on its line', async () => {
    renderApp(EDIT_ADMIN);
    const editor = await openYaml();
    fireEvent.change(editor, {
      target: { value: 'type: MeshTCPRoute\nmesh: default\nname: edge-admin\nspec: {}\n' },
    });
    const issue = within(await screen.findByTestId('yaml-issues')).getByText(
      /this form writes MeshHTTPRoute, not MeshTCPRoute/,
    );
    expect(issue.closest('li')).toHaveAttribute('data-line', '1');
  });
});

describe('orderLike', () => {
  it.each([
    [{ b: 1, a: 2 }, { a: 0, b: 0 }, '{"a":2,"b":1}'],
    [{ x: [{ v: 1, t: 2 }] }, { x: [{ t: 0, v: 0 }] }, '{"x":[{"t":2,"v":1}]}'],
    [{ new: 1, a: 2 }, { a: 0 }, '{"a":2,"new":1}'],
    [[3, { b: 1, a: 1 }], undefined, '[3,{"b":1,"a":1}]'],
  ])('%j like %j', (value, template, expected) => {
    expect(JSON.stringify(orderLike(value, template))).toBe(expected);
  });
});

describe('storedDiff', () => {
  const changed = (before: unknown[], after: unknown[]) =>
    storedDiff(before, after)
      .filter((line) => line.kind !== 'same')
      .map((line) => `${line.kind === 'added' ? '+' : '-'}${line.text}`);
  it.each<[string, unknown[], unknown[], string[]]>([
    [
      'the same content in another key order (the wire schema’s against the form’s)',
      [{ type: 'MeshGateway', selectors: [], mesh: 'm', name: 'g', labels: { a: 'b' } }],
      [{ mesh: 'm', name: 'g', type: 'MeshGateway', labels: { a: 'b' }, selectors: [] }],
      [],
    ],
    [
      'a changed value',
      [{ type: 'MeshGateway', mesh: 'm', name: 'g', conf: { limit: 1 } }],
      [{ name: 'g', mesh: 'm', type: 'MeshGateway', conf: { limit: 2 } }],
      ['-  limit: 1', '+  limit: 2'],
    ],
    [
      'a document the form adds',
      [{ type: 'MeshGateway', mesh: 'm', name: 'g' }],
      [
        { type: 'MeshGateway', mesh: 'm', name: 'g' },
        { type: 'Dataplane', mesh: 'm', name: 'g-1' },
      ],
      ['+---', '+type: Dataplane', '+mesh: m', '+name: g-1'],
    ],
  ])('%s', (_case, before, after, lines) => {
    expect(changed(before, after)).toEqual(lines);
  });
});
