/**
 * What other features may use of `gateway-forms`: its public surface. Everything else in this folder
 * is its own (lint refuses imports of another feature's files; see the README's Layout).
 */
export {
  BuiltinGatewayActions,
  CreateGatewayLink,
  DelegatedGatewayActions,
  DraftList,
  RouteEditLink,
} from './entry-points';
export { MissingSecretBanner } from './secret-notice';
