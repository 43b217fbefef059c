/**
 * The schemas the queries parse responses with. They live in `./schemas` beside the types
 * inferred from them; this module keeps the import path the queries and forms use.
 */
export {
  anyJsonSchema,
  configSchema,
  dataplaneOverviewSchema,
  dataplaneSchema,
  indexSchema,
  inspectRulesSchema,
  listOf,
  meshGatewaySchema,
  meshHttpRouteSchema,
  meshInsightSchema,
  meshSchema,
  meshServiceSchema,
  meshTcpRouteSchema,
  meshTrafficPermissionSchema,
  resourcesSchema,
  serviceInsightSchema,
  zoneOverviewSchema,
} from './schemas';
