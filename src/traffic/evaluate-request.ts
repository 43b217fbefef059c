/**
 * Traffic-path evaluation: where and why a request through a gateway fails. The dashboard's
 * debugger and the demo control plane's traffic simulation both call these functions, so a
 * prediction and the simulated status always agree.
 *
 * Built-in gateway: gateway → instances → configuration → listener → route → rule → backend →
 * endpoints → permission, one stage per file under `./evaluate/` (`builtin.ts` chains them).
 * Delegated gateway (Kong beside a sidecar): Kuma knows nothing of Kong's routing, so the
 * request is evaluated as a service call from the delegated Dataplane to the service it targets
 * (`./evaluate/delegated.ts`). Connection-level failures carry status 0.
 */
import type { ControlPlaneSnapshot } from '../kuma/snapshot';
import { evaluateBuiltin } from './evaluate/builtin';
import { evaluateDelegated } from './evaluate/delegated';
import { Trace } from './evaluate/trace';
import type { GatewayRequest, TraceResult } from './evaluate/types';

export { evaluateServiceCall } from './evaluate/delegated';
export {
  type BackendOutcome,
  type BackendReport,
  type GatewayRequest,
  MAX_REQUEST_HEADERS_BYTES,
  NO_HEALTHY_UPSTREAM_MESSAGE,
  NO_ROUTES_MESSAGE,
  RBAC_DENIED_MESSAGE,
  requestHeadersSize,
  type StepKind,
  type TraceResult,
  type TraceStep,
  type Verdict,
  type VerdictKind,
} from './evaluate/types';

/** Public entry point: trace one request through a built-in or delegated gateway. */
export function evaluateGatewayRequest(
  snapshot: ControlPlaneSnapshot,
  request: GatewayRequest,
): TraceResult {
  const gateway = request?.gateway;
  if (gateway && 'delegatedService' in gateway)
    return evaluateDelegated(snapshot, request, gateway);
  if (!gateway || !('name' in gateway)) {
    const trace = new Trace();
    return trace.fail(
      { kind: 'gateway', outcome: 'fail', summary: 'The request names no gateway.' },
      'connection-refused',
      0,
      'No gateway given.',
    );
  }
  return evaluateBuiltin(snapshot, request, gateway);
}
