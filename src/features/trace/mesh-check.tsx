import { useEffect, useMemo, useRef } from 'react';
import { diagnoseMesh, type Severity } from '../../diagnosis';
import { counted } from '../../lib/plural';
import { FindingCard } from '../../ui/finding-card';
import { StaleBanner } from '../../ui/live';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { useUrlState } from '../../ui/url-state';
import { useControlPlaneSnapshot } from './use-mesh-snapshot';

const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'info'];

/** Every diagnosis rule over one mesh, live: findings appear and disappear as the mesh changes. */
export function MeshCheck() {
  const [meshParam, setMesh] = useUrlState('mesh', '');
  const data = useControlPlaneSnapshot(meshParam);
  const mesh = meshParam || data.meshNames[0] || '';
  useEffect(() => {
    if (!meshParam && mesh) setMesh(mesh);
  }, [meshParam, mesh, setMesh]);
  const findings = useMemo(
    () => (data.snapshot && mesh ? diagnoseMesh(data.snapshot, mesh) : undefined),
    [data.snapshot, mesh],
  );
  const seen = useRef(new Set<string>());
  const fresh = new Set(
    (findings ?? [])
      .filter((finding) => seen.current.size > 0 && !seen.current.has(finding.id))
      .map((finding) => finding.id),
  );
  useEffect(() => {
    if (findings) seen.current = new Set(findings.map((finding) => finding.id));
  }, [findings]);
  return (
    <>
      <StaleBanner query={data.status} />
      <div className="search">
        <label>
          Mesh{' '}
          <select value={mesh} onChange={(event) => setMesh(event.target.value, true)}>
            {data.meshNames.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </label>
        {findings && (
          <span className="muted" data-testid="finding-summary">
            {SEVERITY_ORDER.map((severity) =>
              counted(
                findings.filter((finding) => finding.severity === severity).length,
                severity,
                severity === 'info' ? 'info' : `${severity}s`,
              ),
            ).join(' · ')}
          </span>
        )}
      </div>
      {data.pending && <LoadingState label="Checking the mesh…" />}
      {data.error && !data.snapshot ? (
        <ErrorState title="Cannot read the mesh" error={data.error} />
      ) : null}
      {findings && findings.length === 0 && (
        <EmptyState title={`No problem found in mesh ${mesh}.`} />
      )}
      {findings && findings.length > 0 && (
        <ul className="findings" aria-live="polite">
          {findings.map((finding) => (
            <FindingCard key={finding.id} finding={finding} fresh={fresh.has(finding.id)} />
          ))}
        </ul>
      )}
    </>
  );
}
