import './topology.css';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { rootKey } from '../../kuma/queries/api';
import { findMatches, pathsThrough } from '../../topology/traffic-paths';
import { dimmedByHealth } from '../../topology/view';
import { useKumaApi } from '../../ui/api-context';
import { StaleBanner } from '../../ui/live';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { Tabs } from '../../ui/tabs';
import { traceFromParams } from '../trace';
import { undrawnLinkNotes } from './describe';
import { TopologyFilters } from './topology-filters';
import { TopologyLegend } from './topology-legend';
import { TopologyMermaid } from './topology-mermaid';
import { toError, useCanvasModule, useEdgeFronts } from './topology-page-hooks';
import {
  applyTopologyParams,
  type ExpandAllPlan,
  expandAllNote,
  expandOnly,
  filterOf,
  hasActiveFilter,
  meshChoicesOf,
  planExpandAll,
  readTab,
  readTopologyParams,
  setAllMeshes,
  type TopologyParamChanges,
  toggleMesh,
} from './topology-params';
import { TracedBanner } from './traced-banner';
import { useShallowStable } from './use-shallow-stable';
import { useTopology } from './use-topology';
import { useMeshFindings, useTracedRequest } from './use-topology-annotations';
import { loadViewCode } from './view-code';

export function TopologyPage() {
  const api = useKumaApi();
  const queryClient = useQueryClient();
  const [searchParams, setSearchParams] = useSearchParams();
  // `searchParams` keeps its identity while the URL's query does (react-router memoizes it).
  const params = useMemo(() => readTopologyParams(searchParams), [searchParams]);
  const tab = readTab(searchParams);
  loadViewCode(tab);
  const canvas = useCanvasModule(tab === 'interactive');

  // By value, so the view is not rebuilt when only the selection or the tab changes.
  const filterMeshes = useShallowStable(params.meshes);
  const { kind, health, q } = params;
  const filter = useMemo(
    () => filterOf({ meshes: filterMeshes, kind, health, q }),
    [filterMeshes, kind, health, q],
  );
  // A traced request (from the Trace page) is drawn on both views; its mesh must be expanded.
  const traceText = searchParams.get('trace');
  const traceInput = useMemo(
    () => (traceText ? traceFromParams(new URLSearchParams(traceText)) : undefined),
    [traceText],
  );
  const choices = meshChoicesOf(params, tab, traceInput?.mesh);
  // Memoized by value, so `useTopology` sees new lists only when their contents change.
  const expand = useShallowStable(choices.expand);
  const collapse = useShallowStable(choices.collapse);

  const {
    edgeFronts,
    overrides: frontOverrides,
    control: fronts,
  } = useEdgeFronts(api.caps.identity);
  // The mermaid tab's "Label links with observed traffic": the only rates that tab shows.
  const [trafficLabels, setTrafficLabels] = useState(false);
  const topology = useTopology({
    expand,
    collapse,
    filter,
    ...(edgeFronts ? { edgeFronts } : {}),
    rates: tab === 'interactive' || trafficLabels,
  });
  const { model, view, collapsedMeshes, defaultCollapsed, prefetch } = topology;
  const { run: tracedRun, lit: traced } = useTracedRequest(topology, traceInput, frontOverrides);
  // Badges are drawn on the canvas only.
  const findings = useMeshFindings(topology, tab === 'interactive');
  // Find lights the paths from the client to what it finds, and dims the rest (never removes:
  // a removed gateway left the edge unconnected, and removing re-ran the layout).
  const found = useMemo(
    () => (view && model && filter.text ? findMatches(view, model, filter.text) : undefined),
    [view, model, filter.text],
  );
  // A selected node lights its upstream and downstream paths; it wins over Find, a traced
  // request wins over both.
  const selectedDrawn = Boolean(
    params.selected && view?.nodes.some((node) => node.id === params.selected),
  );
  const lit = useMemo(() => {
    if (!view) return undefined;
    if (selectedDrawn && params.selected) return pathsThrough(view, [params.selected]);
    if (found) return pathsThrough(view, found);
    return undefined;
  }, [view, selectedDrawn, params.selected, found]);
  const highlight = traced ?? lit;
  // A health filter dims what does not match: nothing moves when a status changes.
  const dimmed = useMemo(
    () => (view ? dimmedByHealth(view, filter.health) : undefined),
    [view, filter.health],
  );
  const legendNotes = useMemo(() => (model ? undrawnLinkNotes(model) : []), [model]);
  // The layout waits while an expanded mesh's structure is still on their way: one layout
  // with it, not one without and another when it arrives.
  const hold = Boolean(model) && topology.settling;
  // What a capped "Expand all" left out, said on screen until the next collapse or expand all.
  const [expandAllPlan, setExpandAllPlan] = useState<ExpandAllPlan>();

  const update = useCallback(
    (changes: TopologyParamChanges, push = false) =>
      setSearchParams((current) => applyTopologyParams(current, changes), { replace: !push }),
    [setSearchParams],
  );
  const onSelect = useCallback((id: string | undefined) => update({ selected: id }), [update]);
  const onToggleMesh = useCallback(
    (mesh: string, toCollapse: boolean) => {
      if (!toCollapse) prefetch([mesh]);
      update(toggleMesh(params, mesh, toCollapse, defaultCollapsed), true);
    },
    [update, params, defaultCollapsed, prefetch],
  );
  const meshNames = useMemo(
    () => (model?.nodes ?? []).flatMap((node) => (node.kind === 'mesh' ? [node.mesh] : [])),
    [model],
  );
  const expandAll = () => {
    const sizes = (model?.nodes ?? []).flatMap((node) =>
      node.kind === 'mesh' ? [{ mesh: node.mesh, services: node.counts.services }] : [],
    );
    // The meshes the user is looking at first: filtered, holding the selection, already open.
    const selectedMesh = model?.nodes.find((node) => node.id === params.selected);
    const first = [
      ...params.meshes,
      ...(selectedMesh && 'mesh' in selectedMesh ? [selectedMesh.mesh] : []),
      ...meshNames.filter((mesh) => !collapsedMeshes.has(mesh)),
    ];
    const plan = planExpandAll(sizes, first);
    setExpandAllPlan(plan);
    prefetch(plan.expand);
    update(expandOnly(meshNames, plan.expand, defaultCollapsed), true);
  };
  const capNote = expandAllPlan ? expandAllNote(expandAllPlan) : undefined;
  const emptyMeshes = model?.emptyMeshes ?? [];
  const drawnMembers = (view?.nodes ?? []).filter(
    (node) => node.kind !== 'client' && node.kind !== 'edge',
  ).length;

  const body = () => {
    if (!model) {
      if (topology.error) {
        return (
          <ErrorState
            title="Cannot read the topology"
            error={topology.error}
            onRetry={() => void queryClient.refetchQueries({ queryKey: rootKey(api) })}
          />
        );
      }
      return <LoadingState label="Loading the topology…" />;
    }
    if (meshNames.length === 0) {
      return emptyMeshes.length > 0 ? (
        <EmptyState title="Nothing enters a mesh yet.">
          <p className="muted">{emptyMeshNote(emptyMeshes)}</p>
        </EmptyState>
      ) : (
        <EmptyState title="This control plane has no meshes yet.">
          <p className="muted">
            Create one with kumactl or kubectl; it shows up here on the next refresh.
          </p>
        </EmptyState>
      );
    }
    return (
      <>
        {emptyMeshes.length > 0 && (
          <p className="muted topo-empty-meshes" data-testid="empty-meshes">
            Not drawn: {emptyMeshNote(emptyMeshes)}
          </p>
        )}
        <Tabs
          label="Topology views"
          tabs={[
            {
              id: 'interactive',
              label: 'Interactive',
              render: () =>
                view && drawnMembers === 0 && hasActiveFilter(params) ? (
                  <EmptyState title="Nothing matches these filters.">
                    <button
                      type="button"
                      className="button"
                      onClick={() =>
                        update({ meshes: [], kind: undefined, health: undefined, q: '' })
                      }
                    >
                      Clear filters
                    </button>
                  </EmptyState>
                ) : (
                  <>
                    <div className="topo-bar">
                      <TopologyLegend notes={legendNotes} edges={model?.edges} />
                      <span className="topo-bar__actions">
                        <button
                          type="button"
                          className="button button--small"
                          onClick={() => {
                            setExpandAllPlan(undefined);
                            update(setAllMeshes(meshNames, true, defaultCollapsed), true);
                          }}
                        >
                          Collapse all
                        </button>
                        <button type="button" className="button button--small" onClick={expandAll}>
                          Expand all
                        </button>
                      </span>
                    </div>
                    {capNote && (
                      <p className="banner banner--info" role="status" data-testid="expand-all-cap">
                        {capNote}
                      </p>
                    )}
                    {found && found.size === 0 && (
                      <p className="banner banner--info" role="status" data-testid="find-none">
                        Nothing on the diagram matches “{filter.text}”.
                      </p>
                    )}
                    {view &&
                      (canvas.module ? (
                        <canvas.module.TopologyCanvas
                          view={view}
                          model={model}
                          {...(highlight ? { highlight } : {})}
                          highlightTone={traced ? 'trace' : 'path'}
                          {...(findings ? { findings } : {})}
                          {...(params.selected ? { selected: params.selected } : {})}
                          onSelect={onSelect}
                          onToggleMesh={onToggleMesh}
                          fronts={fronts}
                          {...(dimmed && dimmed.size > 0 ? { dimmed } : {})}
                          hold={hold}
                        />
                      ) : canvas.error !== undefined ? (
                        <ErrorState
                          title="Cannot load the interactive view"
                          error={canvas.error}
                          onRetry={canvas.retry}
                        />
                      ) : (
                        <LoadingState label="Loading the interactive view…" />
                      ))}
                  </>
                ),
            },
            {
              id: 'mermaid',
              label: 'Mermaid',
              render: () => (
                <TopologyMermaid
                  model={model}
                  {...(traced ? { highlight: traced } : {})}
                  meshes={params.meshes}
                  onChooseMeshes={(meshes) => {
                    prefetch(meshes);
                    update({ meshes }, true);
                  }}
                  onIntendMeshes={prefetch}
                  collapsedMeshes={collapsedMeshes}
                  pending={topology.settling}
                  trafficLabels={trafficLabels}
                  onTrafficLabels={setTrafficLabels}
                />
              ),
            },
          ]}
        />
      </>
    );
  };

  return (
    <>
      <div className="page-header">
        <h1>Topology</h1>
        <p className="muted topo-subtitle">
          How north/south traffic enters each mesh: clients, the edge Kong Gateway, the mesh
          gateways and the services behind them.
          {defaultCollapsed &&
            ' Many dataplanes here: meshes start collapsed, expand the ones you need.'}
          {topology.isPending && model && (
            <span className="topo-subtitle__busy" role="status">
              {' '}
              <span className="spinner" aria-hidden="true" />
              Loading mesh details…
            </span>
          )}
        </p>
      </div>
      <StaleBanner query={{ ...topology.status, error: toError(topology.status.error) }} />
      {tracedRun && traceInput && <TracedBanner run={tracedRun} input={traceInput} />}
      {!api.caps.builtinGateways && (
        <p className="banner banner--info" data-testid="topology-no-builtin">
          {api.caps.product} {api.caps.displayVersion} has no built-in gateways: only delegated
          gateways exist on this control plane.
        </p>
      )}
      {model && topology.error !== undefined && !topology.status.isRefetchError && (
        <p className="banner banner--warning" role="alert">
          Some mesh details could not be read:{' '}
          {topology.error instanceof Error ? topology.error.message : String(topology.error)}
        </p>
      )}
      <TopologyFilters
        params={params}
        meshes={meshNames}
        builtinGateways={api.caps.builtinGateways}
        onChange={update}
      />
      {body()}
    </>
  );
}

function emptyMeshNote(meshes: readonly string[]): string {
  const names = meshes.join(', ');
  return meshes.length === 1
    ? `mesh ${names} has no gateways and no dataplanes.`
    : `meshes ${names} have no gateways and no dataplanes.`;
}
