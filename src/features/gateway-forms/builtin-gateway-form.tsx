/**
 * The built-in gateway form (2.6 – 2.14): a MeshGateway with its selectors, tags and listeners,
 * and its capacity: BUILTIN gateway Dataplanes on Universal, a MeshGatewayInstance on Kubernetes.
 */

import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useCallback, useMemo } from 'react';
import { useFieldArray, useFormContext } from 'react-hook-form';
import { Link } from 'react-router';
import type { Capabilities } from '../../kuma/capabilities';
import { formMeshQuery } from '../../kuma/mutations/form-queries';
import { readOnlyReasonFor, resourcePath, type WriteItem } from '../../kuma/mutations/writes';
import type { DataplaneOverview, MeshGateway } from '../../kuma/types';
import { builtinGatewayPath, gatewayListPath, newRoutePath } from '../../lib/paths';
import { useKumaApi } from '../../ui/api-context';
import {
  AutoServiceTag,
  KubernetesCapacity,
  ListenerFields,
  SelectorFields,
  UniversalCapacity,
} from './builtin-gateway-fields';
import { checkMeshGatewayForm } from './checks';
import { draftKey } from './drafts';
import { gatewayInstanceField, issuesFromViolations, meshGatewayField } from './field-paths';
import { TagRowsField, TextField } from './fields';
import { FieldMessages, useIssues } from './issues';
import { instanceTags, meshGatewayToForm } from './mesh-gateway-convert';
import {
  emptyListener,
  emptyMeshGatewayForm,
  emptyMeshGatewayInstance,
  type FormContext,
  formContext,
  type MeshGatewayForm,
} from './model';
import { Section } from './page-parts';
import { type Evaluation, ResourceForm } from './resource-form';
import { shellQuote } from './resource-text';
import { missingSecretWarnings } from './secret-check';
import { useSecretNames } from './secret-picker';
import type { YamlModeOptions } from './yaml-mode';
import { kubernetesObject } from './yaml-output';

export function evaluateBuiltinGateway(
  values: MeshGatewayForm,
  ctx: FormContext,
  caps: Capabilities,
  options: { isNew: boolean; stored?: MeshGateway; secretNames?: readonly string[] },
): Evaluation {
  const check = checkMeshGatewayForm(values, ctx, {
    isNew: options.isNew,
    labels: options.stored?.labels,
  });
  const { gateway, dataplanes, instance } = check.resources;
  // A certificate naming a secret the mesh lacks: accepted by kuma-cp, broken at runtime.
  const secretWarnings = issuesFromViolations(
    missingSecretWarnings(gateway, ctx.mesh, options.secretNames),
    (path, message) => meshGatewayField(path, message, values),
    'warning',
  );
  const items: WriteItem[] = [
    {
      resource: gateway,
      label: `MeshGateway ${gateway.name}`,
      path: resourcePath(caps, gateway),
      readOnlyReason: readOnlyReasonFor(caps, 'MeshGateway'),
      toField: (path, message) => meshGatewayField(path, message, values),
    },
    ...dataplanes.map(
      (dataplane, i): WriteItem => ({
        resource: dataplane,
        label: `Dataplane ${dataplane.name}`,
        path: resourcePath(caps, dataplane),
        readOnlyReason: readOnlyReasonFor(caps, 'Dataplane'),
        toField: (path) => gatewayInstanceField(path, i),
      }),
    ),
  ];
  const service = instanceTags(values)['kuma.io/service'] ?? values.name;
  const extraBlocks =
    dataplanes.length > 0
      ? [
          {
            label: 'Start each instance (kuma-dp)',
            testId: 'kuma-dp-commands',
            text: [
              `# A dataplane token for the gateway's service, then kuma-dp on each machine with its`,
              `# Dataplane YAML (above) saved as <name>.yaml:`,
              `kumactl generate dataplane-token --mesh ${shellQuote(ctx.mesh)} --tag ${shellQuote(`kuma.io/service=${service}`)} --valid-for 720h > ${shellQuote(`${service}-token`)}`,
              ...dataplanes.map(
                (dataplane) =>
                  `kuma-dp run --cp-address=https://<control-plane>:5678 ${shellQuote(`--dataplane-file=${dataplane.name}.yaml`)} ${shellQuote(`--dataplane-token-file=${service}-token`)} --dns-enabled=false`,
              ),
              '',
            ].join('\n'),
          },
        ]
      : undefined;
  return {
    errors: check.errors,
    warnings: [...check.warnings, ...secretWarnings],
    items,
    universal: [gateway, ...dataplanes],
    kubernetes: [kubernetesObject(gateway, ctx.systemNamespace), ...(instance ? [instance] : [])],
    extraBlocks,
  };
}

/** While creating, the selector's service (and 2.6's instance tag) follows the gateway name. */
function BuiltinFields({
  values,
  ctx,
  mode,
  meshPicker,
  existing,
}: {
  values: MeshGatewayForm;
  ctx: FormContext;
  mode: 'create' | 'edit';
  meshPicker?: ReactNode;
  existing?: DataplaneOverview[];
}) {
  const { control } = useFormContext<MeshGatewayForm>();
  const listeners = useFieldArray({ control, name: 'listeners' });
  const issues = useIssues();
  const nextPort = () => {
    const ports = values.listeners.map((listener) => Number(listener.port) || 0);
    return String(Math.max(8079, ...ports) + 1);
  };
  return (
    <>
      {mode === 'create' && <AutoServiceTag ctx={ctx} />}
      <Section title="Gateway">
        <div className="gwf-grid">
          {meshPicker}
          <TextField
            name="name"
            label="Name"
            readOnly={mode === 'edit'}
            hint={mode === 'edit' ? 'A stored resource keeps its name.' : undefined}
          />
        </div>
        <SelectorFields />
        <TagRowsField
          name="tags"
          legend="Gateway tags"
          hint="Shared by every listener; routes and policies match on them."
        />
      </Section>
      <Section title="Listeners" testId="listeners">
        <FieldMessages name="listeners" />
        {listeners.fields.map((field, i) => (
          <ListenerFields
            key={field.id}
            index={i}
            values={values}
            ctx={ctx}
            onRemove={() => listeners.remove(i)}
          />
        ))}
        <button
          type="button"
          className="button"
          onClick={() => {
            issues.mark('listeners');
            listeners.append(emptyListener(nextPort()));
          }}
        >
          Add listener
        </button>
      </Section>
      {ctx.environment === 'kubernetes' ? (
        <KubernetesCapacity values={values} ctx={ctx} />
      ) : (
        <UniversalCapacity values={values} existing={existing} ctx={ctx} />
      )}
    </>
  );
}

export function BuiltinGatewayForm({
  mode,
  mesh,
  meshPicker,
  stored,
  existing,
  secondaryActions,
}: {
  mode: 'create' | 'edit';
  mesh: string;
  meshPicker?: ReactNode;
  stored?: MeshGateway;
  existing?: DataplaneOverview[];
  secondaryActions?: ReactNode;
}) {
  const api = useKumaApi();
  const { caps } = api;
  const meshQuery = useQuery({ ...formMeshQuery(api, mesh), enabled: mesh !== '' });
  const ctx = useMemo(() => formContext(caps, mesh, meshQuery.data), [caps, mesh, meshQuery.data]);
  const initial = useMemo(
    () =>
      stored
        ? meshGatewayToForm(stored, {
            instances: [],
            kubernetes: { ...emptyMeshGatewayInstance(caps.version), enabled: false },
          })
        : emptyMeshGatewayForm(caps.version),
    [stored, caps.version],
  );
  const secrets = useSecretNames(mesh);
  const secretNames = secrets.data?.readable ? secrets.data.names : undefined;
  const evaluate = useCallback(
    (values: MeshGatewayForm) =>
      evaluateBuiltinGateway(values, ctx, caps, {
        isNew: mode === 'create',
        stored,
        secretNames,
      }),
    [ctx, caps, mode, stored, secretNames],
  );
  const storedEntries = useMemo(
    () => (stored ? [{ path: resourcePath(caps, stored), resource: stored }] : undefined),
    [stored, caps],
  );
  const yaml = useMemo<YamlModeOptions<MeshGatewayForm>>(
    () => ({
      kinds: caps.environment === 'universal' ? ['MeshGateway', 'Dataplane'] : ['MeshGateway'],
      ctx,
      storedName: stored?.name,
      secretNames,
      toValues: (resources) => {
        const gateway = resources.find((resource) => resource.type === 'MeshGateway');
        if (!gateway) return undefined;
        const instances = resources
          .filter((resource) => resource.type === 'Dataplane')
          .map((resource) => ({
            name: resource.name,
            address: String(
              (resource as { networking?: { address?: unknown } }).networking?.address ?? '',
            ),
          }));
        return meshGatewayToForm(gateway as MeshGateway, {
          instances,
          kubernetes: initial.kubernetes,
        });
      },
    }),
    [caps.environment, ctx, stored, secretNames, initial],
  );
  return (
    <ResourceForm<MeshGatewayForm>
      yaml={yaml}
      mode={mode}
      label={mode === 'create' ? 'Create a built-in gateway' : `Edit MeshGateway ${stored?.name}`}
      draftKey={draftKey(caps.identity, mesh, 'MeshGateway', stored?.name)}
      initial={initial}
      stored={storedEntries}
      evaluate={evaluate}
      tool={caps.environment === 'kubernetes' ? 'kubectl' : 'kumactl'}
      secondaryActions={secondaryActions}
      success={(outcome) => {
        const gateway = outcome.written.find(({ item }) => item.resource.type === 'MeshGateway')
          ?.item.resource;
        const name = gateway?.name ?? stored?.name ?? '';
        return (
          <p className="gwf-success__links">
            <Link to={builtinGatewayPath(mesh, name)}>Open gateway {name}</Link>
            {' · '}
            <Link to={newRoutePath(mesh, name, 'http')}>Add an HTTP route</Link>
            {' · '}
            <Link to={gatewayListPath({ mesh })}>Gateways of {mesh}</Link>
          </p>
        );
      }}
    >
      {(values) => (
        <BuiltinFields
          values={values}
          ctx={ctx}
          mode={mode}
          meshPicker={meshPicker}
          existing={existing}
        />
      )}
    </ResourceForm>
  );
}
