import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type DemoBackend, demoBackend } from '../../test/demo-backend';
import { renderApp } from '../../test/render-app';

// mermaid cannot render in jsdom (no layout engine): a fake that returns a tiny SVG.
const mermaid = vi.hoisted(() => ({
  initialize: vi.fn(),
  parse: vi.fn(async (_text: string) => ({ diagramType: 'flowchart-v2' })),
  render: vi.fn(async (id: string, _text: string) => ({
    svg: `<svg id="${id}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50"><text>fake diagram</text></svg>`,
  })),
}));
vi.mock('mermaid', () => ({ default: mermaid }));

// The interactive canvas (React Flow, ELK) is the layout's business: a stand-in shows what the
// page hands it, and counts how often its module was loaded.
const canvas = vi.hoisted(() => ({ loads: 0 }));
vi.mock('./topology-canvas', () => {
  canvas.loads += 1;
  return {
    TopologyCanvas: (props: {
      view: { nodes: { id: string }[] };
      dimmed?: ReadonlySet<string>;
      hold?: boolean;
    }) => (
      <div
        data-testid="canvas-stand-in"
        data-nodes={props.view.nodes.length}
        data-dimmed={[...(props.dimmed ?? [])].sort().join(' ')}
        data-hold={String(Boolean(props.hold))}
      />
    ),
  };
});

async function mermaidText(): Promise<string> {
  const figure = await screen.findByText(/^Mermaid \(flowchart/);
  const block = figure.closest('figure');
  if (!block) throw new Error('no code block');
  return within(block).getByText(/flowchart LR/, { selector: 'code' }).textContent ?? '';
}

beforeEach(() => {
  mermaid.initialize.mockClear();
  mermaid.render.mockClear();
  localStorage.clear();
});

afterEach(() => vi.unstubAllGlobals());

describe('topology page, mermaid view', () => {
  it('shows the docs-style flowchart for the docs scenario, rendered by mermaid', async () => {
    renderApp('/topology?tab=mermaid', demoBackend({ scenario: 'docs-builtin' }));
    expect(await screen.findByRole('heading', { name: 'Topology' })).toBeInTheDocument();
    const text = await mermaidText();
    expect(text).toMatch(/^flowchart LR\n/);
    for (const line of [
      'CLIENT(["Client"])',
      'KGW["Kong Gateway"]',
      'CLIENT --> KGW',
      'subgraph M1["team-1 service mesh"]',
      'BG1["Built-in gateway<br/>team-1-gateway"]',
      'S1["Service<br/>frontend"] --- D1["KUMA-DP<br/>frontend-1"]',
      'D1 <-.-> D2["KUMA-DP<br/>backend-1"]',
      'BG1 -.-> D1 & D3',
      'subgraph M2["team-2 service mesh"]',
      'KGW --> BG1 & BG2',
      'BG1 <-.-> BG2',
      'linkStyle 0,1,3,4,6,9,11,12,14,17,18 stroke-width:2px!important,stroke:#86e2cc!important',
      'linkStyle 2,5,7,8,10,13,15,16,19 stroke-width:3px!important',
    ]) {
      expect(text).toContain(line);
    }

    const diagram = await screen.findByTestId('mermaid');
    await waitFor(() => expect(diagram).toHaveAttribute('data-rendered', 'true'));
    expect(diagram.querySelector('svg')).toHaveTextContent('fake diagram');
    expect(mermaid.render).toHaveBeenCalledWith(
      expect.stringMatching(/^topology-mermaid-\d+$/),
      text,
    );
    expect(mermaid.initialize).toHaveBeenCalledTimes(1);
    expect(mermaid.initialize).toHaveBeenCalledWith(
      expect.objectContaining({
        startOnLoad: false,
        securityLevel: 'strict',
        theme: 'base',
        look: 'classic',
        layout: 'dagre',
        maxEdges: 2000,
        themeVariables: expect.objectContaining({
          primaryColor: '#fff',
          primaryBorderColor: '#4a86e8',
          primaryTextColor: '#495c64',
          lineColor: '#99b0c0',
        }),
      }),
    );

    expect(screen.getByRole('button', { name: 'Copy mermaid to clipboard' })).toHaveTextContent(
      'Copy mermaid',
    );
    // The exports need the rendered SVG, which lands a render after `data-rendered`.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Export SVG' })).toBeEnabled());
    expect(screen.getByRole('button', { name: 'Export PNG' })).toBeEnabled();
  });

  it('draws only the meshes of ?mesh=', async () => {
    renderApp('/topology?tab=mermaid&mesh=team-2', demoBackend({ scenario: 'docs-builtin' }));
    const text = await mermaidText();
    expect(text).toContain('subgraph M1["team-2 service mesh"]');
    expect(text).not.toContain('team-1');
    expect(text).toContain('KGW --> BG1');
  });

  it('labels delegated gateways as the second docs flowchart does', async () => {
    renderApp('/topology?tab=mermaid', demoBackend({ scenario: 'docs-delegated' }));
    const text = await mermaidText();
    expect(text).toContain('DG1["Delegated gateway<br/>team-1-kong"]');
    expect(text).toContain('DG1 <--> DG2');
  });

  it('copies the mermaid text', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderApp('/topology?tab=mermaid', demoBackend({ scenario: 'docs-builtin' }));
    const text = await mermaidText();
    fireEvent.click(screen.getByRole('button', { name: 'Copy mermaid to clipboard' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(text));
  });

  it('says once that a 3.x control plane has delegated gateways only', async () => {
    renderApp(
      '/topology?tab=mermaid',
      demoBackend({ scenario: 'docs-delegated', kumaVersion: '3.0.1' }),
    );
    expect(await screen.findByTestId('topology-no-builtin')).toHaveTextContent(
      'only delegated gateways exist on this control plane',
    );
    expect(screen.getAllByTestId('topology-no-builtin')).toHaveLength(1);
    expect(screen.queryByLabelText('Gateways')).not.toBeInTheDocument();
  });

  it('says so when there is no mesh', async () => {
    renderApp('/topology?tab=mermaid', demoBackend({ scenario: 'empty' }));
    expect(await screen.findByText('This control plane has no meshes yet.')).toBeInTheDocument();
    expect(mermaid.render).not.toHaveBeenCalled();
  });

  it('waits for the details of the mesh it draws instead of drawing its gateways alone first', async () => {
    renderApp('/topology?tab=mermaid&mesh=team-2', demoBackend({ scenario: 'docs-delegated' }));
    const diagram = await screen.findByTestId('mermaid');
    await waitFor(() => expect(diagram).toHaveAttribute('data-rendered', 'true'));
    expect(mermaid.render).toHaveBeenCalledTimes(1);
    expect(mermaid.render.mock.calls[0]?.[1]).toContain('Service<br/>portal');
  });

  it('folds each service with its KUMA-DP in a large diagram, the docs form one click away', async () => {
    renderApp(
      '/topology?tab=mermaid&mesh=mesh-01',
      demoBackend({ scenario: 'large', large: { meshes: 2, services: 80, dataplanes: 100 } }),
    );
    await waitFor(async () => expect(await mermaidText()).toContain('Service svc-001<br/>KUMA-DP'));
    expect(await mermaidText()).not.toContain('---');
    fireEvent.click(screen.getByLabelText(/Each service apart from its KUMA-DP/));
    await waitFor(async () =>
      expect(await mermaidText()).toContain('S1["Service<br/>svc-001"] --- D1'),
    );
  });

  it('starts loading a mesh whose "Only" button the pointer rests on, and draws it from that on the click', async () => {
    // Above 300 dataplanes the meshes start collapsed, and 60 of them are too many to draw.
    const backend = demoBackend({
      scenario: 'large',
      large: { meshes: 60, services: 120, dataplanes: 400 },
    });
    renderApp('/topology?tab=mermaid', backend);
    const only = (mesh: string) => screen.findByRole('button', { name: `Only ${mesh}` });
    const structure = (mesh: string) =>
      backend.requests.filter((request) =>
        request.startsWith(`GET /meshes/${mesh}/dataplanes/_overview`),
      ).length;
    // Crossing a button asks for nothing.
    const crossed = await only('mesh-08');
    fireEvent.pointerEnter(crossed);
    fireEvent.pointerLeave(crossed);
    const rested = await only('mesh-07');
    fireEvent.pointerEnter(rested);
    expect(structure('mesh-07')).toBe(0);
    await waitFor(() => expect(structure('mesh-07')).toBe(1));
    fireEvent.click(rested);
    const diagram = await screen.findByTestId('mermaid');
    await waitFor(() => expect(diagram).toHaveAttribute('data-rendered', 'true'));
    expect(await mermaidText()).toContain('mesh-07 service mesh');
    expect(structure('mesh-07')).toBe(1);
    expect(structure('mesh-08')).toBe(0);
  });

  it('never loads the interactive canvas (nor ELK through it)', () => {
    // Every test above rendered the mermaid tab only.
    expect(canvas.loads).toBe(0);
  });
});

describe('topology page, interactive view', () => {
  it('is asked for its mesh list and gateways by its route before it renders, and asks for nothing twice', async () => {
    // Above 300 dataplanes: meshes start collapsed, ?expand= draws mesh-02 in full.
    const backend = demoBackend({
      scenario: 'large',
      large: { meshes: 5, services: 25, dataplanes: 400 },
    });
    const asked: { path: string; pageShown: boolean }[] = [];
    const recording: DemoBackend = {
      ...backend,
      fetch: ((input: RequestInfo | URL, init?: RequestInit) => {
        const pageShown = screen.queryByRole('heading', { name: 'Topology' }) !== null;
        asked.push({ path: String(input), pageShown });
        return backend.fetch(input, init);
      }) as typeof fetch,
    };
    renderApp('/topology?expand=mesh-02', recording);
    const stand = await screen.findByTestId('canvas-stand-in');
    await waitFor(() => expect(stand).toHaveAttribute('data-hold', 'false'));
    const first = (pattern: RegExp) => asked.find((entry) => pattern.test(entry.path));
    expect(first(/^\/api\/meshes\?/)?.pageShown).toBe(false);
    expect(first(/^\/api\/meshgateways\?/)?.pageShown).toBe(false);
    const times = (prefix: string) =>
      backend.requests.filter((request) => request.startsWith(`GET ${prefix}`)).length;
    expect(times('/meshes?')).toBe(1);
    expect(times('/meshgateways?')).toBe(1);
    expect(times('/meshes/mesh-02/dataplanes/_overview')).toBe(1);
    expect(times('/meshes/mesh-02/service-insights')).toBe(1);
    expect(times('/meshes/mesh-01/')).toBe(0);
  });

  it('dims what a health filter does not match, and draws the same nodes as without it', async () => {
    const backend = demoBackend({ scenario: 'mixed', seed: 42 });
    const { router } = renderApp('/topology', backend);
    const stand = await screen.findByTestId('canvas-stand-in');
    await waitFor(() => expect(stand).toHaveAttribute('data-hold', 'false'));
    const nodes = stand.getAttribute('data-nodes');
    expect(stand).toHaveAttribute('data-dimmed', '');
    await router.navigate('/topology?health=offline');
    await waitFor(() =>
      expect(screen.getByTestId('canvas-stand-in').getAttribute('data-dimmed')).toContain(
        'sidecar:default/frontend',
      ),
    );
    const dimmed = screen.getByTestId('canvas-stand-in');
    expect(dimmed).toHaveAttribute('data-nodes', nodes);
    // The edge and the client never dim; payments' only proxy is offline, so it stays lit.
    expect(dimmed.getAttribute('data-dimmed')?.split(' ')).not.toContain('edge');
    expect(dimmed.getAttribute('data-dimmed')?.split(' ')).not.toContain(
      'sidecar:default/payments',
    );
  });

  it('expands at most a budget of services on "Expand all", and says what it left out', async () => {
    const backend = demoBackend({
      scenario: 'large',
      large: { meshes: 20, services: 1000, dataplanes: 1100 },
    });
    const { router } = renderApp('/topology', backend);
    await screen.findByTestId('canvas-stand-in');
    fireEvent.click(await screen.findByRole('button', { name: 'Expand all' }));
    const note = await screen.findByTestId('expand-all-cap');
    const [, expanded, meshes, services, total] =
      /Expanded (\d+) of (\d+) meshes \(([\d,]+) of ([\d,]+) services\)/.exec(
        note.textContent ?? '',
      ) ?? [];
    expect(Number(meshes)).toBe(20);
    expect(Number(expanded)).toBeGreaterThan(1);
    expect(Number(expanded)).toBeLessThan(20);
    expect(Number(services?.replace(',', ''))).toBeLessThanOrEqual(600);
    expect(Number(total?.replace(',', ''))).toBeGreaterThanOrEqual(1000);
    const expand = new URLSearchParams(router.state.location.search).get('expand')?.split(',');
    expect(expand).toHaveLength(Number(expanded));
    expect(expand?.[0]).toBe('mesh-01');
    fireEvent.click(screen.getByRole('button', { name: 'Collapse all' }));
    await waitFor(() => expect(screen.queryByTestId('expand-all-cap')).not.toBeInTheDocument());
  });
});
