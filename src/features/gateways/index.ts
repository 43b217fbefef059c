/**
 * What other features may use of `gateways`: its public surface. Everything else in this folder
 * is its own (lint refuses imports of another feature's files; see the README's Layout).
 */
// The path builders live in src/lib/paths; re-exported for the forms, which import them here.
export { builtinGatewayPath, delegatedGatewayPath } from '../../lib/paths';
export { crossMeshAddress, redactInlineCertificates } from './gateway-summary';
