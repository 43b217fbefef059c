import type { TopologyEdge } from '../../topology/types';
import { LEGEND, observedTraffic, TONE_COLOR } from './legend';

/**
 * Line kinds, health colours and the observed-traffic label, in one compact row; `notes` name
 * links the drawing leaves out (between meshes, at scale). The traffic chip adds up what the
 * gateways of `edges` send on, live, in the form an edge label takes.
 */
export function TopologyLegend({
  notes = [],
  edges = [],
}: {
  notes?: readonly string[];
  edges?: readonly TopologyEdge[];
}) {
  const observed = observedTraffic(edges);
  return (
    <section className="topo-legend" aria-label="Legend">
      <ul className="topo-legend__list">
        {LEGEND.edges.map((item) => (
          <li key={item.id} className="topo-legend__item" data-legend={item.id}>
            <svg width="28" height="10" aria-hidden="true" focusable="false">
              <line
                x1="1"
                y1="5"
                x2="27"
                y2="5"
                style={{
                  stroke: TONE_COLOR[item.tone],
                  strokeWidth: 2.5,
                  ...(item.dashed ? { strokeDasharray: '7 5' } : {}),
                }}
              />
            </svg>
            {item.label}
          </li>
        ))}
        {LEGEND.health.map((item) => (
          <li key={item.health} className="topo-legend__item" data-legend={item.health}>
            <span className={`topo-dot topo-dot--${item.health}`} aria-hidden="true" />
            {item.label}
          </li>
        ))}
        <li
          className="topo-legend__item"
          data-legend="observed"
          data-testid="legend-observed"
          data-rps={observed?.requestsPerSecond}
          data-error-share={observed?.errorShare}
        >
          <span className="topo-edge-label topo-edge-label--static">
            {observed ? observed.label : '… rps'}
          </span>
          {observed ? 'observed at the gateways' : 'gateway traffic not sampled yet'}
        </li>
      </ul>
      {notes.map((note) => (
        <p key={note} className="muted topo-legend__note" data-testid="topology-legend-note">
          {note}
        </p>
      ))}
    </section>
  );
}
