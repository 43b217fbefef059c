/**
 * The fields both route forms share: the listener picker, the service suggestions, and backends
 * with their weights (a `FieldRows`). An HTTP route's own fields are in http-route-fields.tsx.
 */
import { useFormContext } from 'react-hook-form';
import { displayNameOf } from '../../kuma/display-name';
import { canonicalJson } from '../../kuma/mutations/resource-version';
import type {
  MeshGateway,
  MeshGatewayListener,
  MeshService,
  ServiceInsight,
} from '../../kuma/types';
import { FieldRows, SelectField, TextField } from './fields';
import { FieldMessages, fieldId, useIssues } from './issues';
import {
  type BackendForm,
  type BackendRefChoice,
  emptyBackend,
  type FormContext,
  parseWholeNumber,
  rowsFromTags,
  type TagRow,
  tagsFromRows,
} from './model';
import type { RouteKind } from './route-kinds';

const PROTOCOLS_OF: Record<RouteKind, readonly string[]> = {
  http: ['HTTP', 'HTTPS'],
  tcp: ['TCP', 'TLS'],
};

const BACKEND_LABELS: Record<BackendRefChoice, string> = {
  MeshService: 'MeshService (resource and port)',
  service: 'Service tag (kuma.io/service)',
  MeshServiceSubset: 'MeshServiceSubset',
  MeshExternalService: 'MeshExternalService',
  MeshMultiZoneService: 'MeshMultiZoneService',
};

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

export function ListenerPicker({
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

export interface ServiceOptions {
  tags: string[];
  resources: { name: string; namespace?: string; ports: number[] }[];
}

export function serviceOptions(
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

export function ServiceLists({ options }: { options: ServiceOptions }) {
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

export function BackendRows({
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
  const weights = backends.map((backend) => parseWholeNumber(backend.weight) ?? 1);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return (
    <FieldRows
      name={name}
      legend="Backends"
      hint="Requests are split by weight (1 when blank)."
      className="gwf-backends"
      itemLabel="backend"
      addText="Add backend"
      newRow={() => emptyBackend(choices[0])}
    >
      {({ index: k, base, count, remove }) => {
        const backend = backends[k];
        const ref = backend?.ref ?? 'service';
        const resource = services.resources.find((service) => service.name === backend?.name);
        const portsId = `gwf-ports-${fieldId(base)}`;
        const share = total > 0 ? Math.round(((weights[k] ?? 0) / total) * 1000) / 10 : 0;
        return (
          <div className="gwf-backend" data-testid="backend-row">
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
              hint={count > 1 ? `${share}% of requests` : undefined}
            />
            <FieldMessages name={base} />
            {remove}
          </div>
        );
      }}
    </FieldRows>
  );
}
