import { gatewayType } from '../../kuma/dataplane-status';
import type {
  BackendRefTarget,
  DataplaneNetworking,
  GatewayType,
  MeshGateway,
  Tags,
} from '../../kuma/types';
import { SERVICE_TAG } from '../../kuma/validation/tags';
import { selectGateway } from '../../traffic/gateway-binding';

const PROTOCOL_TAG = 'kuma.io/protocol';

export type InboundHealth = 'ready' | 'not-ready';

export interface InboundRow {
  key: string;
  port?: number;
  servicePort?: number;
  address?: string;
  service?: string;
  protocol?: string;
  tags: Tags;
  health: InboundHealth;
  /** Whether the proxy reports health at all (`health` present); absent counts as ready. */
  healthReported: boolean;
  state?: string;
}

export interface OutboundRow {
  key: string;
  port?: number;
  address?: string;
  /** What the outbound leads to: a `kuma.io/service` value or a backendRef, as text. */
  target: string;
  targetKind: 'service' | 'backendRef' | 'tags' | 'unknown';
  tags: Tags;
}

export interface GatewayInfo {
  type: GatewayType;
  tags: Tags;
  service?: string;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function number(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function tagsOf(value: unknown): Tags {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

/** Inbounds with the fields the overview shows; readiness as Kuma computes the status. */
export function inboundRows(networking: DataplaneNetworking): InboundRow[] {
  return (networking.inbound ?? []).map((inbound, index) => {
    const tags = tagsOf(inbound.tags);
    const healthReported = typeof inbound.health?.ready === 'boolean';
    const ready = inbound.state !== 'NotReady' && inbound.health?.ready !== false;
    return {
      key: `${index}:${inbound.port}`,
      port: number(inbound.port),
      servicePort: number(inbound.servicePort),
      address: text(inbound.address),
      service: tags[SERVICE_TAG],
      protocol: tags[PROTOCOL_TAG],
      tags,
      health: ready ? 'ready' : 'not-ready',
      healthReported,
      state: text(inbound.state),
    };
  });
}

/** `MeshService checkout.ns:8080` for a backendRef. */
export function backendRefLabel(ref: BackendRefTarget): string {
  const name =
    text(ref.name) ??
    Object.entries(tagsOf(ref.labels))
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
  const namespaced = text(ref.namespace) ? `${name}.${ref.namespace}` : name;
  const port = number(ref.port) !== undefined ? `:${ref.port}` : '';
  return `${text(ref.kind) ?? 'backendRef'} ${namespaced}${port}`.trim();
}

export function outboundRows(networking: DataplaneNetworking): OutboundRow[] {
  return (networking.outbound ?? []).map((outbound, index) => {
    const tags = tagsOf(outbound.tags);
    const service = tags[SERVICE_TAG];
    const ref = outbound.backendRef;
    const [target, targetKind]: [string, OutboundRow['targetKind']] = service
      ? [service, 'service']
      : ref && typeof ref === 'object'
        ? [backendRefLabel(ref), 'backendRef']
        : Object.keys(tags).length > 0
          ? [
              Object.entries(tags)
                .map(([k, v]) => `${k}=${v}`)
                .join(', '),
              'tags',
            ]
          : ['unknown', 'unknown'];
    return {
      key: `${index}:${outbound.port}`,
      port: number(outbound.port),
      address: text(outbound.address),
      target,
      targetKind,
      tags,
    };
  });
}

/** The gateway part of a Dataplane; a missing `type` means DELEGATED (protojson zero value). */
export function gatewayInfo(networking: DataplaneNetworking): GatewayInfo | undefined {
  const type = gatewayType(networking);
  if (!type) return undefined;
  const tags = tagsOf(networking.gateway?.tags);
  return { type, tags, service: tags[SERVICE_TAG] };
}

export interface GatewayBinding {
  /** The MeshGateway the proxy serves. */
  bound?: MeshGateway;
  /** Other MeshGateways whose selectors match these tags but lose to `bound`. */
  others: MeshGateway[];
}

/** Which MeshGateway(s) of the mesh select a built-in gateway proxy with these tags. */
export function gatewayBinding(gateways: readonly MeshGateway[], tags: Tags): GatewayBinding {
  const selection = selectGateway(gateways, tags);
  return {
    bound: selection.gateway,
    others: selection.candidates
      .map((candidate) => candidate.gateway)
      .filter((gateway) => gateway !== selection.gateway),
  };
}
