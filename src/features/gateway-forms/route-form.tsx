/**
 * Routes attached to a built-in gateway: a MeshHTTPRoute (hostnames, rules with path, method,
 * header and query matches, weighted backends) or a MeshTCPRoute (weighted backends), attached to
 * the listeners picked from the gateway's own.
 */

import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useCallback, useMemo } from 'react';
import { type FieldValues, useFieldArray, useFormContext } from 'react-hook-form';
import { Link } from 'react-router';
import type { Capabilities } from '../../kuma/capabilities';
import { displayNameOf } from '../../kuma/display-name';
import { formMeshQuery } from '../../kuma/mutations/form-queries';
import { canonicalJson } from '../../kuma/mutations/resource-version';
import { readOnlyReasonFor, resourcePath } from '../../kuma/mutations/writes';
import { meshServicesQuery } from '../../kuma/queries/services';
import type {
  MeshGateway,
  MeshGatewayListener,
  MeshHTTPRoute,
  MeshService,
  MeshTCPRoute,
  ServiceInsight,
} from '../../kuma/types';
import { useKumaApi } from '../../ui/api-context';
import { builtinGatewayPath } from '../gateways';
import { checkHttpRouteForm, checkTcpRouteForm } from './checks';
import { draftKey } from './drafts';
import { httpRouteField, tcpRouteField } from './field-paths';
import { type Choice, Group, RowButton, SelectField, TextField } from './fields';
import { FieldMessages, fieldId, useIssues } from './issues';
import {
  type BackendForm,
  type BackendRefChoice,
  emptyBackend,
  emptyHttpRouteForm,
  emptyHttpRule,
  emptyMatch,
  emptyTcpRouteForm,
  type FormContext,
  formContext,
  type HttpRouteForm,
  parseWholeNumber,
  rowsFromTags,
  type TagRow,
  type TcpRouteForm,
  tagsFromRows,
} from './model';
import { Section } from './page-parts';
import { type Evaluation, ResourceForm } from './resource-form';
import { httpRouteToForm, type RouteMeta, tcpRouteToForm } from './route-convert';
import type { YamlModeOptions } from './yaml-mode';
import { kubernetesObject } from './yaml-output';

export type RouteKind = 'http' | 'tcp';

export const ROUTE_TYPES: Record<RouteKind, 'MeshHTTPRoute' | 'MeshTCPRoute'> = {
  http: 'MeshHTTPRoute',
  tcp: 'MeshTCPRoute',
};

const PROTOCOLS_OF: Record<RouteKind, readonly string[]> = {
  http: ['HTTP', 'HTTPS'],
  tcp: ['TCP', 'TLS'],
};

const PATH_TYPES: Choice[] = [
  { value: 'PathPrefix', label: 'Prefix' },
  { value: 'Exact', label: 'Exact' },
  { value: 'RegularExpression', label: 'Regular expression' },
  { value: '', label: '(any path)' },
];

const METHODS: Choice[] = [
  { value: '', label: '(any method)' },
  ...['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'CONNECT', 'TRACE'].map(
    (method) => ({ value: method, label: method }),
  ),
];

const HEADER_TYPES: Choice[] = ['Exact', 'Prefix', 'RegularExpression', 'Present', 'Absent'].map(
  (type) => ({ value: type, label: type }),
);

const QUERY_TYPES: Choice[] = ['Exact', 'RegularExpression'].map((type) => ({
  value: type,
  label: type,
}));

const BACKEND_LABELS: Record<BackendRefChoice, string> = {
  MeshService: 'MeshService (resource and port)',
  service: 'Service tag (kuma.io/service)',
  MeshServiceSubset: 'MeshServiceSubset',
  MeshExternalService: 'MeshExternalService',
  MeshMultiZoneService: 'MeshMultiZoneService',
};

/**
 * Backend kinds to offer: a MeshService resource where MeshServices exist (2.9+, mode not
 * Disabled); a `kuma.io/service` tag unless the mesh is Exclusive (§1.6).
 */
export function backendChoices(
  caps: Capabilities,
  ctx: FormContext,
  current: readonly string[] = [],
): BackendRefChoice[] {
  const mode = ctx.meshResource?.meshServices?.mode ?? 'Disabled';
  const choices: BackendRefChoice[] = [];
  if (caps.meshServices && mode !== 'Disabled') choices.push('MeshService');
  if (mode !== 'Exclusive') choices.push('service');
  for (const value of current) {
    if (!choices.includes(value as BackendRefChoice)) choices.push(value as BackendRefChoice);
  }
  return choices.length > 0 ? choices : ['service'];
}

export function evaluateRoute(
  kind: RouteKind,
  values: HttpRouteForm | TcpRouteForm,
  ctx: FormContext,
  caps: Capabilities,
  meta: RouteMeta,
  isNew: boolean,
): Evaluation {
  const type = ROUTE_TYPES[kind];
  const check =
    kind === 'http'
      ? checkHttpRouteForm(values as HttpRouteForm, ctx, meta, { isNew })
      : checkTcpRouteForm(values as TcpRouteForm, ctx, meta, { isNew });
  const route = check.resources.route;
  return {
    errors: check.errors,
    warnings: check.warnings,
    items: [
      {
        resource: route,
        label: `${type} ${route.name}`,
        path: resourcePath(caps, route),
        readOnlyReason: readOnlyReasonFor(caps, type),
        toField: (path, message) =>
          kind === 'http'
            ? httpRouteField(path, message, values as HttpRouteForm)
            : tcpRouteField(path, message, values as TcpRouteForm),
      },
    ],
    universal: [route],
    kubernetes: [kubernetesObject(route, ctx.systemNamespace)],
  };
}

function listenerText(listener: MeshGatewayListener): string {
  return `:${listener.port ?? '?'} ${listener.protocol ?? '?'} ${listener.hostname || '*'}`;
}

function tagText(tags: Record<string, string> | undefined): string {
  return Object.entries(tags ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}

/** Listeners whose tag set (gateway tags ∪ listener tags) holds every tag of `tags`. */
export function attachedListeners(
  gateway: MeshGateway,
  kind: RouteKind,
  tags: Record<string, string>,
): { listener: MeshGatewayListener; index: number }[] {
  return (gateway.conf?.listeners ?? [])
    .map((listener, index) => ({ listener, index }))
    .filter(({ listener }) => PROTOCOLS_OF[kind].includes(listener.protocol ?? ''))
    .filter(({ listener }) => {
      const set = { ...(gateway.tags ?? {}), ...(listener.tags ?? {}) };
      return Object.entries(tags).every(([key, value]) => set[key] === value);
    });
}

function ListenerPicker({
  gateway,
  kind,
  targetTags,
}: {
  gateway: MeshGateway;
  kind: RouteKind;
  targetTags: TagRow[];
}) {
  const { setValue } = useFormContext();
  const issues = useIssues();
  const candidates = (gateway.conf?.listeners ?? [])
    .map((listener, index) => ({ listener, index }))
    .filter(({ listener }) => PROTOCOLS_OF[kind].includes(listener.protocol ?? ''));
  const current = tagsFromRows(targetTags);
  const currentJson = canonicalJson(current);
  const selected =
    Object.keys(current).length === 0
      ? 'all'
      : (candidates.find(
          ({ listener }) =>
            Object.keys(listener.tags ?? {}).length > 0 &&
            canonicalJson(listener.tags ?? {}) === currentJson,
        )?.index ?? 'custom');
  const attached = attachedListeners(gateway, kind, current);
  const protocolText = PROTOCOLS_OF[kind].join(' or ');
  const rowFields = targetTags.flatMap((_, j) => [`targetTags.${j}.key`, `targetTags.${j}.value`]);
  return (
    <div className="gwf-field">
      <label htmlFor={fieldId('targetTags')}>Attach to listeners</label>
      <select
        id={fieldId('targetTags')}
        value={String(selected)}
        aria-describedby={`${fieldId('targetTags')}-hint`}
        onChange={(event) => {
          const value = event.target.value;
          const tags =
            value === 'all'
              ? {}
              : value === 'custom'
                ? current
                : (gateway.conf?.listeners?.[Number(value)]?.tags ?? {});
          issues.mark('targetTags');
          setValue('targetTags', rowsFromTags(tags), { shouldDirty: true });
        }}
      >
        <option value="all">Every {protocolText} listener (no tags)</option>
        {candidates.map(({ listener, index }) => (
          <option
            key={index}
            value={String(index)}
            disabled={Object.keys(listener.tags ?? {}).length === 0}
          >
            {listenerText(listener)}
            {Object.keys(listener.tags ?? {}).length > 0
              ? ` — ${tagText(listener.tags)}`
              : ' — no tags of its own'}
          </option>
        ))}
        {selected === 'custom' && <option value="custom">Custom tags: {tagText(current)}</option>}
      </select>
      <p className="gwf-hint" id={`${fieldId('targetTags')}-hint`}>
        {candidates.length === 0
          ? `MeshGateway ${gateway.name} has no ${protocolText} listener: this route attaches to nothing.`
          : attached.length === 0
            ? 'No listener of this gateway has all these tags: this route attaches to nothing.'
            : `Attaches to ${attached.map(({ listener }) => listenerText(listener)).join(', ')}.`}
      </p>
      <FieldMessages name="targetTags" />
      {rowFields.map((field) => (
        <FieldMessages key={field} name={field} />
      ))}
    </div>
  );
}

interface ServiceOptions {
  tags: string[];
  resources: { name: string; namespace?: string; ports: number[] }[];
}

function serviceOptions(
  data: { insights: ServiceInsight[]; meshServices: MeshService[] } | undefined,
): ServiceOptions {
  return {
    tags: (data?.insights ?? [])
      .filter((insight) => !insight.serviceType?.startsWith('gateway'))
      .map((insight) => insight.name)
      .sort(),
    resources: (data?.meshServices ?? [])
      .map((service) => ({
        name: displayNameOf(service),
        namespace: service.labels?.['k8s.kuma.io/namespace'],
        ports: (service.spec.ports ?? []).map((port) => port.port),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

function ServiceLists({ options }: { options: ServiceOptions }) {
  return (
    <>
      <datalist id="gwf-service-tags">
        {options.tags.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <datalist id="gwf-mesh-services">
        {options.resources.map((service) => (
          <option key={`${service.namespace ?? ''}/${service.name}`} value={service.name}>
            {service.namespace ? `${service.name} (${service.namespace})` : service.name}
          </option>
        ))}
      </datalist>
    </>
  );
}

function BackendRows({
  name,
  backends,
  choices,
  services,
  ctx,
}: {
  name: string;
  backends: BackendForm[];
  choices: BackendRefChoice[];
  services: ServiceOptions;
  ctx: FormContext;
}) {
  const { control } = useFormContext<FieldValues>();
  const { fields, append, remove } = useFieldArray({ control, name });
  const weights = backends.map((backend) => parseWholeNumber(backend.weight) ?? 1);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return (
    <Group
      name={name}
      legend="Backends"
      hint="Requests are split by weight (1 when blank)."
      className="gwf-backends"
    >
      {fields.map((field, k) => {
        const backend = backends[k];
        const base = `${name}.${k}`;
        const ref = backend?.ref ?? 'service';
        const resource = services.resources.find((service) => service.name === backend?.name);
        const portsId = `gwf-ports-${fieldId(base)}`;
        const share = total > 0 ? Math.round(((weights[k] ?? 0) / total) * 1000) / 10 : 0;
        return (
          <div key={field.id} className="gwf-backend" data-testid="backend-row">
            <SelectField
              name={`${base}.ref`}
              label={`Backend ${k + 1}: reference`}
              choices={choices.map((choice) => ({ value: choice, label: BACKEND_LABELS[choice] }))}
            />
            <TextField
              name={`${base}.name`}
              label={`Backend ${k + 1}: ${ref === 'service' ? 'service' : 'name'}`}
              list={ref === 'service' ? 'gwf-service-tags' : 'gwf-mesh-services'}
            />
            {ref !== 'service' && ctx.environment === 'kubernetes' && (
              <TextField name={`${base}.namespace`} label={`Backend ${k + 1}: namespace`} />
            )}
            {ref !== 'service' && (
              <>
                <TextField
                  name={`${base}.port`}
                  label={`Backend ${k + 1}: port`}
                  inputMode="numeric"
                  list={portsId}
                />
                <datalist id={portsId}>
                  {(resource?.ports ?? []).map((port) => (
                    <option key={port} value={port} />
                  ))}
                </datalist>
              </>
            )}
            <TextField
              name={`${base}.weight`}
              label={`Backend ${k + 1}: weight`}
              inputMode="numeric"
              placeholder="1"
              hint={fields.length > 1 ? `${share}% of requests` : undefined}
            />
            <FieldMessages name={base} />
            <RowButton
              group={name}
              variant="ghost"
              label={`Remove backend ${k + 1}`}
              onClick={() => remove(k)}
            >
              Remove
            </RowButton>
          </div>
        );
      })}
      <RowButton group={name} onClick={() => append(emptyBackend(choices[0]))}>
        Add backend
      </RowButton>
    </Group>
  );
}

function KeyValueMatchRows({
  name,
  legend,
  types,
  itemLabel,
}: {
  name: string;
  legend: string;
  types: Choice[];
  itemLabel: string;
}) {
  const { control } = useFormContext<FieldValues>();
  const { fields, append, remove } = useFieldArray({ control, name });
  const add = (
    <RowButton
      group={name}
      onClick={() => append({ type: types[0]?.value ?? 'Exact', name: '', value: '' })}
    >
      Add {itemLabel.toLowerCase()} match
    </RowButton>
  );
  // No rows: just the button, so an unused match kind takes one line.
  if (fields.length === 0) return add;
  return (
    <Group name={name} legend={legend}>
      {fields.map((field, n) => (
        <div key={field.id} className="gwf-row">
          <SelectField
            name={`${name}.${n}.type`}
            label={`${itemLabel} ${n + 1}: match type`}
            choices={types}
          />
          <TextField name={`${name}.${n}.name`} label={`${itemLabel} ${n + 1}: name`} />
          <TextField name={`${name}.${n}.value`} label={`${itemLabel} ${n + 1}: value`} />
          <RowButton
            group={name}
            variant="ghost"
            label={`Remove ${itemLabel.toLowerCase()} ${n + 1}`}
            onClick={() => remove(n)}
          >
            Remove
          </RowButton>
        </div>
      ))}
      {add}
    </Group>
  );
}

function MatchRows({ name }: { name: string }) {
  const { control } = useFormContext<FieldValues>();
  const { fields, append, remove } = useFieldArray({ control, name });
  return (
    <Group
      name={name}
      legend="Matches"
      hint={
        fields.length > 1 ? 'A request matches the rule when it matches any of these.' : undefined
      }
    >
      {fields.map((field, m) => {
        const base = `${name}.${m}`;
        return (
          <Group key={field.id} name={base} legend={`Match ${m + 1}`} className="gwf-match">
            <div className="gwf-grid">
              <SelectField name={`${base}.pathType`} label="Path match" choices={PATH_TYPES} />
              <TextField name={`${base}.pathValue`} label="Path" placeholder="/" />
              <SelectField name={`${base}.method`} label="Method" choices={METHODS} />
            </div>
            <div className="gwf-match-extras">
              <KeyValueMatchRows
                name={`${base}.headers`}
                legend="Headers"
                types={HEADER_TYPES}
                itemLabel="Header"
              />
              <KeyValueMatchRows
                name={`${base}.queryParams`}
                legend="Query parameters"
                types={QUERY_TYPES}
                itemLabel="Query"
              />
            </div>
            {fields.length > 1 && (
              <RowButton
                group={name}
                variant="ghost"
                label={`Remove match ${m + 1}`}
                onClick={() => remove(m)}
              >
                Remove match
              </RowButton>
            )}
          </Group>
        );
      })}
      <RowButton group={name} onClick={() => append(emptyMatch())}>
        Add match
      </RowButton>
    </Group>
  );
}

function HostnameRows({ name }: { name: string }) {
  const { control } = useFormContext<FieldValues>();
  const { fields, append, remove } = useFieldArray({ control, name });
  return (
    <Group
      name={name}
      legend="Hostnames"
      hint="Limits the rules to these hosts (they must overlap the listener's hostname). None: every host the listener serves."
    >
      {fields.map((field, h) => (
        <div key={field.id} className="gwf-row">
          <TextField
            name={`${name}.${h}.value`}
            label={`Hostname ${h + 1}`}
            placeholder="api.example.com"
          />
          <RowButton
            group={name}
            variant="ghost"
            label={`Remove hostname ${h + 1}`}
            onClick={() => remove(h)}
          >
            Remove
          </RowButton>
        </div>
      ))}
      <RowButton group={name} onClick={() => append({ value: '' })}>
        Add hostname
      </RowButton>
    </Group>
  );
}

function filterText(filter: unknown): string {
  const type = (filter as { type?: unknown })?.type;
  return typeof type === 'string' ? type : 'filter';
}

function RuleRows({
  name,
  values,
  choices,
  services,
  ctx,
}: {
  name: string;
  values: HttpRouteForm['entries'][number]['rules'];
  choices: BackendRefChoice[];
  services: ServiceOptions;
  ctx: FormContext;
}) {
  const { control } = useFormContext<FieldValues>();
  const { fields, append, remove } = useFieldArray({ control, name });
  return (
    <Group
      name={name}
      legend="Rules"
      hint="The most specific match wins: exact paths before prefixes, longer before shorter."
    >
      {fields.map((field, r) => {
        const base = `${name}.${r}`;
        const rule = values[r];
        return (
          <Group
            key={field.id}
            name={base}
            legend={`Rule ${r + 1}`}
            testId={`rule-${r}`}
            className="gwf-rule"
          >
            <MatchRows name={`${base}.matches`} />
            {(rule?.filters.length ?? 0) > 0 && (
              <div className="gwf-field">
                <p id={fieldId(`${base}.filters`)} tabIndex={-1}>
                  Filters kept as stored: {rule?.filters.map(filterText).join(', ')}
                </p>
                <FieldMessages name={`${base}.filters`} />
              </div>
            )}
            <BackendRows
              name={`${base}.backends`}
              backends={rule?.backends ?? []}
              choices={choices}
              services={services}
              ctx={ctx}
            />
            {fields.length > 1 && (
              <RowButton
                group={name}
                variant="ghost"
                label={`Remove rule ${r + 1}`}
                onClick={() => remove(r)}
              >
                Remove rule
              </RowButton>
            )}
          </Group>
        );
      })}
      <RowButton group={name} onClick={() => append(emptyHttpRule(choices[0]))}>
        Add rule
      </RowButton>
    </Group>
  );
}

function HttpFields({
  values,
  choices,
  services,
  ctx,
}: {
  values: HttpRouteForm;
  choices: BackendRefChoice[];
  services: ServiceOptions;
  ctx: FormContext;
}) {
  const { control } = useFormContext<FieldValues>();
  const entries = useFieldArray({ control, name: 'entries' });
  const issues = useIssues();
  return (
    <Section title="Hostnames and rules" testId="route-rules">
      <FieldMessages name="entries" />
      {entries.fields.map((field, t) => (
        <Group
          key={field.id}
          name={`entries.${t}`}
          legend={entries.fields.length > 1 ? `Hostname group ${t + 1}` : 'Hostnames and rules'}
          className="gwf-entry"
        >
          <HostnameRows name={`entries.${t}.hostnames`} />
          <RuleRows
            name={`entries.${t}.rules`}
            values={values.entries[t]?.rules ?? []}
            choices={choices}
            services={services}
            ctx={ctx}
          />
          {entries.fields.length > 1 && (
            <RowButton
              group="entries"
              variant="ghost"
              label={`Remove hostname group ${t + 1}`}
              onClick={() => entries.remove(t)}
            >
              Remove hostname group
            </RowButton>
          )}
        </Group>
      ))}
      <button
        type="button"
        className="button"
        onClick={() => {
          issues.mark('entries');
          entries.append({ hostnames: [{ value: '' }], rules: [emptyHttpRule(choices[0])] });
        }}
      >
        Add hostname group
      </button>
    </Section>
  );
}

export function RouteForm({
  mode,
  kind,
  mesh,
  gateway,
  stored,
  secondaryActions,
}: {
  mode: 'create' | 'edit';
  kind: RouteKind;
  mesh: string;
  gateway: MeshGateway;
  stored?: MeshHTTPRoute | MeshTCPRoute;
  secondaryActions?: ReactNode;
}) {
  const api = useKumaApi();
  const { caps } = api;
  // The page waits for the mesh: its meshServices mode decides the default backend kind.
  const meshQuery = useQuery(formMeshQuery(api, mesh));
  const servicesQuery = useQuery(meshServicesQuery(api, mesh));
  const ctx = useMemo(() => formContext(caps, mesh, meshQuery.data), [caps, mesh, meshQuery.data]);
  const services = useMemo(() => serviceOptions(servicesQuery.data), [servicesQuery.data]);
  const type = ROUTE_TYPES[kind];
  const defaultChoice = backendChoices(caps, ctx)[0];
  const initial = useMemo<HttpRouteForm | TcpRouteForm>(() => {
    if (stored) {
      return kind === 'http'
        ? httpRouteToForm(stored as MeshHTTPRoute)
        : tcpRouteToForm(stored as MeshTCPRoute);
    }
    return kind === 'http' ? emptyHttpRouteForm(defaultChoice) : emptyTcpRouteForm(defaultChoice);
  }, [stored, kind, defaultChoice]);
  const meta = useMemo<RouteMeta>(
    () => ({
      mesh,
      // kuma-cp matches a targetRef against the display name: a gateway the global synced to
      // this zone is stored hashed but referred to by the name it was written with.
      gateway: displayNameOf(gateway),
      labels: stored?.labels ?? (caps.federatedZone ? { 'kuma.io/origin': 'zone' } : undefined),
    }),
    [mesh, gateway, stored, caps.federatedZone],
  );
  const evaluate = useCallback(
    (values: HttpRouteForm | TcpRouteForm) =>
      evaluateRoute(kind, values, ctx, caps, meta, mode === 'create'),
    [kind, ctx, caps, meta, mode],
  );
  const storedEntries = useMemo(
    () => (stored ? [{ path: resourcePath(caps, stored), resource: stored }] : undefined),
    [stored, caps],
  );
  const gatewayPath = builtinGatewayPath(mesh, gateway.name);
  const yaml = useMemo<YamlModeOptions<HttpRouteForm | TcpRouteForm>>(
    () => ({
      kinds: [type],
      ctx,
      storedName: stored?.name,
      toValues: ([route]) =>
        route?.type !== type
          ? undefined
          : kind === 'http'
            ? httpRouteToForm(route as MeshHTTPRoute)
            : tcpRouteToForm(route as MeshTCPRoute),
    }),
    [type, ctx, stored, kind],
  );
  return (
    <ResourceForm<HttpRouteForm | TcpRouteForm>
      yaml={yaml}
      mode={mode}
      label={mode === 'create' ? `Create a ${type}` : `Edit ${type} ${stored?.name}`}
      draftKey={draftKey(caps.identity, mesh, type, stored?.name)}
      initial={initial}
      stored={storedEntries}
      evaluate={evaluate}
      tool={caps.environment === 'kubernetes' ? 'kubectl' : 'kumactl'}
      secondaryActions={secondaryActions}
      success={() => (
        <p className="gwf-success__links">
          <Link to={gatewayPath}>Open gateway {gateway.name}</Link>
          {' · '}
          <Link to={`${gatewayPath}/routes/new?kind=${kind}`}>Add another route</Link>
        </p>
      )}
    >
      {(values) => {
        const currentKinds = (
          kind === 'http'
            ? (values as HttpRouteForm).entries.flatMap((entry) =>
                entry.rules.flatMap((rule) => rule.backends),
              )
            : (values as TcpRouteForm).backends
        ).map((backend) => backend.ref);
        const choices = backendChoices(caps, ctx, currentKinds);
        return (
          <>
            <ServiceLists options={services} />
            <Section title={type}>
              <div className="gwf-grid">
                <TextField
                  name="name"
                  label="Name"
                  readOnly={mode === 'edit'}
                  hint={mode === 'edit' ? 'A stored resource keeps its name.' : undefined}
                />
                <div className="gwf-field">
                  <span className="gwf-static-label">Gateway</span>
                  <Link to={gatewayPath}>{gateway.name}</Link>
                </div>
              </div>
              <ListenerPicker gateway={gateway} kind={kind} targetTags={values.targetTags} />
            </Section>
            {kind === 'http' ? (
              <HttpFields
                values={values as HttpRouteForm}
                choices={choices}
                services={services}
                ctx={ctx}
              />
            ) : (
              <Section title="Backends" testId="route-backends">
                <BackendRows
                  name="backends"
                  backends={(values as TcpRouteForm).backends}
                  choices={choices}
                  services={services}
                  ctx={ctx}
                />
              </Section>
            )}
          </>
        );
      }}
    </ResourceForm>
  );
}
