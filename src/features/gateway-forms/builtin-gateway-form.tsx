/**
 * The built-in gateway form (2.6 – 2.14): a MeshGateway with its selectors, tags and listeners,
 * and its capacity: BUILTIN gateway Dataplanes on Universal, a MeshGatewayInstance on Kubernetes.
 */

import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useCallback, useEffect, useMemo, useRef } from 'react';
import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { Link } from 'react-router';
import type { Capabilities } from '../../kuma/capabilities';
import { formMeshQuery } from '../../kuma/mutations/form-queries';
import { readOnlyReasonFor, resourcePath, type WriteItem } from '../../kuma/mutations/writes';
import type { DataplaneOverview, MeshGateway } from '../../kuma/types';
import { GATEWAY_SERVICE_TYPES } from '../../kuma/validation';
import { isAtLeast } from '../../kuma/version';
import { useKumaApi } from '../../ui/api-context';
import { builtinGatewayPath, crossMeshAddress } from '../gateways';
import { checkMeshGatewayForm, crossMeshRequirements } from './checks';
import { draftKey } from './drafts';
import { gatewayInstanceField, issuesFromViolations, meshGatewayField } from './field-paths';
import { CheckboxField, Group, RowButton, SelectField, TagRowsField, TextField } from './fields';
import { FieldMessages, fieldId, useIssues } from './issues';
import { instanceTags, meshGatewayToForm, protocolUsesTls } from './mesh-gateway-convert';
import {
  emptyListener,
  emptyMeshGatewayForm,
  emptyMeshGatewayInstance,
  type FormContext,
  formContext,
  type MeshGatewayForm,
  meshGatewayInstanceServiceTag,
} from './model';
import { Section } from './page-parts';
import { type Evaluation, ResourceForm } from './resource-form';
import { shellQuote } from './resource-text';
import { missingSecretWarnings } from './secret-check';
import { SecretNameField, useSecretNames } from './secret-picker';
import type { YamlModeOptions } from './yaml-mode';
import { kubernetesObject } from './yaml-output';

const PROTOCOLS = [
  { value: 'HTTP', label: 'HTTP' },
  { value: 'HTTPS', label: 'HTTPS' },
  { value: 'TCP', label: 'TCP' },
  { value: 'TLS', label: 'TLS' },
  { value: '', label: '(none)' },
];

const TLS_MODES = [
  { value: 'TERMINATE', label: 'Terminate (the gateway holds the certificate)' },
  { value: 'PASSTHROUGH', label: 'Passthrough (TLS listeners only; routed by SNI)' },
  { value: '', label: '(none)' },
];

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
function AutoServiceTag({ ctx }: { ctx: FormContext }) {
  const { control, getValues, setValue } = useFormContext<MeshGatewayForm>();
  const name = useWatch({ control, name: 'name' });
  const namespace = useWatch({ control, name: 'kubernetes.namespace' });
  const last = useRef<string | undefined>(undefined);
  useEffect(() => {
    const kubernetes = ctx.environment === 'kubernetes';
    const legacyInstance = kubernetes && !isAtLeast(ctx.version, 2, 7);
    const auto =
      kubernetes && !legacyInstance
        ? name
          ? meshGatewayInstanceServiceTag(ctx.version, name, namespace, [])
          : ''
        : name;
    const follow = (path: 'selectors.0.tags' | 'kubernetes.tags') => {
      const rows = getValues(path) ?? [];
      const row = rows.findIndex((candidate) => candidate.key === 'kuma.io/service');
      const current = rows[row]?.value;
      if (row >= 0 && (current === (last.current ?? '') || current === '')) {
        setValue(`${path}.${row}.value`, auto ?? '', { shouldDirty: true });
      }
    };
    follow('selectors.0.tags');
    if (legacyInstance) follow('kubernetes.tags');
    last.current = auto;
  }, [name, namespace, ctx, getValues, setValue]);
  return null;
}

function CertificateRows({ listener, ctx }: { listener: number; ctx: FormContext }) {
  const { control } = useFormContext<MeshGatewayForm>();
  const name = `listeners.${listener}.certificates` as const;
  const { fields, append, remove } = useFieldArray({ control, name });
  const rows = useWatch({ control, name }) ?? [];
  return (
    <Group
      name={name}
      legend="Certificates"
      hint={
        ctx.environment === 'kubernetes'
          ? `A Secret of type system.kuma.io/secret in ${ctx.systemNamespace}, labelled kuma.io/mesh: ${ctx.mesh}, holding the PEM private key and the server certificate, then its chain. One RSA and/or one ECDSA.`
          : `A secret of mesh ${ctx.mesh || '…'} holding the PEM private key and the server certificate, then its chain. One RSA and/or one ECDSA.`
      }
    >
      {fields.map((field, k) => {
        const row = rows[k];
        const valueName = `${name}.${k}.value`;
        return (
          <div key={field.id} className="gwf-row">
            {row?.source === 'inline' || row?.source === 'inlineString' ? (
              <div className="gwf-field">
                <span id={fieldId(valueName)} tabIndex={-1}>
                  Certificate {k + 1}: inline data ({row.source}), kept as stored and never shown
                </span>
                <FieldMessages name={valueName} />
              </div>
            ) : row?.source === 'file' ? (
              <TextField name={valueName} label={`Certificate ${k + 1}: file path (deprecated)`} />
            ) : (
              <SecretNameField
                name={valueName}
                label={`Certificate ${k + 1}: secret name`}
                mesh={ctx.mesh}
              />
            )}
            <RowButton
              group={name}
              variant="ghost"
              label={`Remove certificate ${k + 1}`}
              onClick={() => remove(k)}
            >
              Remove
            </RowButton>
          </div>
        );
      })}
      <RowButton group={name} onClick={() => append({ source: 'secret', value: '' })}>
        Add certificate secret
      </RowButton>
    </Group>
  );
}

function CrossMeshChecklist({
  index,
  values,
  ctx,
}: {
  index: number;
  values: MeshGatewayForm;
  ctx: FormContext;
}) {
  const requirements = crossMeshRequirements(values, index, ctx);
  const listener = values.listeners[index];
  return (
    <div className="gwf-crossmesh" data-testid={`cross-mesh-requirements-${index}`}>
      <p>
        Other meshes reach this listener over mTLS at{' '}
        <code>
          {crossMeshAddress(
            { name: values.name || '<name>', mesh: ctx.mesh || '<mesh>' },
            {
              hostname: listener?.hostname,
              port: Number(listener?.port) || undefined,
            },
          )}
        </code>
        . It needs:
      </p>
      <ul className="gwf-checklist">
        {requirements.map((requirement) => (
          <li
            key={requirement.label}
            className={
              requirement.met === undefined
                ? 'gwf-check--unknown'
                : requirement.met
                  ? 'gwf-check--met'
                  : 'gwf-check--unmet'
            }
          >
            <span aria-hidden="true">
              {requirement.met === undefined ? '?' : requirement.met ? '✓' : '✗'}
            </span>{' '}
            <span className="visually-hidden">
              {requirement.met === undefined
                ? 'unknown: '
                : requirement.met
                  ? 'met: '
                  : 'not met: '}
            </span>
            {requirement.label}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ListenerFields({
  index,
  values,
  ctx,
  onRemove,
}: {
  index: number;
  values: MeshGatewayForm;
  ctx: FormContext;
  onRemove: () => void;
}) {
  const { setValue, getValues } = useFormContext<MeshGatewayForm>();
  const listener = values.listeners[index];
  const base = `listeners.${index}` as const;
  const usesTls = protocolUsesTls(listener?.protocol ?? '');
  return (
    <Group name={base} legend={`Listener ${index + 1}`} testId={`listener-${index}`}>
      <div className="gwf-grid">
        <TextField name={`${base}.port`} label="Port" inputMode="numeric" />
        <SelectField
          name={`${base}.protocol`}
          label="Protocol"
          choices={PROTOCOLS}
          onChoice={(protocol) => {
            if (protocolUsesTls(protocol) && getValues(`${base}.tlsMode`) === '') {
              setValue(`${base}.tlsMode`, 'TERMINATE', { shouldDirty: true });
            }
          }}
        />
        <TextField
          name={`${base}.hostname`}
          label="Hostname"
          placeholder="*"
          hint="Empty or * matches every host; *.example.com one or more labels."
        />
      </div>
      {usesTls && (
        <div className="gwf-subgroup">
          <SelectField name={`${base}.tlsMode`} label="TLS mode" choices={TLS_MODES} />
          {listener?.tlsMode !== 'PASSTHROUGH' && <CertificateRows listener={index} ctx={ctx} />}
        </div>
      )}
      {!usesTls && <FieldMessages name={`${base}.tlsMode`} />}
      <CheckboxField
        name={`${base}.crossMesh`}
        label="Cross-mesh: reachable from other meshes"
        hint="HTTP listeners only."
      />
      {listener?.crossMesh && <CrossMeshChecklist index={index} values={values} ctx={ctx} />}
      <TagRowsField
        name={`${base}.tags`}
        legend={`Listener ${index + 1} tags`}
        hint="Routes pick listeners by tags: give each listener a tag of its own (e.g. listener: http)."
      />
      <TextField
        name={`${base}.connectionLimit`}
        label="Connection limit"
        inputMode="numeric"
        hint="Maximum concurrent connections; listeners on one port must agree."
      />
      <div className="gwf-row-actions">
        <RowButton
          group="listeners"
          variant="ghost"
          label={`Remove listener ${index + 1}`}
          onClick={onRemove}
        >
          Remove listener
        </RowButton>
      </div>
    </Group>
  );
}

function SelectorFields({ values }: { values: MeshGatewayForm }) {
  const { control } = useFormContext<MeshGatewayForm>();
  const { fields, append, remove } = useFieldArray({ control, name: 'selectors' });
  return (
    <Group
      name="selectors"
      legend="Selectors"
      hint="The gateway Dataplanes that get this configuration: every selector needs kuma.io/service. With a cross-mesh listener, exactly one selector."
    >
      {fields.map((field, i) => (
        <div key={field.id} className="gwf-selector" data-testid={`selector-${i}`}>
          <FieldMessages name={`selectors.${i}`} />
          <TagRowsField
            name={`selectors.${i}.tags`}
            legend={`Selector ${i + 1}`}
            keyPlaceholder="kuma.io/service"
          />
          {values.selectors.length > 1 && (
            <RowButton
              group="selectors"
              variant="ghost"
              label={`Remove selector ${i + 1}`}
              onClick={() => remove(i)}
            >
              Remove selector
            </RowButton>
          )}
        </div>
      ))}
      <RowButton
        group="selectors"
        onClick={() => append({ tags: [{ key: 'kuma.io/service', value: '' }] })}
      >
        Add selector
      </RowButton>
    </Group>
  );
}

function UniversalCapacity({
  values,
  existing,
  ctx,
}: {
  values: MeshGatewayForm;
  existing?: DataplaneOverview[];
  ctx: FormContext;
}) {
  const { control } = useFormContext<MeshGatewayForm>();
  const { fields, append, remove } = useFieldArray({ control, name: 'instances' });
  const tags = instanceTags(values);
  return (
    <Section
      title="Capacity: gateway instances"
      testId="capacity-universal"
      description={
        <p className="muted">
          On Universal each instance is a BUILTIN gateway Dataplane run by kuma-dp on a machine you
          expose. New instances get the gateway tags{' '}
          <code>
            {Object.entries(tags)
              .map(([key, value]) => `${key}=${value}`)
              .join(', ') || 'none'}
          </code>{' '}
          (the first selector, without <code>*</code> values).
        </p>
      }
    >
      {existing && existing.length > 0 && (
        <div className="gwf-existing">
          <h3>Serving it now</h3>
          <ul>
            {existing.map((dataplane) => (
              <li key={dataplane.name}>
                <Link
                  to={`/meshes/${encodeURIComponent(dataplane.mesh)}/dataplanes/${encodeURIComponent(dataplane.name)}`}
                >
                  {dataplane.name}
                </Link>{' '}
                <code>{dataplane.dataplane.networking.address}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      <Group name="instances" legend={existing ? 'New instances' : 'Instances'}>
        {fields.length === 0 && (
          <p className="muted gwf-empty">
            None: kuma-dp can also register instances itself from a Dataplane file.
          </p>
        )}
        {fields.map((field, i) => (
          <div key={field.id} className="gwf-row" data-testid={`instance-${i}`}>
            <TextField name={`instances.${i}.name`} label={`Instance ${i + 1} name`} />
            <TextField
              name={`instances.${i}.address`}
              label={`Instance ${i + 1} address`}
              placeholder="10.0.0.10"
            />
            <FieldMessages name={`instances.${i}`} />
            <FieldMessages name={`instances.${i}.tags`} />
            <RowButton
              group="instances"
              variant="ghost"
              label={`Remove instance ${i + 1}`}
              onClick={() => remove(i)}
            >
              Remove
            </RowButton>
          </div>
        ))}
        <RowButton
          group="instances"
          onClick={() =>
            append({ name: `${values.name || 'gateway'}-${fields.length + 1}`, address: '' })
          }
        >
          Add instance
        </RowButton>
      </Group>
      {ctx.mode === 'global' && (
        <p className="muted">
          Instances run in a zone: register them on that zone's control plane.
        </p>
      )}
    </Section>
  );
}

function KubernetesCapacity({ values, ctx }: { values: MeshGatewayForm; ctx: FormContext }) {
  const instance = values.kubernetes;
  const tagRule = !isAtLeast(ctx.version, 2, 7)
    ? `${ctx.product} ${ctx.version.raw} requires kuma.io/service here; the MeshGateway's selector must use the same value.`
    : !isAtLeast(ctx.version, 2, 9)
      ? `Optional and deprecated: without kuma.io/service here the instance's service is <name>_<namespace>_svc.`
      : 'kuma.io/service is not allowed here: the instance’s service is <name>_<namespace>_svc.';
  return (
    <Section
      title="Capacity: MeshGatewayInstance"
      testId="capacity-kubernetes"
      description={
        <p className="muted">
          On Kubernetes a MeshGatewayInstance creates the gateway's Deployment and Service (one port
          per listener port) in a zone, once a MeshGateway of the mesh selects its service{' '}
          <code>
            {meshGatewayInstanceServiceTag(
              ctx.version,
              values.name || '<name>',
              instance.namespace || '<namespace>',
              instance.tags,
            ) ?? '(set kuma.io/service below)'}
          </code>
          .
        </p>
      }
    >
      <CheckboxField name="kubernetes.enabled" label="Include a MeshGatewayInstance in the YAML" />
      <FieldMessages name="kubernetes" />
      {instance.enabled && (
        <>
          <div className="gwf-grid">
            <TextField name="kubernetes.namespace" label="Namespace" />
            <TextField name="kubernetes.replicas" label="Replicas" inputMode="numeric" />
            <SelectField
              name="kubernetes.serviceType"
              label="Service type"
              choices={GATEWAY_SERVICE_TYPES.map((type) => ({ value: type, label: type }))}
            />
          </div>
          <Group
            legend="Resources of each gateway pod"
            hint="Blank uses the control plane's default."
          >
            <div className="gwf-grid">
              <TextField name="kubernetes.cpuRequest" label="CPU request" placeholder="100m" />
              <TextField
                name="kubernetes.memoryRequest"
                label="Memory request"
                placeholder="128Mi"
              />
              <TextField name="kubernetes.cpuLimit" label="CPU limit" placeholder="1" />
              <TextField name="kubernetes.memoryLimit" label="Memory limit" placeholder="512Mi" />
            </div>
          </Group>
          <TagRowsField name="kubernetes.tags" legend="Instance tags" hint={tagRule} />
        </>
      )}
    </Section>
  );
}

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
        <SelectorFields values={values} />
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
            <Link to={`${builtinGatewayPath(mesh, name)}/routes/new?kind=http`}>
              Add an HTTP route
            </Link>
            {' · '}
            <Link to={`/gateways?mesh=${encodeURIComponent(mesh)}`}>Gateways of {mesh}</Link>
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
