import { naturalCompare } from '../lib/natural-compare';
import {
  CLIENT_ID,
  EDGE_ID,
  type GatewayNode,
  type SidecarNode,
  serviceId,
  sidecarId,
  type TopologyEdge,
  type TopologyGraph,
  type TopologyNode,
} from './types';

/** The docs' link styles: unmanaged links 2px in Kong's teal, managed links 3px. */
export const UNMANAGED_LINK_STYLE = 'stroke-width:2px!important,stroke:#86e2cc!important';
export const MANAGED_LINK_STYLE = 'stroke-width:3px!important';

/**
 * Label text as mermaid entity codes: everything but letters, digits, space and `._:/-` becomes
 * `#<code point>;`, so a resource name can never close the label, start a directive, add a
 * link, a click handler or HTML. (Entity-encoding keeps it literal even with HTML labels on.)
 */
export function escapeMermaidLabel(text: string): string {
  // Most names need nothing: told apart in one pass, not a test per character.
  if (/^[A-Za-z0-9 ._:/-]*$/.test(text)) return text;
  let out = '';
  for (const char of text) {
    out += /^[A-Za-z0-9 ._:/-]$/.test(char) ? char : `#${char.codePointAt(0)};`;
  }
  return out;
}

/** Longer names are cut: a 250-character box helps nobody read the diagram. */
const MAX_LABEL_LENGTH = 60;

function shorten(line: string): string {
  const chars = [...line];
  return chars.length > MAX_LABEL_LENGTH
    ? `${chars.slice(0, MAX_LABEL_LENGTH - 1).join('')}…`
    : line;
}

function label(...lines: string[]): string {
  return `"${lines.filter(Boolean).map(shorten).map(escapeMermaidLabel).join('<br/>')}"`;
}

function arrow(edge: TopologyEdge): string {
  if (edge.relation === 'service-sidecar') return '---';
  if (edge.kind === 'managed') return edge.bidirectional ? '<-.->' : '-.->';
  return edge.bidirectional ? '<-->' : '-->';
}

export interface MermaidOptions {
  /** Only these meshes (by name); all when absent. */
  meshes?: ReadonlySet<string>;
  /** Label links with observed traffic (`12.5 rps, 3% errors`). */
  trafficLabels?: boolean;
  /** A traced path (topology node and edge ids) to draw in the highlight colour. */
  highlight?: { nodes: ReadonlySet<string>; edges: ReadonlySet<string> };
  /**
   * Each service drawn in one node with its KUMA-DP sidecars, instead of the docs' two nodes and
   * the line between them: a third fewer nodes and links for mermaid to lay out and draw.
   */
  compactServices?: boolean;
  /**
   * With `compactServices`: a call group of more services than this is drawn as a grid of its
   * services, without the links between them (counted in `callsLeftOut`). Fifty services and
   * their hundred calls drew as a 12,000-pixel tangle that took mermaid a second; the grid is
   * read at a glance and drawn in a quarter of that.
   */
  gridAbove?: number;
}

/** The highlight of a traced path; a fixed style, never built from user input. */
export const TRACED_NODE_CLASS = 'classDef traced stroke:#e8590c,stroke-width:3px';
export const TRACED_LINK_STYLE = 'stroke:#e8590c!important,stroke-width:4px!important';

export interface MermaidDiagram {
  text: string;
  /** Mermaid ids by topology node id, to map rendered SVG back to the model. */
  ids: Map<string, string>;
  linkCount: number;
  managedLinks: number[];
  unmanagedLinks: number[];
  /** Calls between services left out of grids (`gridAbove`), by mesh name. */
  callsLeftOut: Map<string, number>;
}

function trafficText(edge: TopologyEdge): string {
  if (!edge.traffic) return '';
  const rps = edge.traffic.requestsPerSecond;
  const errors = Math.round(edge.traffic.errorShare * 100);
  return `${rps < 10 ? rps.toFixed(1) : Math.round(rps)} rps${errors > 0 ? `, ${errors}% errors` : ''}`;
}

/**
 * The topology as mermaid text in the style of the product docs: `flowchart LR`, a subgraph per
 * mesh with an inner subgraph per group of calling services, `-.->` / `<-.->` for managed links,
 * `-->` / `---` for unmanaged ones, and the docs' link styles. Ids are generated (never taken
 * from names) in the docs' own scheme: CLIENT, KGW, M1, BG1 / DG1, sg1a, S1, D1.
 */
export function toMermaid(graph: TopologyGraph, options: MermaidOptions = {}): MermaidDiagram {
  const chosen = options.meshes;
  const included = (node: TopologyNode | undefined): boolean => {
    if (!node) return false;
    if (!chosen || node.kind === 'client' || node.kind === 'edge') return true;
    return 'mesh' in node && chosen.has(node.mesh);
  };
  // Only the chosen meshes' nodes are indexed: "Only mesh-X" costs that mesh, not the model.
  const drawn = chosen ? graph.nodes.filter(included) : graph.nodes;
  const nodes = new Map(drawn.map((node) => [node.id, node]));
  const children = new Map<string, TopologyNode[]>();
  for (const node of drawn) {
    if (!node.parent) continue;
    const siblings = children.get(node.parent);
    if (siblings) siblings.push(node);
    else children.set(node.parent, [node]);
  }
  const edgesFrom = new Map<string, TopologyEdge[]>();
  for (const edge of graph.edges) {
    if (!included(nodes.get(edge.source)) || !included(nodes.get(edge.target))) continue;
    const from = edgesFrom.get(edge.source);
    if (from) from.push(edge);
    else edgesFrom.set(edge.source, [edge]);
  }

  const ids = new Map<string, string>([
    [CLIENT_ID, 'CLIENT'],
    [EDGE_ID, 'KGW'],
  ]);
  const lines: string[] = [
    'flowchart LR',
    `    CLIENT([${label('Client')}])`,
    `    KGW[${label('Kong Gateway')}]`,
  ];
  const managed: number[] = [];
  const unmanaged: number[] = [];
  const traced: number[] = [];
  let links = 0;
  const declared = new Set<string>(['CLIENT', 'KGW']);
  const emitted = new Set<string>();

  const ref = (nodeId: string, definition: () => string): string => {
    const id = ids.get(nodeId) ?? nodeId;
    if (declared.has(id)) return id;
    declared.add(id);
    return `${id}${definition()}`;
  };
  const link = (indent: string, edges: TopologyEdge[], source: string, targets: string[]) => {
    const first = edges[0];
    if (!first) return;
    const text = options.trafficLabels ? trafficText(first) : '';
    lines.push(
      `${indent}${source} ${arrow(first)}${text ? `|${escapeMermaidLabel(text)}|` : ''} ${targets.join(' & ')}`,
    );
    for (const edge of edges) {
      (edge.kind === 'managed' ? managed : unmanaged).push(links);
      if (options.highlight?.edges.has(edge.id)) traced.push(links);
      links += 1;
      emitted.add(edge.id);
    }
  };
  const compact = options.compactServices === true;
  const callsLeftOut = new Map<string, number>();
  const definition = (node: TopologyNode) => () => {
    if (node.kind === 'service') return `[${label('Service', node.label)}]`;
    if (node.kind === 'sidecar' && compact) {
      const replicas = node.dataplanes.length;
      return `[${label(`Service ${node.services.join(', ')}`, replicas > 1 ? `KUMA-DP ×${replicas}` : 'KUMA-DP')}]`;
    }
    if (node.kind === 'sidecar') {
      const replicas = node.dataplanes.length;
      // People know a proxy by the name they gave it, not the one KDS hashed on the global.
      const only = replicas === 1 ? (node.dataplanes[0]?.displayName ?? '') : '';
      return `[${label(replicas > 1 ? `KUMA-DP ×${replicas}` : 'KUMA-DP', only)}]`;
    }
    if (node.kind === 'gateway') {
      return `[${label(node.gatewayKind === 'builtin' ? 'Built-in gateway' : 'Delegated gateway', node.displayName)}]`;
    }
    return `[${label(node.label)}]`;
  };

  /** A service's open lines to the sidecars that serve it, its own first. */
  const sidecarEdges = (serviceNodeId: string) =>
    (edgesFrom.get(serviceNodeId) ?? []).filter((edge) => edge.relation === 'service-sidecar');
  const ownSidecar = (service: TopologyNode): SidecarNode | undefined => {
    if (service.kind !== 'service') return undefined;
    const own = nodes.get(sidecarId(service.mesh, service.service));
    return own?.kind === 'sidecar' ? own : undefined;
  };
  /** Where a gateway's link to a service is drawn: the docs' `BG1 -.-> D1`, to its own sidecar. */
  const gatewayTarget = (edge: TopologyEdge): string => {
    const service = nodes.get(edge.target);
    const sidecar = service && ownSidecar(service);
    return (sidecar && ids.get(sidecar.id)) ?? ids.get(edge.target) ?? edge.target;
  };

  const edgeBetween = (source: string, target: string, relation: TopologyEdge['relation']) =>
    (edgesFrom.get(source) ?? []).find(
      (edge) => edge.target === target && edge.relation === relation,
    );

  /** Mermaid ids the gateways link to. */
  const gatewayTargetsOf = (gateways: readonly GatewayNode[]): Set<string> =>
    new Set(
      gateways.flatMap((gateway) =>
        (edgesFrom.get(gateway.id) ?? [])
          .filter((edge) => edge.relation === 'gateway-service')
          .map(gatewayTarget),
      ),
    );
  /**
   * A grid of cells in columns beside the gateways, every cell a gateway links to in the first
   * (so no gateway link crosses a column): invisible links (`~~~`, which mermaid numbers like the
   * others) put each row's cells in successive ranks. About twice as many rows as columns, as
   * the boxes are wide.
   */
  const gridRows = (cells: readonly string[], nearGateways: ReadonlySet<string>) => {
    const first = cells.filter((cell) => nearGateways.has(cell));
    const ordered = [...first, ...cells.filter((cell) => !nearGateways.has(cell))];
    const rows = Math.max(first.length, Math.ceil(Math.sqrt(2 * ordered.length)));
    for (let row = 0; row < rows; row++) {
      const chain = ordered.filter((_, index) => index % rows === row);
      for (let column = 1; column < chain.length; column++) {
        lines.push(`            ${chain[column - 1]} ~~~ ${chain[column]}`);
        links += 1;
      }
    }
  };

  const clientEdge = edgeBetween(CLIENT_ID, EDGE_ID, 'client-edge');
  if (clientEdge) link('    ', [clientEdge], 'CLIENT', ['KGW']);

  const meshes = drawn.filter((node) => node.kind === 'mesh');
  let services = 0;
  let builtin = 0;
  let delegated = 0;
  meshes.forEach((mesh, meshIndex) => {
    const meshMermaidId = `M${meshIndex + 1}`;
    ids.set(mesh.id, meshMermaidId);
    declared.add(meshMermaidId);
    lines.push('', `    subgraph ${meshMermaidId}[${label(mesh.label)}]`);
    const members = children.get(mesh.id) ?? [];
    const gateways = members.filter((node): node is GatewayNode => node.kind === 'gateway');
    for (const gateway of gateways) {
      ids.set(
        gateway.id,
        gateway.gatewayKind === 'builtin' ? `BG${++builtin}` : `DG${++delegated}`,
      );
      lines.push(`        ${ref(gateway.id, definition(gateway))}`);
    }
    const groups = members.filter((node) => node.kind === 'call-group');
    groups.forEach((group, groupIndex) => {
      const groupMermaidId = `sg${meshIndex + 1}${String.fromCharCode(97 + (groupIndex % 26))}${groupIndex >= 26 ? Math.floor(groupIndex / 26) : ''}`;
      ids.set(group.id, groupMermaidId);
      lines.push(`        subgraph ${groupMermaidId}[" "]`, '            direction LR');
      const groupMembers = children.get(group.id) ?? [];
      const serviceNodes = groupMembers.filter((member) => member.kind === 'service');
      const grid =
        compact && options.gridAbove !== undefined && serviceNodes.length > options.gridAbove;
      const gridCells: string[] = [];
      for (const node of serviceNodes) {
        services += 1;
        ids.set(node.id, `S${services}`);
        // A service's own sidecar shares its number (S1 --- D1).
        const sidecar = ownSidecar(node);
        if (sidecar) ids.set(sidecar.id, `D${services}`);
      }
      // Folded together, a service is its sidecar's node; one served by another service's
      // dataplanes folds into that sidecar, drawn once.
      if (compact) {
        for (const node of serviceNodes) {
          const host = ownSidecar(node) ?? nodes.get(sidecarEdges(node.id)[0]?.target ?? '');
          const hostId = host && ids.get(host.id);
          if (hostId) ids.set(node.id, hostId);
        }
      }
      const linked = new Set<string>();
      const serviceLink = (serviceNode: TopologyNode, sidecarFirst: boolean) => {
        if (linked.has(serviceNode.id)) return;
        linked.add(serviceNode.id);
        for (const edge of sidecarEdges(serviceNode.id)) {
          const sidecar = nodes.get(edge.target);
          if (!sidecar) continue;
          if (compact) {
            const declaration = ref(sidecar.id, definition(sidecar));
            if (declaration !== ids.get(sidecar.id)) {
              lines.push(`            ${declaration}`);
              gridCells.push(ids.get(sidecar.id) ?? sidecar.id);
            }
            continue;
          }
          if (sidecarFirst) {
            link('            ', [edge], ref(sidecar.id, definition(sidecar)), [
              ref(serviceNode.id, definition(serviceNode)),
            ]);
          } else {
            link('            ', [edge], ref(serviceNode.id, definition(serviceNode)), [
              ref(sidecar.id, definition(sidecar)),
            ]);
          }
        }
      };
      for (const serviceNode of serviceNodes) {
        serviceLink(serviceNode, false);
        const sidecarNode = ownSidecar(serviceNode);
        if (!sidecarNode) continue;
        for (const edge of (edgesFrom.get(sidecarNode.id) ?? []).filter(
          (candidate) => candidate.relation === 'sidecar-sidecar',
        )) {
          const target = nodes.get(edge.target);
          if (!target || emitted.has(edge.id)) continue;
          if (grid) {
            emitted.add(edge.id);
            callsLeftOut.set(mesh.mesh, (callsLeftOut.get(mesh.mesh) ?? 0) + 1);
            continue;
          }
          link('            ', [edge], ids.get(sidecarNode.id) ?? sidecarNode.id, [
            ref(target.id, definition(target)),
          ]);
          if (target.kind !== 'sidecar') continue;
          for (const service of target.services) {
            const targetService = nodes.get(serviceId(target.mesh, service));
            if (targetService && groupMembers.includes(targetService))
              serviceLink(targetService, true);
          }
        }
      }
      if (grid) gridRows(gridCells, gatewayTargetsOf(gateways));
      lines.push('        end');
    });
    for (const gateway of gateways) {
      const toServices = (edgesFrom.get(gateway.id) ?? [])
        .filter((edge) => edge.relation === 'gateway-service')
        .sort((a, b) => naturalCompare(gatewayTarget(a), gatewayTarget(b)));
      const source = ids.get(gateway.id) ?? gateway.id;
      // One statement per gateway, `BG1 -.-> D1 & D3`, unless traffic labels differ per link.
      if (options.trafficLabels) {
        for (const edge of toServices) link('        ', [edge], source, [gatewayTarget(edge)]);
      } else if (toServices.length > 0) {
        link('        ', toServices, source, toServices.map(gatewayTarget));
      }
    }
    lines.push('    end');
  });

  const fronted = (edgesFrom.get(EDGE_ID) ?? []).filter(
    (edge) => edge.relation === 'edge-gateway' && ids.has(edge.target),
  );
  if (fronted.length > 0) {
    lines.push('');
    link(
      '    ',
      fronted,
      'KGW',
      fronted.map((edge) => ids.get(edge.target) ?? edge.target),
    );
  }
  for (const edge of graph.edges) {
    if (
      emitted.has(edge.id) ||
      (edge.relation !== 'cross-mesh' && edge.relation !== 'delegated-peers')
    )
      continue;
    const source = ids.get(edge.source);
    const target = ids.get(edge.target);
    if (!source || !target) continue;
    // A two-way link reads in declaration order, as the docs write `BG1 <-.-> BG2`.
    const [from, to] =
      edge.bidirectional && naturalCompare(target, source) < 0
        ? [target, source]
        : [source, target];
    link('    ', [edge], from, [to]);
  }
  lines.push('');
  if (unmanaged.length > 0)
    lines.push(`    linkStyle ${unmanaged.join(',')} ${UNMANAGED_LINK_STYLE}`);
  if (managed.length > 0) lines.push(`    linkStyle ${managed.join(',')} ${MANAGED_LINK_STYLE}`);
  if (options.highlight) {
    const tracedNodes = [
      ...new Set(
        [...options.highlight.nodes]
          .map((id) => ids.get(id))
          .filter((id): id is string => Boolean(id)),
      ),
    ];
    if (tracedNodes.length > 0)
      lines.push(`    ${TRACED_NODE_CLASS}`, `    class ${tracedNodes.join(',')} traced`);
    if (traced.length > 0) lines.push(`    linkStyle ${traced.join(',')} ${TRACED_LINK_STYLE}`);
  }
  return {
    text: `${lines.join('\n')}\n`,
    ids,
    linkCount: links,
    managedLinks: managed,
    unmanagedLinks: unmanaged,
    callsLeftOut,
  };
}
