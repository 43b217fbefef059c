/**
 * The delegated gateway: on Universal a gateway Dataplane (no `type`, DELEGATED) with its tags
 * and outbounds; on Kubernetes the control plane generates it from Kong's annotated pods, so the
 * form gives the Helm values and commands instead.
 */

import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useCallback, useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { Capabilities } from '../../kuma/capabilities';
import { displayNameOf } from '../../kuma/display-name';
import { formMeshQuery } from '../../kuma/mutations/form-queries';
import { readOnlyReasonFor, resourcePath } from '../../kuma/mutations/writes';
import { meshServicesQuery } from '../../kuma/queries/services';
import type { Dataplane } from '../../kuma/types';
import { delegatedGatewayPath, gatewayListPath } from '../../lib/paths';
import { useKumaApi } from '../../ui/api-context';
import { checkDelegatedForm } from './checks';
import { delegatedDataplaneToForm, kongHelmValues, kongInstallCommands } from './delegated-convert';
import { draftKey } from './drafts';
import { delegatedField } from './field-paths';
import { FieldRows, SelectField, TagRowsField, TextField } from './fields';
import { FieldMessages } from './issues';
import {
  type DelegatedForm,
  type DelegatedKubernetesForm,
  emptyDelegatedForm,
  emptyDelegatedKubernetesForm,
  emptyOutbound,
  type FormContext,
  formContext,
} from './model';
import { Section } from './page-parts';
import { PreviewBlock } from './preview';
import { type Evaluation, ResourceForm } from './resource-form';
import { shellQuote } from './resource-text';
import type { YamlModeOptions } from './yaml-mode';
import { toYaml } from './yaml-output';

export function evaluateDelegated(
  values: DelegatedForm,
  ctx: FormContext,
  caps: Capabilities,
  options: { isNew: boolean; stored?: Dataplane },
): Evaluation {
  const check = checkDelegatedForm(values, ctx, {
    isNew: options.isNew,
    labels: options.stored?.labels,
  });
  const { dataplane } = check.resources;
  const dataplaneFile = `${dataplane.name || '<name>'}.yaml`;
  const tokenFile = `${values.service || 'gateway'}-token`;
  return {
    errors: check.errors,
    warnings: check.warnings,
    items: [
      {
        resource: dataplane,
        label: `Dataplane ${dataplane.name}`,
        path: resourcePath(caps, dataplane),
        readOnlyReason: readOnlyReasonFor(caps, 'Dataplane'),
        toField: (path, message) => delegatedField(path, message, values),
      },
    ],
    // On Kubernetes this Dataplane is generated from Kong's pods: there is no object to apply.
    universal: [dataplane],
    extraBlocks: [
      {
        label: 'Run kuma-dp beside the gateway proxy',
        testId: 'kuma-dp-commands',
        text: [
          // No value in the comment: a line break in it would end the comment.
          "# The Dataplane YAML above saved as the --dataplane-file below; point the proxy's",
          '# upstreams at the outbound ports on 127.0.0.1.',
          `kumactl generate dataplane-token --mesh ${shellQuote(ctx.mesh)} --tag ${shellQuote(`kuma.io/service=${values.service || '<service>'}`)} --valid-for 720h > ${shellQuote(tokenFile)}`,
          `kuma-dp run --cp-address=https://<control-plane>:5678 ${shellQuote(`--dataplane-file=${dataplaneFile}`)} ${shellQuote(`--dataplane-token-file=${tokenFile}`)}`,
          '',
        ].join('\n'),
      },
    ],
  };
}

function OutboundRows({
  values,
  caps,
  ctx,
}: {
  values: DelegatedForm;
  caps: Capabilities;
  ctx: FormContext;
}) {
  const mode = ctx.meshResource?.meshServices?.mode;
  const meshServices = caps.meshServices && mode !== undefined && mode !== 'Disabled';
  const targets = [
    { value: 'service', label: 'Service tag (kuma.io/service)' },
    ...(meshServices || values.outbounds.some((outbound) => outbound.target === 'MeshService')
      ? [{ value: 'MeshService', label: 'MeshService (resource and port)' }]
      : []),
  ];
  const nextPort = () => {
    const ports = values.outbounds.map((outbound) => Number(outbound.port) || 0);
    return String(Math.max(33032, ...ports) + 1);
  };
  return (
    <FieldRows
      name="outbounds"
      legend="Outbounds"
      hint="Each outbound is a local port (127.0.0.1) the gateway proxy sends to; the mesh carries it to the service with mTLS. None: the proxy uses transparent proxying and .mesh names."
      itemLabel="outbound"
      addText="Add outbound"
      newRow={() => emptyOutbound(nextPort())}
    >
      {({ index: i, base, remove }) => {
        const outbound = values.outbounds[i];
        return (
          <div className="gwf-backend" data-testid={`outbound-${i}`}>
            <TextField
              name={`${base}.port`}
              label={`Outbound ${i + 1}: local port`}
              inputMode="numeric"
            />
            <SelectField
              name={`${base}.target`}
              label={`Outbound ${i + 1}: target`}
              choices={targets}
            />
            {outbound?.target === 'MeshService' ? (
              <>
                <TextField
                  name={`${base}.name`}
                  label={`Outbound ${i + 1}: MeshService`}
                  list="gwf-mesh-services"
                />
                {ctx.environment === 'kubernetes' && (
                  <TextField name={`${base}.namespace`} label={`Outbound ${i + 1}: namespace`} />
                )}
                <TextField
                  name={`${base}.targetPort`}
                  label={`Outbound ${i + 1}: service port`}
                  inputMode="numeric"
                />
              </>
            ) : (
              <TextField
                name={`${base}.service`}
                label={`Outbound ${i + 1}: service`}
                list="gwf-service-tags"
              />
            )}
            <FieldMessages name={base} />
            {remove}
          </div>
        );
      }}
    </FieldRows>
  );
}

export function DelegatedGatewayForm({
  mode,
  mesh,
  meshPicker,
  stored,
  service,
  secondaryActions,
}: {
  mode: 'create' | 'edit';
  mesh: string;
  meshPicker?: ReactNode;
  stored?: Dataplane;
  /** Prefills the service of a new instance of an existing delegated gateway. */
  service?: string;
  secondaryActions?: ReactNode;
}) {
  const api = useKumaApi();
  const { caps } = api;
  const meshQuery = useQuery({ ...formMeshQuery(api, mesh), enabled: mesh !== '' });
  const servicesQuery = useQuery({ ...meshServicesQuery(api, mesh), enabled: mesh !== '' });
  const ctx = useMemo(() => formContext(caps, mesh, meshQuery.data), [caps, mesh, meshQuery.data]);
  const initial = useMemo(
    () =>
      stored
        ? delegatedDataplaneToForm(stored)
        : { ...emptyDelegatedForm(), service: service ?? '' },
    [stored, service],
  );
  const evaluate = useCallback(
    (values: DelegatedForm) =>
      evaluateDelegated(values, ctx, caps, { isNew: mode === 'create', stored }),
    [ctx, caps, mode, stored],
  );
  const storedEntries = useMemo(
    () => (stored ? [{ path: resourcePath(caps, stored), resource: stored }] : undefined),
    [stored, caps],
  );
  const tagNames = (servicesQuery.data?.insights ?? [])
    .filter((insight) => !insight.serviceType?.startsWith('gateway'))
    .map((insight) => insight.name);
  const resourceNames = (servicesQuery.data?.meshServices ?? []).map((meshService) =>
    displayNameOf(meshService),
  );
  const yaml = useMemo<YamlModeOptions<DelegatedForm>>(
    () => ({
      kinds: ['Dataplane'],
      ctx,
      storedName: stored?.name,
      toValues: ([dataplane]) =>
        dataplane?.type === 'Dataplane'
          ? delegatedDataplaneToForm(dataplane as Dataplane)
          : undefined,
    }),
    [ctx, stored],
  );
  return (
    <ResourceForm<DelegatedForm>
      yaml={yaml}
      mode={mode}
      label={mode === 'create' ? 'Create a delegated gateway' : `Edit Dataplane ${stored?.name}`}
      draftKey={draftKey(caps.identity, mesh, 'Dataplane', stored?.name)}
      initial={initial}
      stored={storedEntries}
      evaluate={evaluate}
      tool="kumactl"
      secondaryActions={secondaryActions}
      success={(outcome) => {
        const written = outcome.written[0]?.item.resource as Dataplane | undefined;
        const gatewayService =
          written?.networking.gateway?.tags?.['kuma.io/service'] ?? written?.name ?? '';
        return (
          <p className="gwf-success__links">
            <Link to={delegatedGatewayPath(mesh, gatewayService)}>
              Open delegated gateway {gatewayService}
            </Link>
            {' · '}
            <Link to={gatewayListPath({ mesh })}>Gateways of {mesh}</Link>
          </p>
        );
      }}
    >
      {(values) => (
        <>
          <datalist id="gwf-service-tags">
            {tagNames.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
          <datalist id="gwf-mesh-services">
            {resourceNames.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
          <Section
            title="Delegated gateway Dataplane"
            description={
              <p className="muted">
                Kong (or another proxy) runs beside this kuma-dp: the proxy handles clients, TLS and
                routing; the mesh manages only what it sends to services. A delegated gateway has no
                inbound, no listeners and no cross-mesh mode.
              </p>
            }
          >
            <div className="gwf-grid">
              {meshPicker}
              <TextField
                name="name"
                label="Name"
                readOnly={mode === 'edit'}
                hint={
                  mode === 'edit'
                    ? 'A stored resource keeps its name.'
                    : 'One Dataplane per proxy instance, e.g. kong-1.'
                }
              />
              <TextField name="address" label="Address" placeholder="10.0.0.20" />
              <TextField
                name="service"
                label="Service (kuma.io/service)"
                hint="The gateway's identity in the mesh: MeshTrafficPermissions allow it by this name."
              />
            </div>
            <TagRowsField name="tags" legend="Other gateway tags" />
          </Section>
          <Section title="Services it reaches">
            <OutboundRows values={values} caps={caps} ctx={ctx} />
          </Section>
        </>
      )}
    </ResourceForm>
  );
}

/** Kubernetes: the annotation and Kong Helm values that make Kong a delegated gateway of a mesh. */
export function DelegatedKubernetesGuide({
  mesh,
  meshPicker,
}: {
  mesh: string;
  meshPicker?: ReactNode;
}) {
  const [form, setForm] = useState<DelegatedKubernetesForm>(emptyDelegatedKubernetesForm);
  const values = toYaml(kongHelmValues(form, mesh || 'default'));
  const update = (patch: Partial<DelegatedKubernetesForm>) => setForm({ ...form, ...patch });
  return (
    <div className="gwf-layout">
      <form
        className="gwf-form"
        aria-label="Kong as a delegated gateway"
        onSubmit={(event) => event.preventDefault()}
      >
        <Section
          title="Kong as a delegated gateway"
          testId="delegated-kubernetes"
          description={
            <>
              <p className="muted">
                On Kubernetes the control plane creates the delegated gateway's Dataplane from
                Kong's pods: they need the annotation <code>kuma.io/gateway: enabled</code> and
                sidecar injection. Its identity is the first Service that selects the pods (e.g.{' '}
                <code>kong-gateway-proxy_kong_svc_80</code>): allow it with a MeshTrafficPermission.
              </p>
              <p className="muted">
                Services Kong calls need <code>ingress.kubernetes.io/service-upstream: "true"</code>{' '}
                (added automatically in namespaces labelled for injection), or Kong bypasses the
                mesh and mTLS breaks.
              </p>
            </>
          }
        >
          <div className="gwf-grid">
            {meshPicker}
            <div className="gwf-field">
              <label htmlFor="gwf-kong-release">Helm release</label>
              <input
                id="gwf-kong-release"
                value={form.release}
                onChange={(event) => update({ release: event.target.value })}
              />
            </div>
            <div className="gwf-field">
              <label htmlFor="gwf-kong-namespace">Namespace</label>
              <input
                id="gwf-kong-namespace"
                value={form.namespace}
                onChange={(event) => update({ namespace: event.target.value })}
              />
            </div>
            <div className="gwf-field">
              <label htmlFor="gwf-kong-chart">Chart</label>
              <select
                id="gwf-kong-chart"
                value={form.chart}
                onChange={(event) =>
                  update({ chart: event.target.value as DelegatedKubernetesForm['chart'] })
                }
              >
                <option value="kong/ingress">kong/ingress (Kong Ingress Controller)</option>
                <option value="kong/kong">kong/kong</option>
              </select>
            </div>
          </div>
        </Section>
      </form>
      <aside className="gwf-preview" aria-labelledby="gwf-preview-heading">
        <h2 id="gwf-preview-heading">Preview</h2>
        <PreviewBlock label="kong-values.yaml" text={values} testId="yaml-kubernetes" />
        <PreviewBlock
          label="Install or upgrade Kong"
          text={`${kongInstallCommands(form)}\n`}
          testId="apply-command"
        />
      </aside>
    </div>
  );
}
