/**
 * Dataplane rules from `pkg/core/resources/apis/mesh/dataplane_validator.go`: the gateway rules
 * D1–D16 plus the basic sidecar rules (address, inbound and outbound interfaces, probes).
 * Order follows Kuma: admin port, then the per-kind checks, gateway tags, networking, probes.
 */
import type { Dataplane } from '../types';
import { atLeast, type ValidationContext } from './context';
import { asArray, asNumber, asRecord, asString, asTags, isPresent, isSet } from './guards';
import { addressesOverlap, isDNSName, isIP } from './ip';
import { validatePort } from './port';
import { MSG_SERVICE_TAG_MISSING, PROTOCOL_TAG, SERVICE_TAG, validateTagValues } from './tags';
import { goQuote, type PathBuilder, rootedAt, type Violation, ViolationList } from './violations';

const LOOPBACK = '127.0.0.1';

/** Values `ParseProtocol` accepts for `kuma.io/protocol` on an inbound (case-insensitive). */
const KNOWN_PROTOCOLS = new Set(['http', 'http2', 'tcp', 'grpc', 'kafka', 'tls']);
/** What Kuma lists in the message (`SupportedProtocols`). */
const SUPPORTED_PROTOCOLS_HINT = 'grpc, http, http2, kafka, tcp';

/** Kinds a delegated gateway's `outbound[].backendRef` may use, sorted as Kuma prints them. */
const OUTBOUND_BACKEND_KINDS = ['MeshExternalService', 'MeshMultiZoneService', 'MeshService'];

export type DataplaneKind = 'standard' | 'delegated' | 'builtin';

/** `networking.gateway` present makes a gateway; a missing `type` (protojson zero value) is DELEGATED. */
export function dataplaneKind(dp: Dataplane): DataplaneKind {
  const gateway = asRecord(asRecord(asRecord(dp)?.networking)?.gateway);
  if (gateway === undefined) {
    return 'standard';
  }
  return gateway.type === 'BUILTIN' ? 'builtin' : 'delegated';
}

interface Interface {
  ip: string;
  port: number;
}

function inboundInterfaces(networking: Record<string, unknown>): Interface[] {
  const dpAddress = asString(networking.address);
  return asArray(networking.inbound).flatMap((raw) => {
    const inbound = asRecord(raw) ?? {};
    const port = asNumber(inbound.port);
    const servicePort = asNumber(inbound.servicePort);
    return [
      { ip: asString(inbound.address) || dpAddress, port },
      { ip: asString(inbound.serviceAddress) || LOOPBACK, port: servicePort || port },
    ];
  });
}

function outboundInterfaces(networking: Record<string, unknown>): Interface[] {
  return asArray(networking.outbound).map((raw) => {
    const outbound = asRecord(raw) ?? {};
    return { ip: asString(outbound.address) || LOOPBACK, port: asNumber(outbound.port) };
  });
}

function usesInterface(interfaces: Interface[], ip: string, port: number): boolean {
  return interfaces.some((iface) => iface.port === port && addressesOverlap(ip, iface.ip));
}

function validateAddress(out: ViolationList, path: PathBuilder, address: string): void {
  if (address === '') {
    out.add(path, "address can't be empty");
    return;
  }
  if (address === '0.0.0.0' || address === '::') {
    out.add(path, 'must not be 0.0.0.0 or ::');
  }
  if (!isIP(address) && !isDNSName(address)) {
    out.add(path, 'address has to be valid IP address or domain name');
  }
}

function inboundProtocolCheck(
  out: ViolationList,
  path: PathBuilder,
  tags: Record<string, string>,
): void {
  if (!Object.hasOwn(tags, PROTOCOL_TAG)) {
    return;
  }
  const value = tags[PROTOCOL_TAG] ?? '';
  if (!KNOWN_PROTOCOLS.has(value.toLowerCase())) {
    out.add(
      path.key(PROTOCOL_TAG),
      `tag ${goQuote(PROTOCOL_TAG)} has an invalid value ${goQuote(value)}. Allowed values: ${SUPPORTED_PROTOCOLS_HINT}`,
    );
  }
}

function gatewayProtocolCheck(
  out: ViolationList,
  path: PathBuilder,
  tags: Record<string, string>,
): void {
  if (!Object.hasOwn(tags, PROTOCOL_TAG)) {
    return;
  }
  const value = tags[PROTOCOL_TAG] ?? '';
  if (value !== 'tcp') {
    out.add(
      path.key(PROTOCOL_TAG),
      `other values than tcp are not allowed, provided value "${value}"`,
    );
  }
}

function validateInbound(
  out: ViolationList,
  path: PathBuilder,
  raw: unknown,
  dpAddress: string,
  ctx: ValidationContext,
): void {
  const inbound = asRecord(raw) ?? {};
  const port = asNumber(inbound.port);
  const servicePort = asNumber(inbound.servicePort);
  const serviceAddress = asString(inbound.serviceAddress);
  const address = asString(inbound.address);
  const collidesWithService = servicePort === 0 || servicePort === port;

  validatePort(out, path.field('port'), inbound.port);
  if (servicePort !== 0) {
    validatePort(out, path.field('servicePort'), servicePort);
  }
  if (serviceAddress !== '') {
    if (!isIP(serviceAddress)) {
      out.add(path.field('serviceAddress'), 'serviceAddress has to be valid IP address');
    }
    if (serviceAddress === dpAddress && collidesWithService) {
      out.add(
        path.field('serviceAddress'),
        'serviceAddress and servicePort has to differ from address and port',
      );
    }
  }
  if (address !== '') {
    if (!isIP(address)) {
      out.add(path.field('address'), 'address has to be valid IP address');
    }
    if (address === serviceAddress && collidesWithService) {
      out.add(
        path.field('serviceAddress'),
        'serviceAddress and servicePort has to differ from address and port',
      );
    }
  }
  const tags = asTags(inbound.tags);
  if (atLeast(ctx, 2, 14)) {
    // 2.14 (kumahq/kuma#15458): inbounds may carry no tags at all; if they carry any, the
    // service tag is required through the tag-map rule.
    validateTagValues(out, path.field('tags'), tags, {
      requireService: Object.keys(tags).length > 0,
      extraChecks: [inboundProtocolCheck],
    });
    return;
  }
  validateTagValues(out, path.field('tags'), tags, { extraChecks: [inboundProtocolCheck] });
  if (!Object.hasOwn(tags, SERVICE_TAG)) {
    out.add(path.field('tags').key(SERVICE_TAG), 'tag has to exist');
  }
}

function validateOutbound(out: ViolationList, path: PathBuilder, raw: unknown): void {
  const outbound = asRecord(raw) ?? {};
  validatePort(out, path.field('port'), outbound.port);

  const address = asString(outbound.address);
  if (address !== '' && !isIP(address)) {
    out.add(path.field('address'), 'address has to be valid IP address');
  }

  const backendRef = asRecord(outbound.backendRef);
  const tags = asTags(outbound.tags);
  const service = asString(outbound.service);
  if (backendRef !== undefined) {
    const kind = asString(backendRef.kind);
    if (!OUTBOUND_BACKEND_KINDS.includes(kind)) {
      out.add(
        path.field('backendRef').field('kind'),
        `invalid value. Available values are: ${OUTBOUND_BACKEND_KINDS.join(',')}`,
      );
    }
    if (asString(backendRef.name) === '' && !isSet(backendRef.labels)) {
      out.add(path.field('backendRef'), "either 'name' or 'labels' should be specified");
    }
    if (kind !== 'MeshExternalService') {
      validatePort(out, path.field('backendRef').field('port'), backendRef.port);
    }
  } else if (Object.keys(tags).length === 0) {
    if (service === '') {
      out.add(path.field('tags'), MSG_SERVICE_TAG_MISSING);
    }
  } else {
    validateTagValues(out, path.field('tags'), tags, { requireService: true });
  }

  if (backendRef !== undefined && (Object.keys(tags).length > 0 || service !== '')) {
    out.add(path.field('backendRef'), 'both backendRef and tags/service cannot be defined');
  }
}

function validateNetworking(
  out: ViolationList,
  networking: Record<string, unknown>,
  ctx: ValidationContext,
): void {
  const path = rootedAt('networking');
  const dpAddress = asString(networking.address);
  validateAddress(out, path.field('address'), dpAddress);
  asArray(networking.inbound).forEach((inbound, i) => {
    validateInbound(out, path.field('inbound').index(i), inbound, dpAddress, ctx);
  });
  asArray(networking.outbound).forEach((outbound, i) => {
    validateOutbound(out, path.field('outbound').index(i), outbound);
  });
}

function isRequestURI(value: string): boolean {
  return value.startsWith('/') || /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(value);
}

function validateProbes(out: ViolationList, raw: unknown): void {
  if (!isPresent(raw)) {
    return;
  }
  const probes = asRecord(raw) ?? {};
  const path = rootedAt('probes');
  validatePort(out, path.field('port'), probes.port);
  asArray(probes.endpoints).forEach((rawEndpoint, i) => {
    const endpoint = asRecord(rawEndpoint) ?? {};
    const endpointPath = path.field('endpoints').index(i);
    validatePort(out, endpointPath.field('inboundPort'), endpoint.inboundPort);
    if (!isRequestURI(asString(endpoint.inboundPath))) {
      out.add(endpointPath.field('inboundPath'), 'should be a valid URL Path');
    }
    if (!isRequestURI(asString(endpoint.path))) {
      out.add(endpointPath.field('path'), 'should be a valid URL Path');
    }
  });
}

function validateGatewayTags(
  out: ViolationList,
  gateway: Record<string, unknown>,
  ctx: ValidationContext,
): void {
  const tags = asTags(gateway.tags);
  // D8: through 2.13 the service tag is always mandatory; 2.14 requires it only when tags are set.
  const requireService = !atLeast(ctx, 2, 14) || Object.keys(tags).length > 0;
  validateTagValues(out, rootedAt('networking').field('gateway').field('tags'), tags, {
    requireService,
    extraChecks: [gatewayProtocolCheck],
  });
}

/** D1–D16 and the basic sidecar rules for a Dataplane (legacy, flat resource). */
export function validateDataplane(dp: Dataplane, ctx: ValidationContext): Violation[] {
  const out = new ViolationList();
  const net = rootedAt('networking');
  const resource = asRecord(dp) ?? {};
  const networking = asRecord(resource.networking);
  if (networking === undefined) {
    out.add(net, 'must be defined');
    return out.items;
  }

  const admin = asRecord(networking.admin);
  if (admin !== undefined) {
    const adminPort = asNumber(admin.port);
    if (usesInterface(inboundInterfaces(networking), LOOPBACK, adminPort)) {
      out.add(net.field('admin').field('port'), 'must differ from inbound');
    }
    if (usesInterface(outboundInterfaces(networking), LOOPBACK, adminPort)) {
      out.add(net.field('admin').field('port'), 'must differ from outbound');
    }
  }

  const hasInbound = asArray(networking.inbound).length > 0;
  const hasListeners = atLeast(ctx, 2, 14) && asArray(networking.listeners).length > 0;
  const gateway = asRecord(networking.gateway) ?? {};
  switch (dataplaneKind(dp)) {
    case 'delegated':
      if (hasInbound) {
        out.add(net.field('inbound'), 'inbound cannot be defined for delegated gateways');
      }
      if (hasListeners) {
        out.add(net.field('listeners'), 'listeners cannot be defined for delegated gateways');
      }
      validateGatewayTags(out, gateway, ctx);
      validateNetworking(out, networking, ctx);
      validateProbes(out, resource.probes);
      break;
    case 'builtin':
      if (hasInbound) {
        out.add(net.field('inbound'), 'inbound cannot be defined for builtin gateways');
      }
      if (asArray(networking.outbound).length > 0) {
        out.add(net.field('outbound'), 'outbound cannot be defined for builtin gateways');
      }
      if (hasListeners) {
        out.add(net.field('listeners'), 'listeners cannot be defined for builtin gateways');
      }
      if (isPresent(resource.probes)) {
        out.add(net.field('probes'), 'probes cannot be defined for builtin gateways');
      }
      validateGatewayTags(out, gateway, ctx);
      validateNetworking(out, networking, ctx);
      break;
    case 'standard':
      // 2.14 (kumahq/kuma#15685) accepts outbound-only proxies.
      if (!hasInbound && !atLeast(ctx, 2, 14)) {
        out.add(net, 'has to contain at least one inbound interface or gateway');
      }
      validateNetworking(out, networking, ctx);
      validateProbes(out, resource.probes);
      break;
  }
  return out.items;
}
