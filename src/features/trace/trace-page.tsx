import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { displayNameOf } from '../../kuma/display-name';
import type { GatewayList } from '../../kuma/queries/gateways';
import { topologyPath } from '../../lib/paths';
import { useKumaApi } from '../../ui/api-context';
import { StaleBanner } from '../../ui/live';
import { PageHeader } from '../../ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { Tabs } from '../../ui/tabs';
import { browserStorage, loadEdgeFronts } from '../topology';
import { frontedGateways } from './fronted-gateways';
import { MeshCheck } from './mesh-check';
import { runTrace } from './run-trace';
import {
  EMPTY_TRACE,
  gatewayChoice,
  parseTarget,
  type TraceInput,
  traceFromParams,
  traceToParams,
} from './trace-input';
import { TraceView } from './trace-view';
import { useControlPlaneSnapshot } from './use-mesh-snapshot';
import './trace.css';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

function TraceForm({
  input,
  meshes,
  gateways,
  onSubmit,
  requested,
  onProblem,
}: {
  input: TraceInput;
  meshes: string[];
  gateways: GatewayList | undefined;
  onSubmit: (input: TraceInput) => void;
  /** A trace was asked for (by Trace, or by a shared link): say what is wrong with it. */
  requested: boolean;
  /** Whether what the form holds now is refused: the last result is not this request's. */
  onProblem: (refused: boolean) => void;
}) {
  const [draft, setDraft] = useState(input);
  // Checked on Trace, then again as the user corrects it: never a trace of what is not a URL.
  const [checking, setChecking] = useState(requested);
  const urlRef = useRef<HTMLInputElement>(null);
  const headersRef = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const mesh = draft.mesh || meshes[0] || '';
  const builtin = gateways?.builtin.filter((entry) => entry.gateway.mesh === mesh) ?? [];
  const delegated = gateways?.delegated.filter((entry) => entry.mesh === mesh) ?? [];
  const parsed = parseTarget(draft);
  const problem = checking && !parsed.ok ? parsed : undefined;
  const refused = problem !== undefined;
  useEffect(() => onProblem(refused), [refused, onProblem]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!parsed.ok) {
      setChecking(true);
      (parsed.field === 'url' ? urlRef : headersRef).current?.focus();
      return;
    }
    onSubmit({ ...draft, mesh });
  };
  const invalid = (name: 'url' | 'headers') =>
    problem?.field === name
      ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${name}-error` }
      : {};
  const message = (name: 'url' | 'headers') =>
    problem?.field === name ? (
      <p
        id={`${id}-${name}-error`}
        className="trace-form__error"
        role="alert"
        data-testid="trace-input-error"
      >
        {problem.error}
      </p>
    ) : null;
  const field = (name: keyof TraceInput) => ({
    id: `${id}-${name}`,
    value: name === 'mesh' ? mesh : draft[name],
    onChange: (event: { target: { value: string } }) =>
      setDraft({ ...draft, [name]: event.target.value }),
  });
  return (
    <form className="card trace-form" onSubmit={submit} aria-label="Request to trace">
      <div className="trace-form__row">
        <label htmlFor={`${id}-mesh`}>Mesh</label>
        <select {...field('mesh')}>
          {meshes.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-gateway`}>Through</label>
        <select {...field('gateway')}>
          <option value="edge">the edge Kong Gateway</option>
          {builtin.map((entry) => (
            <option key={entry.gateway.name} value={`builtin:${entry.gateway.name}`}>
              built-in gateway {displayNameOf(entry.gateway)}
            </option>
          ))}
          {delegated.map((entry) => (
            <option key={entry.service} value={`delegated:${entry.service}`}>
              delegated gateway {entry.service}
            </option>
          ))}
        </select>
      </div>
      <div className="trace-form__row">
        <label htmlFor={`${id}-method`}>Method</label>
        <select {...field('method')}>
          {METHODS.map((method) => (
            <option key={method}>{method}</option>
          ))}
        </select>
        <label htmlFor={`${id}-url`}>URL</label>
        <input
          {...field('url')}
          {...invalid('url')}
          ref={urlRef}
          type="text"
          spellCheck={false}
          placeholder="http://shop.example.com/api"
          className="trace-form__url"
        />
      </div>
      {message('url')}
      <label htmlFor={`${id}-headers`}>Headers (one "Name: value" per line)</label>
      <textarea
        {...field('headers')}
        {...invalid('headers')}
        ref={headersRef}
        rows={3}
        spellCheck={false}
      />
      {message('headers')}
      <div>
        <button type="submit" className="button button--primary">
          Trace
        </button>
      </div>
    </form>
  );
}

function TraceTab() {
  const api = useKumaApi();
  const [params, setParams] = useSearchParams();
  // react-router keeps `params` the same object while the query string is unchanged.
  const input = useMemo(() => traceFromParams(params), [params]);
  const data = useControlPlaneSnapshot(input.mesh);
  const mesh = input.mesh || data.meshNames[0] || '';
  const target = useMemo(() => parseTarget(input), [input]);
  const run = useMemo(() => {
    // What is not a URL is not traced: the form says what is wrong with it, beside the field.
    if (!data.snapshot || !input.mesh || !target.ok) return undefined;
    const choice = gatewayChoice(input.gateway);
    return runTrace(
      data.snapshot,
      input.mesh,
      choice,
      target,
      input.method,
      // What the user set the edge to front on the topology, for this control plane.
      frontedGateways(
        data.gateways,
        input.mesh,
        loadEdgeFronts(browserStorage(), api.caps.identity),
      ),
    );
  }, [data.snapshot, data.gateways, input, target, api.caps.identity]);
  const submit = (next: TraceInput) => {
    const updated = traceToParams(next);
    updated.set('tab', 'trace');
    setParams(updated);
  };
  // The result below is of the trace in the address: hidden while the form holds what is not a
  // URL, so "HTTP 200" never shows under an input the trace refused.
  const [refused, setRefused] = useState(false);
  const topologyLink = topologyPath({ mesh, trace: traceToParams({ ...input, mesh }).toString() });
  return (
    <>
      <StaleBanner query={data.status} />
      {data.meshNames.length > 0 && (
        <TraceForm
          key={params.toString()}
          input={{ ...EMPTY_TRACE, ...input, mesh }}
          meshes={data.meshNames}
          gateways={data.gateways}
          onSubmit={submit}
          requested={Boolean(input.mesh)}
          onProblem={setRefused}
        />
      )}
      {data.error && !data.snapshot ? (
        <ErrorState title="Cannot read the mesh" error={data.error} />
      ) : null}
      {!input.mesh && data.meshNames.length > 0 && (
        <EmptyState title="Describe a request and trace it." />
      )}
      {input.mesh && data.pending && <LoadingState label="Reading the mesh…" />}
      {!refused && run?.problem && (
        <div className="banner banner--warning" role="alert">
          {run.problem}
        </div>
      )}
      {!refused && run?.result && (
        <>
          <p>
            <Link to={topologyLink}>Show this path on the topology</Link>
          </p>
          <TraceView run={run} />
        </>
      )}
    </>
  );
}

export function TracePage() {
  return (
    <>
      <PageHeader
        title="Trace"
        subtitle="Where and why a request fails, from the control plane's own data."
      />
      <Tabs
        label="Debugger"
        tabs={[
          { id: 'trace', label: 'Trace a request', render: () => <TraceTab /> },
          { id: 'check', label: 'Check a mesh', render: () => <MeshCheck /> },
        ]}
      />
    </>
  );
}
