/**
 * The service page's path now lives with the app's other path builders (`src/app/paths.ts`),
 * where the topology, dataplane, gateway and trace screens reach it without importing this
 * feature. Re-exported here so the screens that still import it keep working.
 */
export { type ServiceRef, servicePath, serviceRefPath } from '../../app/paths';
