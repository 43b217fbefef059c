/** The built-in gateway page's Instances and YAML tabs. */
import { useMemo } from 'react';
import { meshGatewayKubernetesQuery } from '../../kuma/queries/resources';
import type { MeshGateway } from '../../kuma/types';
import { counted, plural } from '../../lib/plural';
import { useKumaApi } from '../../ui/api-context';
import { useLiveQuery } from '../../ui/live';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { InstancesTable, YamlBlock } from './gateway-parts';
import { REDACTED, redactInlineCertificates } from './gateway-summary';
import type { BuiltinGatewayModel } from './listener-routes';

export function InstancesTab({
  model,
  gateway,
}: {
  model: BuiltinGatewayModel;
  gateway: MeshGateway;
}) {
  return (
    <>
      {model.stolen.length > 0 && (
        <div className="banner banner--warning" role="note">
          {model.stolen.map(({ instance, boundTo }) => (
            <div key={instance.name}>
              Dataplane {instance.name} matches this gateway's selectors but serves MeshGateway{' '}
              {boundTo.name}, whose selector is more specific or newer.
            </div>
          ))}
        </div>
      )}
      {model.instances.length === 0 ? (
        <EmptyState title="No instance serves this gateway.">
          <p className="muted">
            No BUILTIN gateway Dataplane in mesh {gateway.mesh} is bound to it, so nothing listens
            on its ports. Start kuma-dp with gateway tags matching one of its selectors (on
            Kubernetes, a MeshGatewayInstance).
          </p>
        </EmptyState>
      ) : (
        <InstancesTable
          dataplanes={model.instances.map((instance) => instance.dataplane)}
          testId="instance-table"
        />
      )}
    </>
  );
}

function KubernetesYaml({ mesh, name }: { mesh: string; name: string }) {
  const api = useKumaApi();
  const query = useLiveQuery(meshGatewayKubernetesQuery(api, mesh, name));
  if (query.isPending) return <LoadingState label="Loading the Kubernetes form…" />;
  if (query.isError && query.data === undefined) {
    return (
      <ErrorState
        title="Cannot read the Kubernetes form"
        error={query.error}
        onRetry={() => void query.refetch()}
      />
    );
  }
  return <RedactedYaml value={query.data} label="Kubernetes (kubectl)" />;
}

/** YAML of a MeshGateway without inline certificate data (private keys). */
function RedactedYaml({ value, label }: { value: unknown; label: string }) {
  const redaction = useMemo(() => redactInlineCertificates(value), [value]);
  return (
    <>
      {redaction.redacted > 0 && (
        <p className="gw-problem" role="note">
          {counted(redaction.redacted, 'inline certificate value')}{' '}
          {plural(redaction.redacted, 'is', 'are')} replaced by “{REDACTED}”: the dashboard never
          shows private keys.
        </p>
      )}
      <YamlBlock value={redaction.value} label={label} />
    </>
  );
}

export function YamlTab({
  gateway,
  mesh,
  name,
}: {
  gateway: MeshGateway;
  mesh: string;
  name: string;
}) {
  return (
    <div data-testid="gateway-yaml">
      <RedactedYaml value={gateway} label="Universal (kumactl)" />
      <KubernetesYaml mesh={mesh} name={name} />
    </div>
  );
}
