/**
 * The schemas the queries parse responses with. They live in `./schemas` beside the types
 * inferred from them; this module keeps the import path the queries and forms use.
 */
export {
  inspectRulesSchema,
  meshHttpRouteSchema,
  meshServiceSchema,
  meshTcpRouteSchema,
  meshTrafficPermissionSchema,
} from './policy-schemas';
export {
  anyJsonSchema,
  configSchema,
  dataplaneOverviewSchema,
  dataplaneSchema,
  indexSchema,
  listOf,
  meshGatewaySchema,
  meshInsightSchema,
  meshSchema,
  resourcesSchema,
  serviceInsightSchema,
  zoneOverviewSchema,
} from './schemas';
