/**
 * What other features may use of `trace`: its public surface. Everything else in this folder
 * is its own (lint refuses imports of another feature's files; see the README's Layout).
 */
export { frontedGateways } from './fronted-gateways';
export type { TraceRun } from './run-trace';
export {
  gatewayChoice,
  gatewayRequest,
  parseTarget,
  type TraceInput,
  traceFromParams,
  traceToParams,
} from './trace-input';
export { useControlPlaneSnapshot } from './use-mesh-snapshot';
