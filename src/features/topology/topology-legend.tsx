import { LEGEND, TONE_COLOR } from './legend';

/**
 * Line kinds, health colours and the observed-traffic label, in one compact row; `notes` name
 * links the drawing leaves out (between meshes, at scale).
 */
export function TopologyLegend({ notes = [] }: { notes?: readonly string[] }) {
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
        <li className="topo-legend__item" data-legend="observed">
          <span className="topo-edge-label topo-edge-label--static">{LEGEND.observed.example}</span>
          observed
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
