import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, type DemoOptions } from '../../demo-cp/src/options';
import { loadScenario } from '../../demo-cp/src/scenarios';
import { controlPlaneSnapshot } from '../../demo-cp/src/snapshot';
import { World } from '../../demo-cp/src/world';
import { buildTopology } from './build-topology';
import { readFlowchart } from './mermaid-structure';
import {
  escapeMermaidLabel,
  MANAGED_LINK_STYLE,
  toMermaid,
  UNMANAGED_LINK_STYLE,
} from './to-mermaid';
import { CLIENT_ID, EDGE_ID, type TopologyGraph } from './types';

function graphOf(options: Partial<DemoOptions>): TopologyGraph {
  const world = new World({ ...DEFAULT_OPTIONS, startTime: 0, ...options });
  loadScenario(world, world.options.scenario);
  world.tick();
  return buildTopology(controlPlaneSnapshot(world));
}

function diagramOf(options: Partial<DemoOptions>) {
  return toMermaid(graphOf(options));
}

/** The docs' two flowcharts as facts: their links in order, and their subgraph nesting. */
function docsLinks(gateway: 'BG' | 'DG', peerArrow: string): string[] {
  const mesh = (m: number) => {
    const s = (n: number) => 4 * (m - 1) + n;
    return [
      `S${s(1)} --- D${s(1)}`,
      `D${s(1)} <-.-> D${s(2)}`,
      `D${s(2)} --- S${s(2)}`,
      `S${s(3)} --- D${s(3)}`,
      `D${s(3)} <-.-> D${s(4)}`,
      `D${s(4)} --- S${s(4)}`,
      `${gateway}${m} -.-> D${s(1)}`,
      `${gateway}${m} -.-> D${s(3)}`,
    ];
  };
  return [
    'CLIENT --> KGW',
    ...mesh(1),
    ...mesh(2),
    `KGW --> ${gateway}1`,
    `KGW --> ${gateway}2`,
    `${gateway}1 ${peerArrow} ${gateway}2`,
  ];
}

function docsSubgraphs(gateway: 'BG' | 'DG') {
  return new Map([
    ['M1', [`${gateway}1`, 'sg1a', 'sg1b']],
    ['sg1a', ['S1', 'D1', 'D2', 'S2']],
    ['sg1b', ['S3', 'D3', 'D4', 'S4']],
    ['M2', [`${gateway}2`, 'sg2a', 'sg2b']],
    ['sg2a', ['S5', 'D5', 'D6', 'S6']],
    ['sg2b', ['S7', 'D7', 'D8', 'S8']],
  ]);
}

const DOCS_PAGE = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../shared/docs/seed-ingress-traffic.md',
);

function docsFlowcharts(): string[] {
  const page = readFileSync(DOCS_PAGE, 'utf8');
  return [...page.matchAll(/flowchart LR[\s\S]*?linkStyle[^\n]*\n[^\n]*linkStyle[^\n]*/g)].map(
    (match) => match[0],
  );
}

describe('toMermaid reproduces the docs flowcharts', () => {
  it.each([
    ['docs-builtin', 'BG', '<-.->', 9, 11],
    ['docs-delegated', 'DG', '<-->', 8, 12],
  ] as const)(
    '%s: same nodes, subgraphs and links',
    (scenario, gateway, peerArrow, managed, unmanaged) => {
      const diagram = diagramOf({ scenario });
      const structure = readFlowchart(diagram.text);
      expect(structure.links.map((link) => `${link.from} ${link.arrow} ${link.to}`)).toEqual(
        docsLinks(gateway, peerArrow),
      );
      expect(structure.subgraphs).toEqual(docsSubgraphs(gateway));
      expect(diagram.text.startsWith('flowchart LR\n')).toBe(true);
      expect(diagram.linkCount).toBe(20);
      expect(diagram.managedLinks).toHaveLength(managed);
      expect(diagram.unmanagedLinks).toHaveLength(unmanaged);
      expect(structure.styles).toEqual([
        { indices: diagram.unmanagedLinks, style: UNMANAGED_LINK_STYLE },
        { indices: diagram.managedLinks, style: MANAGED_LINK_STYLE },
      ]);
    },
  );

  it('matches the flowcharts on the docs page itself, when the page is beside the project', () => {
    if (!existsSync(DOCS_PAGE)) return;
    const flowcharts = docsFlowcharts();
    // The page has one flowchart per gateway kind; finding fewer means the extraction broke.
    expect(flowcharts).toHaveLength(2);
    const [builtin, delegated] = flowcharts.map(readFlowchart);
    for (const [docs, scenario] of [
      [builtin, 'docs-builtin'],
      [delegated, 'docs-delegated'],
    ] as const) {
      const ours = readFlowchart(diagramOf({ scenario }).text);
      expect(ours.links).toEqual(docs?.links);
      expect(ours.subgraphs).toEqual(docs?.subgraphs);
      expect(ours.styles.map((style) => [...style.indices].sort((a, b) => a - b))).toEqual(
        docs?.styles.map((style) => [...style.indices].sort((a, b) => a - b)),
      );
    }
  });
});

describe('a traced path', () => {
  it('is drawn with the traced class and link style, only on its own nodes and links', () => {
    const world = new World({ ...DEFAULT_OPTIONS, startTime: 0, scenario: 'docs-builtin' });
    loadScenario(world, 'docs-builtin');
    const graph = buildTopology(controlPlaneSnapshot(world));
    const gateway = 'gateway:builtin:team-1/team-1-gateway';
    const sidecar = 'sidecar:team-1/frontend';
    const diagram = toMermaid(graph, {
      highlight: {
        nodes: new Set([CLIENT_ID, EDGE_ID, gateway, sidecar]),
        edges: new Set([
          `client-edge:${CLIENT_ID}->${EDGE_ID}`,
          `edge-gateway:${EDGE_ID}->${gateway}`,
          `gateway-service:${gateway}->service:team-1/frontend`,
        ]),
      },
    });
    expect(diagram.text).toContain('class CLIENT,KGW,BG1,D1 traced');
    const traced = /linkStyle ([\d,]+) stroke:#e8590c/
      .exec(diagram.text)?.[1]
      ?.split(',')
      .map(Number);
    // CLIENT --> KGW is link 0, BG1 -.-> D1 link 7, KGW --> BG1 link 17 (the docs' order).
    expect(traced).toEqual([0, 7, 17]);
  });
});

describe('names on a multi-zone control plane', () => {
  it('labels proxies and gateways with the names they were given, not the hashed ones', () => {
    const { text } = diagramOf({ scenario: 'docs-builtin', mode: 'global' });
    expect(text).toContain('KUMA-DP<br/>frontend-1');
    expect(text).not.toMatch(/frontend-1-[bcdfghjklmnpqrstvwxz2456789]{16}/);
    const zone = diagramOf({ scenario: 'docs-builtin', mode: 'zone', zone: 'zone-east' });
    expect(zone.text).toContain('team-1-gateway');
    expect(zone.text).not.toMatch(/team-1-gateway-[bcdfghjklmnpqrstvwxz2456789]{16}/);
  });
});

describe('hostile names stay text', () => {
  it.each([
    '<img src=x onerror=alert(1)>',
    '"]; click A call alert(1)',
    '%%{init: {"securityLevel": "loose"}}%%',
    '</script><script>alert(1)</script>',
    'end',
    'a'.repeat(300),
    'ünïcødé 🚀 网关',
    'x --> y',
    '#quot;',
  ])('%s', (name) => {
    const escaped = escapeMermaidLabel(name);
    // Only safe characters and `#<code>;` entities remain.
    expect(escaped).toMatch(/^(?:[A-Za-z0-9 ._:/-]|#\d+;)*$/);
    const graph: TopologyGraph = {
      nodes: [
        { id: CLIENT_ID, kind: 'client', label: 'Client' },
        { id: EDGE_ID, kind: 'edge', label: 'Kong Gateway' },
        {
          id: 'mesh:x',
          kind: 'mesh',
          label: name,
          mesh: name,
          mtls: true,
          zones: [],
          health: 'online',
          counts: { services: 0, dataplanes: 0, online: 0, gateways: 1 },
        },
        {
          id: 'gateway:builtin:x/g',
          kind: 'gateway',
          label: name,
          parent: 'mesh:x',
          mesh: name,
          gatewayKind: 'builtin',
          name,
          displayName: name,
          listeners: [],
          instances: [],
          health: 'online',
          zones: [],
          crossMesh: false,
        },
      ],
      edges: [],
      zones: [],
    };
    const { text } = toMermaid(graph);
    // The name never appears raw: no line of the diagram can be a directive, a click or HTML.
    if (/[^A-Za-z0-9 ._:/-]/.test(name)) expect(text).not.toContain(name);
    expect(text).not.toMatch(/^\s*click\b/m);
    expect(text).not.toMatch(/%%\{/);
    expect(text).not.toMatch(/<(?!br\/>)[a-z/]/i);
  });
});

describe('compact services (large diagrams)', () => {
  it.each(['docs-builtin', 'docs-delegated'] as const)(
    '%s: a node per service with its sidecars, and the docs links without service lines',
    (scenario) => {
      const graph = graphOf({ scenario });
      const docs = toMermaid(graph);
      const compact = toMermaid(graph, { compactServices: true });
      const structure = readFlowchart(compact.text);
      // 8 service lines fewer, every other link as the docs draw it.
      expect(compact.linkCount).toBe(docs.linkCount - 8);
      expect(structure.links.map((link) => `${link.from} ${link.arrow} ${link.to}`)).toEqual(
        readFlowchart(docs.text)
          .links.filter((link) => link.arrow !== '---')
          .map((link) => `${link.from} ${link.arrow} ${link.to}`),
      );
      expect(compact.text).toContain('D1["Service frontend<br/>KUMA-DP"]');
      expect(compact.text).not.toMatch(/\bS\d+\b/);
      expect(new Set(compact.ids.values()).size).toBe(docs.ids.size - 8);
    },
  );

  // The mermaid tab sizes a diagram by its compact form (made first) and draws the docs' form
  // below the size limit: both must map the same topology nodes.
  it.each(['mixed', 'docs-builtin', 'docs-delegated', 'hostile', 'large'] as const)(
    '%s: maps the same topology nodes as the docs form, gridded or not',
    (scenario) => {
      const graph = graphOf({ scenario });
      const docs = [...toMermaid(graph).ids.keys()].sort();
      expect(docs.length).toBeGreaterThan(10);
      for (const options of [{ compactServices: true }, { compactServices: true, gridAbove: 2 }])
        expect([...toMermaid(graph, options).ids.keys()].sort()).toEqual(docs);
    },
  );

  it('highlights a traced service on its folded node, once', () => {
    const world = new World({ ...DEFAULT_OPTIONS, startTime: 0, scenario: 'docs-builtin' });
    loadScenario(world, 'docs-builtin');
    const graph = buildTopology(controlPlaneSnapshot(world));
    const { text } = toMermaid(graph, {
      compactServices: true,
      highlight: {
        nodes: new Set(['service:team-1/frontend', 'sidecar:team-1/frontend']),
        edges: new Set(),
      },
    });
    expect(text).toContain('class D1 traced');
  });
});

describe('a dataplane serving two services (search-1 of mixed: search and search-admin)', () => {
  it.each([
    { compactServices: false, line: /S\d+\["Service<br\/>search-admin"\] --- (D\d+)/ },
    { compactServices: true, line: /(D\d+)\["Service search#44; search-admin<br\/>KUMA-DP"\]/ },
  ])('is one KUMA-DP node (compact: $compactServices)', ({ compactServices, line }) => {
    const world = new World({ ...DEFAULT_OPTIONS, startTime: 0, scenario: 'mixed' });
    loadScenario(world, 'mixed');
    world.tick();
    const graph = buildTopology(controlPlaneSnapshot(world));
    const { text, ids } = toMermaid(graph, { compactServices });
    if (!compactServices) expect(text.match(/search-1/g)).toHaveLength(1);
    const sidecar = ids.get('sidecar:legacy/search');
    expect(sidecar).toMatch(/^D\d+$/);
    expect(line.exec(text)?.[1]).toBe(sidecar);
    // Mermaid ids stay unique: one declaration each.
    const declared = [...text.matchAll(/\b([A-Z]+\d+)\[/g)].map((match) => match[1]);
    expect(new Set(declared).size).toBe(declared.length);
  });
});

describe('a large call group in the compact form (gridAbove)', () => {
  function large() {
    const world = new World({
      ...DEFAULT_OPTIONS,
      startTime: 0,
      scenario: 'large',
      large: { meshes: 2, services: 40, dataplanes: 80 },
    });
    loadScenario(world, 'large');
    world.tick();
    return buildTopology(controlPlaneSnapshot(world));
  }

  it('is a grid of its services without their calls, counted per mesh', () => {
    const graph = large();
    const compact = toMermaid(graph, { compactServices: true });
    const gridded = toMermaid(graph, { compactServices: true, gridAbove: 12 });
    const calls = (mesh: string) =>
      graph.edges.filter(
        (edge) => edge.relation === 'sidecar-sidecar' && edge.source.startsWith(`sidecar:${mesh}/`),
      ).length;
    expect(calls('mesh-01')).toBeGreaterThan(12);
    expect(gridded.callsLeftOut).toEqual(
      new Map([
        ['mesh-01', calls('mesh-01')],
        ['mesh-02', calls('mesh-02')],
      ]),
    );
    const links = readFlowchart(gridded.text).links;
    expect(links.filter((link) => link.arrow === '<-.->')).toEqual([]);
    // The same nodes in the same subgraphs.
    const members = (text: string) =>
      [...readFlowchart(text).subgraphs].map(([id, inside]) => [id, [...inside].sort()]);
    expect(members(gridded.text)).toEqual(members(compact.text));
    expect(gridded.ids).toEqual(compact.ids);
    // Styles land on drawn links only, and every drawn link has its style.
    const invisible = links.flatMap((link, index) => (link.arrow === '~~~' ? [index] : []));
    expect(invisible.length).toBeGreaterThan(0);
    expect(gridded.linkCount).toBe(links.length);
    const styled = [...gridded.managedLinks, ...gridded.unmanagedLinks].sort((a, b) => a - b);
    expect(styled).toEqual(links.flatMap((link, index) => (link.arrow === '~~~' ? [] : [index])));
    // The gateways' services head the rows, next to the gateways.
    const targets = new Set(
      links.filter((link) => /^[BD]G\d+$/.test(link.from)).map((link) => link.to),
    );
    expect(targets.size).toBeGreaterThan(0);
    for (const link of links.filter((entry) => entry.arrow === '~~~'))
      expect(targets.has(link.to)).toBe(false);
  });

  it('leaves groups of up to gridAbove services as they are', () => {
    const graph = large();
    expect(toMermaid(graph, { compactServices: true, gridAbove: 1000 }).text).toBe(
      toMermaid(graph, { compactServices: true }).text,
    );
    // The docs' form (no compactServices) is never gridded.
    expect(toMermaid(graph, { gridAbove: 12 }).text).toBe(toMermaid(graph).text);
  });
});
