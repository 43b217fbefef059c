/**
 * What other features may use of `gateways`: its public surface. Everything else in this folder
 * is its own (lint refuses imports of another feature's files; see the README's Layout).
 */
export { crossMeshAddress, redactInlineCertificates } from './gateway-summary';
