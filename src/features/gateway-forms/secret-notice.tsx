/**
 * On a gateway's page: the listeners whose certificate names a secret the mesh lacks. kuma-cp
 * accepts such a gateway but cannot generate its configuration, so this is said where the gateway
 * is looked at, in the diagnosis' words. Nothing is said when the secrets cannot be listed
 * (admin-only): no judgement, and no noise about it either.
 */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { createSecretHint } from '../../diagnosis/rules/tls';
import { secretNamesQuery } from '../../kuma/queries/secrets';
import type { MeshGateway } from '../../kuma/types';
import { editGatewayPath } from '../../lib/paths';
import { useKumaApi } from '../../ui/api-context';
import { missingSecretWarnings } from './secret-check';

const CERTIFICATE_PATH = /^conf\.listeners\[(\d+)\]\.tls\.certificates\[(\d+)\]\.secret$/;

export function MissingSecretBanner({ gateway, mesh }: { gateway: MeshGateway; mesh: string }) {
  const api = useKumaApi();
  const secrets = useQuery(secretNamesQuery(api, mesh));
  const names = secrets.data?.readable ? secrets.data.names : undefined;
  const missing = missingSecretWarnings(gateway, mesh, names).flatMap((warning) => {
    const match = CERTIFICATE_PATH.exec(warning.field);
    if (!match) return [];
    const index = Number(match[1]);
    const listener = gateway.conf?.listeners?.[index];
    const secret = listener?.tls?.certificates?.[Number(match[2])]?.secret ?? '';
    return [{ index, listener, secret }];
  });
  if (missing.length === 0) return null;
  return (
    <section
      className="banner banner--error gw-config-failure"
      aria-labelledby="gw-missing-secret-title"
      data-testid="gateway-missing-secret"
    >
      <h2 id="gw-missing-secret-title">
        Missing certificate secret{missing.length === 1 ? '' : 's'}: kuma-cp cannot build this
        gateway's configuration
      </h2>
      <ul>
        {missing.map(({ index, listener, secret }) => (
          <li key={`${index}-${secret}`}>
            Listener #{index} ({listener?.protocol} :{listener?.port}, hostname{' '}
            {listener?.hostname || '*'}) names secret <code>{secret}</code>, which does not exist in
            mesh <code>{mesh}</code>. {createSecretHint(secret, mesh)}
          </li>
        ))}
      </ul>
      {api.caps.builtinGateways && (
        <p>
          <Link to={editGatewayPath(mesh, gateway.name)}>Edit gateway {gateway.name}</Link>
        </p>
      )}
    </section>
  );
}
