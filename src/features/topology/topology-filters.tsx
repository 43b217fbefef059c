import { useId } from 'react';
import { useSearchDraft } from '../../ui/use-search-draft';
import {
  type GatewayKindFilter,
  type HealthFilter,
  hasActiveFilter,
  type TopologyParamChanges,
  type TopologyParams,
} from './topology-params';

function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const { draft, setDraft, commit } = useSearchDraft(value, onSearch);
  const id = useId();

  return (
    <span className="topo-filters__field topo-filters__search">
      <label htmlFor={id}>Find</label>
      <input
        id={id}
        type="search"
        value={draft}
        placeholder="gateway, service or dataplane name"
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit();
        }}
        data-testid="topology-search"
      />
    </span>
  );
}

function MeshPicker({
  meshes,
  chosen,
  onChange,
}: {
  meshes: readonly string[];
  chosen: readonly string[];
  onChange: (meshes: string[]) => void;
}) {
  const summary =
    chosen.length === 0
      ? 'All meshes'
      : chosen.length === 1
        ? `Mesh ${chosen[0]}`
        : `${chosen.length} of ${meshes.length} meshes`;
  return (
    <details className="topo-filters__meshes" data-testid="topology-mesh-filter">
      <summary className="button">{summary}</summary>
      <fieldset className="topo-filters__menu">
        <legend className="visually-hidden">Meshes to show</legend>
        {meshes.length === 0 && <p className="muted">No meshes.</p>}
        {meshes.map((mesh) => (
          <label key={mesh} className="checkbox">
            <input
              type="checkbox"
              checked={chosen.includes(mesh)}
              onChange={(event) =>
                onChange(
                  event.target.checked ? [...chosen, mesh] : chosen.filter((name) => name !== mesh),
                )
              }
            />
            {mesh}
          </label>
        ))}
        {chosen.length > 0 && (
          <button type="button" className="button button--small" onClick={() => onChange([])}>
            Show all meshes
          </button>
        )}
      </fieldset>
    </details>
  );
}

/** Mesh, gateway kind, health and text filters; every one of them lives in the URL. */
export function TopologyFilters({
  params,
  meshes,
  builtinGateways,
  onChange,
}: {
  params: TopologyParams;
  meshes: readonly string[];
  /** False on 3.x: no built-in gateways, so no kind to choose. */
  builtinGateways: boolean;
  onChange: (changes: TopologyParamChanges) => void;
}) {
  const kindId = useId();
  const healthId = useId();
  return (
    <search className="topo-filters" aria-label="Topology filters">
      <MeshPicker
        meshes={meshes}
        chosen={params.meshes}
        onChange={(chosen) => onChange({ meshes: chosen })}
      />
      {builtinGateways && (
        <span className="topo-filters__field">
          <label htmlFor={kindId}>Gateways</label>
          <select
            id={kindId}
            value={params.kind ?? ''}
            onChange={(event) =>
              onChange({ kind: (event.target.value || undefined) as GatewayKindFilter | undefined })
            }
          >
            <option value="">All kinds</option>
            <option value="builtin">Built-in only</option>
            <option value="delegated">Delegated only</option>
          </select>
        </span>
      )}
      <span className="topo-filters__field">
        <label htmlFor={healthId}>Health</label>
        <select
          id={healthId}
          value={params.health ?? ''}
          onChange={(event) =>
            onChange({ health: (event.target.value || undefined) as HealthFilter | undefined })
          }
        >
          <option value="">Any</option>
          <option value="online">Online</option>
          <option value="degraded">Degraded</option>
          <option value="offline">Offline</option>
        </select>
      </span>
      <SearchBox value={params.q} onSearch={(q) => onChange({ q })} />
      {hasActiveFilter(params) && (
        <button
          type="button"
          className="button button--small"
          onClick={() => onChange({ meshes: [], kind: undefined, health: undefined, q: '' })}
        >
          Clear filters
        </button>
      )}
    </search>
  );
}
