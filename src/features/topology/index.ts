/**
 * What other features may use of `topology`: its public surface. Everything else in this folder
 * is its own (lint refuses imports of another feature's files; see the README's Layout).
 */
export { assembleSnapshot } from './assemble-snapshot';
export {
  browserStorage,
  type EdgeFrontOverrides,
  frontableGateways,
  isFronted,
  loadEdgeFronts,
} from './edge-fronts';
export { gatewayRates, type StatsSample, sampleOf } from './traffic-rates';
