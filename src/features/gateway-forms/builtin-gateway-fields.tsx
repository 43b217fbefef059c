// Over 400 lines: the built-in gateway's listener, selector and capacity sections, which share the listener's form context.
import { useEffect, useRef } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { Link } from 'react-router';
import type { DataplaneOverview } from '../../kuma/types';
import { GATEWAY_SERVICE_TYPES } from '../../kuma/validation';
import { isAtLeast } from '../../kuma/version';
import { dataplanePath } from '../../lib/paths';
import { crossMeshAddress } from '../gateways';
import { crossMeshRequirements } from './checks';
import {
  CheckboxField,
  FieldRows,
  Group,
  RowButton,
  SelectField,
  TagRowsField,
  TextField,
} from './fields';
import { FieldMessages, fieldId } from './issues';
import { instanceTags, protocolUsesTls } from './mesh-gateway-convert';
import { type FormContext, type MeshGatewayForm, meshGatewayInstanceServiceTag } from './model';
import { Section } from './page-parts';
import { SecretNameField } from './secret-picker';

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

export function AutoServiceTag({ ctx }: { ctx: FormContext }) {
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

export function CertificateRows({ listener, ctx }: { listener: number; ctx: FormContext }) {
  const { control } = useFormContext<MeshGatewayForm>();
  const name = `listeners.${listener}.certificates` as const;
  const rows = useWatch({ control, name }) ?? [];
  return (
    <FieldRows
      name={name}
      legend="Certificates"
      hint={
        ctx.environment === 'kubernetes'
          ? `A Secret of type system.kuma.io/secret in ${ctx.systemNamespace}, labelled kuma.io/mesh: ${ctx.mesh}, holding the PEM private key and the server certificate, then its chain. One RSA and/or one ECDSA.`
          : `A secret of mesh ${ctx.mesh || '…'} holding the PEM private key and the server certificate, then its chain. One RSA and/or one ECDSA.`
      }
      itemLabel="certificate"
      addText="Add certificate secret"
      newRow={() => ({ source: 'secret', value: '' })}
    >
      {({ index: k, base, remove }) => {
        const row = rows[k];
        const valueName = `${base}.value`;
        return (
          <div className="gwf-row">
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
            {remove}
          </div>
        );
      }}
    </FieldRows>
  );
}

export function CrossMeshChecklist({
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

export function ListenerFields({
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

export function SelectorFields() {
  return (
    <FieldRows
      name="selectors"
      legend="Selectors"
      hint="The gateway Dataplanes that get this configuration: every selector needs kuma.io/service. With a cross-mesh listener, exactly one selector."
      itemLabel="selector"
      addText="Add selector"
      removeText="Remove selector"
      newRow={() => ({ tags: [{ key: 'kuma.io/service', value: '' }] })}
      keepOne
    >
      {({ index: i, base, remove }) => (
        <div className="gwf-selector" data-testid={`selector-${i}`}>
          <FieldMessages name={base} />
          <TagRowsField
            name={`${base}.tags`}
            legend={`Selector ${i + 1}`}
            keyPlaceholder="kuma.io/service"
          />
          {remove}
        </div>
      )}
    </FieldRows>
  );
}

export function UniversalCapacity({
  values,
  existing,
  ctx,
}: {
  values: MeshGatewayForm;
  existing?: DataplaneOverview[];
  ctx: FormContext;
}) {
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
                <Link to={dataplanePath(dataplane)}>{dataplane.name}</Link>{' '}
                <code>{dataplane.dataplane.networking.address}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      <FieldRows
        name="instances"
        legend={existing ? 'New instances' : 'Instances'}
        itemLabel="instance"
        addText="Add instance"
        newRow={(count) => ({ name: `${values.name || 'gateway'}-${count + 1}`, address: '' })}
        empty={
          <p className="muted gwf-empty">
            None: kuma-dp can also register instances itself from a Dataplane file.
          </p>
        }
      >
        {({ index: i, base, remove }) => (
          <div className="gwf-row" data-testid={`instance-${i}`}>
            <TextField name={`${base}.name`} label={`Instance ${i + 1} name`} />
            <TextField
              name={`${base}.address`}
              label={`Instance ${i + 1} address`}
              placeholder="10.0.0.10"
            />
            <FieldMessages name={base} />
            <FieldMessages name={`${base}.tags`} />
            {remove}
          </div>
        )}
      </FieldRows>
      {ctx.mode === 'global' && (
        <p className="muted">
          Instances run in a zone: register them on that zone's control plane.
        </p>
      )}
    </Section>
  );
}

export function KubernetesCapacity({ values, ctx }: { values: MeshGatewayForm; ctx: FormContext }) {
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
