import { Link } from 'react-router';
import { resourceHref } from '../../lib/fix-links';
import { serviceDataplanesPath } from '../../lib/paths';
import type { TraceStep } from '../../traffic/evaluate-request';
import { Pill } from '../../ui/status-badge';
import { tracePermissionFix } from './finding-links';
import type { TraceRun } from './run-trace';

const STEP_LABELS: Record<TraceStep['kind'], string> = {
  gateway: 'Gateway',
  instances: 'Instances',
  configuration: 'Configuration',
  listener: 'Listener',
  route: 'Route',
  rule: 'Rule',
  backend: 'Backend',
  endpoints: 'Endpoints',
  permission: 'Permission',
};

const OUTCOME_TEXT: Record<TraceStep['outcome'], string> = {
  pass: 'passed',
  fail: 'failed',
  warn: 'warning',
};

function statusText(status: number, kind?: string): string {
  // A trace the dashboard stopped (a too costly route regex) predicts no answer at all.
  if (kind === 'not-evaluated') return 'no prediction';
  return status === 0 ? 'no HTTP response' : `HTTP ${status}`;
}

function ResourceLink({ resource }: { resource: NonNullable<TraceStep['resource']> }) {
  const href = resourceHref(resource);
  const label = `${resource.type} ${resource.name}`;
  return href ? (
    <Link to={href}>{label}</Link>
  ) : (
    <span className="trace-step__resource">{label}</span>
  );
}

function PermissionFixLink({ run, step }: { run: TraceRun; step: TraceStep }) {
  const fix = tracePermissionFix(run, step);
  if (!fix) return null;
  return (
    <>
      {' · '}
      <Link to={fix.href} data-testid="permission-fix">
        {fix.label}
      </Link>
    </>
  );
}

/** The verdict, then every step with the resource it used and why it matched or not. */
export function TraceView({ run }: { run: TraceRun }) {
  const result = run.result;
  if (!result) return null;
  const { verdict } = result;
  const failing = verdict.failingStep;
  return (
    <div className="trace">
      <section
        className={`card trace-verdict trace-verdict--${verdict.kind === 'ok' ? 'ok' : 'fail'}`}
        aria-labelledby="trace-verdict"
        data-testid="trace-verdict"
        data-status={verdict.status}
        data-kind={verdict.kind}
      >
        <h2 id="trace-verdict">
          {statusText(verdict.status, verdict.kind)}{' '}
          <span className="muted">({verdict.kind.replace(/-/g, ' ')})</span>
        </h2>
        <p>{verdict.message}</p>
        {failing !== undefined && result.steps[failing] && (
          <p>
            Caused by step {failing + 1}: <strong>{STEP_LABELS[result.steps[failing].kind]}</strong>
          </p>
        )}
        {run.gateway && (
          <p className="muted">
            Through {run.viaEdge ? 'the edge Kong Gateway, then ' : ''}
            {run.gateway.kind === 'builtin' ? 'built-in gateway' : 'delegated gateway'}{' '}
            <strong>{run.gateway.name}</strong>
          </p>
        )}
      </section>
      <ol className="trace-steps" data-testid="trace-steps">
        {run.viaEdge && (
          <li className="trace-step trace-step--pass">
            <span className="trace-step__kind">Edge</span>
            <span className="visually-hidden">passed: </span>
            <div>
              The edge Kong Gateway forwards to {run.gateway?.name}. Kuma cannot see Kong's routes,
              so every gateway it fronts was tried (
              {run.tried
                .map(
                  (entry) =>
                    `${entry.gateway.name}: ${statusText(entry.result.verdict.status, entry.result.verdict.kind)}`,
                )
                .join(', ')}
              ).
            </div>
          </li>
        )}
        {result.steps.map((step, index) => (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: a trace's steps are positional; the same kind can repeat
            key={`${step.kind}-${index}`}
            className={`trace-step trace-step--${step.outcome}`}
            data-outcome={step.outcome}
          >
            <span className="trace-step__kind">{STEP_LABELS[step.kind]}</span>
            <span className="visually-hidden">{OUTCOME_TEXT[step.outcome]}: </span>
            <div>
              <div>{step.summary}</div>
              {step.detail && <div className="muted">{step.detail}</div>}
              {step.resource && (
                <div className="trace-step__links">
                  <ResourceLink resource={step.resource} />
                  <PermissionFixLink run={run} step={step} />
                </div>
              )}
            </div>
          </li>
        ))}
      </ol>
      {result.backends.length > 0 && (
        <section className="card" aria-labelledby="trace-backends">
          <h2 id="trace-backends">Backends</h2>
          <div className="table-wrap">
            <table className="table trace-backend-table">
              <thead>
                <tr>
                  <th scope="col">Service</th>
                  <th scope="col">Share</th>
                  <th scope="col">Healthy endpoints</th>
                  <th scope="col">Outcome</th>
                </tr>
              </thead>
              <tbody>
                {result.backends.map((backend) => (
                  <tr key={`${backend.service}-${backend.weight}`}>
                    <td>
                      <Link
                        to={serviceDataplanesPath(
                          backend.dataplanes[0]?.mesh ?? '',
                          backend.service,
                        )}
                      >
                        {backend.service}
                      </Link>
                    </td>
                    <td>{Math.round(backend.share * 1000) / 10}%</td>
                    <td>
                      {backend.healthyEndpoints} / {backend.totalEndpoints}
                    </td>
                    <td>
                      <Pill tone={backend.outcome === 'ok' ? 'success' : 'danger'}>
                        {backend.outcome.replace(/-/g, ' ')}
                      </Pill>
                      {backend.permission && (
                        <div className="muted">{backend.permission.reason}</div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}
