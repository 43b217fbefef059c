import { Link } from 'react-router';
import { tracePath } from '../../lib/paths';
import type { TraceRun } from '../trace';
import { type TraceInput, traceToParams } from '../trace';

/** Says which traced request is drawn, its verdict, and links back to the full trace. */
export function TracedBanner({ run, input }: { run: TraceRun; input: TraceInput }) {
  const verdict = run.result?.verdict;
  const back = tracePath(traceToParams(input));
  return (
    <div
      className={`banner ${verdict?.kind === 'ok' ? 'banner--info' : 'banner--warning'}`}
      data-testid="traced-banner"
      role="status"
    >
      Highlighted: {input.method} {input.url} through{' '}
      {run.gateway
        ? `${run.gateway.kind === 'builtin' ? 'built-in' : 'delegated'} gateway ${run.gateway.name}`
        : 'no gateway'}
      {verdict && (
        <>
          {' '}
          — {verdict.status === 0 ? 'no HTTP response' : `HTTP ${verdict.status}`}:{' '}
          {verdict.message.replace(/^\d{3}: /, '')}
        </>
      )}
      {run.problem && <> — {run.problem}</>}. <Link to={back}>Open the trace</Link>
    </div>
  );
}
