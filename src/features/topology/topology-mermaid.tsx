import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { counted, plural } from '../../lib/plural';
import { toMermaid } from '../../topology/to-mermaid';
import type { TopologyGraph } from '../../topology/types';
import { CodeBlock } from '../../ui/code-block';
import { CopyButton } from '../../ui/copy-button';
import { useEffectiveTheme } from '../../ui/settings';
import { EmptyState } from '../../ui/states';
import {
  DIAGRAM_BACKGROUND,
  type DiagramTheme,
  download,
  endWarmUp,
  prepareMermaid,
  renderMermaid,
  SupersededRender,
  svgToPng,
} from './mermaid-render';
import { useRestingPointer } from './use-resting-pointer';
import { useShallowStable } from './use-shallow-stable';

/** Larger diagrams take seconds to render and are unreadable: the mesh filter is offered instead. */
export const MERMAID_MAX_NODES = 150;

/**
 * Above this many nodes each service is drawn in one node with its KUMA-DP sidecars: mermaid
 * spends about 10 ms of main thread per node and link (a 50-service mesh, 104 nodes and 154
 * links, took 0.9 s; folded, 56 nodes and 104 links, 0.58 s). The docs' own pictures (20 nodes)
 * stay as they are, and the docs' form is one checkbox away.
 */
export const MERMAID_COMPACT_ABOVE_NODES = 60;

/**
 * In the compact form, a group of more services calling each other than this is drawn as a grid
 * without those calls: a mesh of 50 services and 100 calls drew as a tangle 12,000 pixels wide
 * in a second of mermaid; as a grid it is read at a glance, in a quarter of the time.
 */
export const MERMAID_GRID_ABOVE_SERVICES = 12;

export interface TopologyMermaidProps {
  model: TopologyGraph;
  /** A traced request's path, drawn in the highlight colour. */
  highlight?: { nodes: ReadonlySet<string>; edges: ReadonlySet<string> };
  /** `?mesh=`: only these meshes; all when empty. */
  meshes: readonly string[];
  onChooseMeshes: (meshes: string[]) => void;
  /**
   * A pointer resting on "Only mesh-X" (or focus on it): its details can start loading before
   * the click, which then draws from them.
   */
  onIntendMeshes?: (meshes: string[]) => void;
  /** Meshes drawn as summaries: their services are not loaded, so the diagram omits them. */
  collapsedMeshes: ReadonlySet<string>;
  /**
   * Details of a mesh to draw are still on their way: the diagram waits for them rather than
   * render a second-long diagram of its gateways alone, then another.
   */
  pending?: boolean;
  /**
   * Links labelled with their observed rates; the page holds it, as the gateway proxies' Envoy
   * stats are read only while a rate is shown.
   */
  trafficLabels: boolean;
  onTrafficLabels: (on: boolean) => void;
}

function MermaidDiagram({
  text,
  theme,
  onRendered,
}: {
  text: string;
  /** The app's theme: the diagram is drawn again in the other palette when it changes. */
  theme: DiagramTheme;
  onRendered: (svg: SVGSVGElement | null) => void;
}) {
  const [result, setResult] = useState<{
    text: string;
    theme: DiagramTheme;
    svg?: string;
    error?: string;
  }>();
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let current = true;
    renderMermaid(text, { theme, wanted: () => current }).then(
      (svg) => {
        if (current) setResult({ text, theme, svg });
      },
      (error: unknown) => {
        if (current && !(error instanceof SupersededRender))
          setResult({ text, theme, error: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [text, theme]);

  const done = result?.text === text && result.theme === theme && result.svg !== undefined;
  useEffect(() => {
    onRendered(done ? (container.current?.querySelector('svg') ?? null) : null);
  }, [done, onRendered]);

  return (
    <div className="topo-mermaid__frame">
      {result?.error && (
        <p className="banner banner--warning" role="alert">
          The diagram could not be rendered: {result.error}
        </p>
      )}
      {!result && (
        <p className="state state--loading" role="status">
          <span className="spinner" aria-hidden="true" />
          Rendering the diagram…
        </p>
      )}
      <div
        ref={container}
        className="topo-mermaid__diagram"
        data-testid="mermaid"
        data-rendered={done ? 'true' : 'false'}
        data-theme={result?.theme}
        style={{ background: DIAGRAM_BACKGROUND[result?.theme ?? theme] }}
        // biome-ignore lint/security/noDangerouslySetInnerHtml: mermaid's own SVG, rendered with securityLevel strict from our generator's text, whose labels are entity-encoded
        dangerouslySetInnerHTML={{ __html: result?.svg ?? '' }}
      />
    </div>
  );
}

/** The topology as the product docs draw it, rendered by mermaid, with its text and exports. */
export function TopologyMermaid({
  model,
  highlight,
  meshes,
  onChooseMeshes,
  onIntendMeshes,
  collapsedMeshes,
  pending = false,
  trafficLabels,
  onTrafficLabels,
}: TopologyMermaidProps) {
  const [docsForm, setDocsForm] = useState(false);
  const docsFormId = useId();
  const [exporting, setExporting] = useState<string>();
  const [exportError, setExportError] = useState<string>();
  const [svg, setSvg] = useState<SVGSVGElement | null>(null);
  const theme = useEffectiveTheme();
  // Usually under way already: the page starts it as the tab opens (see prepareMermaid).
  useEffect(prepareMermaid, []);
  // No export of a diagram that is not on screen.
  useEffect(() => {
    if (pending) setSvg(null);
  }, [pending]);
  const trafficId = useId();
  const intentOn = useRestingPointer(
    useMemo(() => onIntendMeshes && ((mesh: string) => onIntendMeshes([mesh])), [onIntendMeshes]),
  );
  const chosenMeshes = useShallowStable(meshes);
  const allMeshes = useMemo(
    () => model.nodes.flatMap((node) => (node.kind === 'mesh' ? [node.mesh] : [])),
    [model],
  );
  const { diagram, large } = useMemo(() => {
    const options = {
      ...(highlight ? { highlight } : {}),
      ...(chosenMeshes.length > 0 ? { meshes: new Set(chosenMeshes) } : {}),
      trafficLabels,
    };
    // The compact form first: it maps the same topology nodes as the docs' form, so it tells
    // whether the diagram is large, and a large one (100 meshes' text, 170 KB) is made once.
    const compact = toMermaid(model, {
      ...options,
      compactServices: true,
      gridAbove: MERMAID_GRID_ABOVE_SERVICES,
    });
    const big = compact.ids.size > MERMAID_COMPACT_ABOVE_NODES;
    return { diagram: big && !docsForm ? compact : toMermaid(model, options), large: big };
  }, [model, chosenMeshes, trafficLabels, highlight, docsForm]);
  const observed = useMemo(() => model.edges.some((edge) => edge.traffic), [model]);
  // Folded services share their sidecar's mermaid id.
  const nodeCount = new Set(diagram.ids.values()).size;
  const tooBig = nodeCount > MERMAID_MAX_NODES;
  const summarized = allMeshes.filter(
    (mesh) => collapsedMeshes.has(mesh) && (meshes.length === 0 || meshes.includes(mesh)),
  );

  // Exports keep the docs' light look whatever the app's theme: they go into docs, wikis and
  // PRs, next to the docs' own pictures.
  const exportSvg = async () => {
    setExporting('svg');
    setExportError(undefined);
    try {
      const markup = await renderMermaid(diagram.text, { theme: 'light' });
      download(new Blob([markup], { type: 'image/svg+xml' }), 'topology.svg');
    } catch (error) {
      setExportError(error instanceof Error ? error.message : String(error));
    } finally {
      setExporting(undefined);
    }
  };
  const exportPng = async () => {
    setExporting('png');
    setExportError(undefined);
    try {
      // A second render with SVG text labels: no foreignObject, so a canvas can draw it.
      const plain = await renderMermaid(diagram.text, { htmlLabels: false, theme: 'light' });
      download(await svgToPng(plain, 2, DIAGRAM_BACKGROUND.light), 'topology.png');
    } catch (error) {
      setExportError(error instanceof Error ? error.message : String(error));
    } finally {
      setExporting(undefined);
    }
  };

  return (
    <div className="topo-mermaid">
      <div className="topo-mermaid__toolbar">
        <CopyButton text={diagram.text} label="Copy mermaid" />
        <button
          type="button"
          className="button button--small"
          onClick={() => void exportSvg()}
          disabled={!svg || tooBig || exporting !== undefined}
        >
          {exporting === 'svg' ? 'Exporting…' : 'Export SVG'}
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={() => void exportPng()}
          disabled={!svg || tooBig || exporting !== undefined}
        >
          {exporting === 'png' ? 'Exporting…' : 'Export PNG'}
        </button>
        <span className="checkbox">
          <input
            id={trafficId}
            type="checkbox"
            checked={trafficLabels}
            onChange={(event) => onTrafficLabels(event.target.checked)}
          />
          <label htmlFor={trafficId}>Label links with observed traffic</label>
        </span>
        {trafficLabels && !observed && (
          <span className="muted" role="status">
            A rate takes two samples of the gateways' Envoy stats, a refresh apart.
          </span>
        )}
        {large && (
          <span className="checkbox">
            <input
              id={docsFormId}
              type="checkbox"
              checked={docsForm}
              onChange={(event) => setDocsForm(event.target.checked)}
            />
            <label htmlFor={docsFormId}>
              Each service apart from its KUMA-DP and every call, as the docs draw it (slower)
            </label>
          </span>
        )}
      </div>
      {exportError && (
        <p className="banner banner--warning" role="alert">
          Export failed: {exportError}
        </p>
      )}
      {summarized.length > 0 && (
        <p className="banner banner--info">
          {plural(summarized.length, 'Mesh', 'Meshes')} {summarized.join(', ')}{' '}
          {plural(summarized.length, 'is', 'are')} collapsed in the interactive view, so only{' '}
          {plural(summarized.length, 'its', 'their')} gateways are drawn. Choose meshes with the
          mesh filter to draw their services.
        </p>
      )}
      {!tooBig && diagram.callsLeftOut.size > 0 && (
        <p className="banner banner--info" data-testid="mermaid-calls-left-out">
          Calls between services are not drawn in groups of more than {MERMAID_GRID_ABOVE_SERVICES}{' '}
          services (
          {[...diagram.callsLeftOut]
            .map(([mesh, calls]) => `${counted(calls, 'call')} in ${mesh}`)
            .join(', ')}
          ): those groups are laid out as grids. The interactive view draws every call, and so does
          the docs' form (the checkbox above).
        </p>
      )}
      {tooBig ? (
        <EmptyState title={`This diagram would have ${nodeCount} nodes: too big to draw here.`}>
          <p className="muted">
            Mermaid stays readable up to about {MERMAID_MAX_NODES} nodes. Pick fewer meshes (or use
            the interactive view); the text below can still be copied.
          </p>
          <ul className="topo-mermaid__meshes">
            {allMeshes.map((mesh) => (
              <li key={mesh}>
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => {
                    // Its details load now, and its diagram comes next.
                    endWarmUp();
                    onChooseMeshes([mesh]);
                  }}
                  {...intentOn(mesh)}
                >
                  Only {mesh}
                </button>
              </li>
            ))}
          </ul>
        </EmptyState>
      ) : pending ? (
        <p className="state state--loading" role="status" data-testid="mermaid-waiting">
          <span className="spinner" aria-hidden="true" />
          Loading mesh details…
        </p>
      ) : (
        <MermaidDiagram text={diagram.text} theme={theme} onRendered={setSvg} />
      )}
      <CodeBlock
        text={diagram.text}
        label="Mermaid (flowchart in the docs' style)"
        folded={tooBig}
      />
    </div>
  );
}
