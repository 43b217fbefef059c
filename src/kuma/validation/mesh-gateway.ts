/**
 * MeshGateway admission rules G1–G26, as `pkg/core/resources/apis/mesh/gateway_validator.go`
 * reports them (identical in 2.6 and 2.14). Order: selectors, tags, then conf (per listener:
 * hostname, port, protocol, tls, tags; then the same-port conflicts G24–G26).
 */
import type { MeshGateway } from '../types';
import type { ValidationContext } from './context';
import { asArray, asNumber, asRecord, asString } from './guards';
import { validateGatewayHostname } from './hostname';
import { validatePort } from './port';
import { GATEWAY_RESERVED_TAG_KEYS, validateSelectorTags } from './tags';
import { type PathBuilder, rootedAt, type Violation, ViolationList } from './violations';

const KNOWN_PROTOCOLS = new Set(['UDP', 'TCP', 'TLS', 'HTTP', 'HTTPS']);
const KNOWN_TLS_MODES = new Set(['TERMINATE', 'PASSTHROUGH']);

/** The protocol enum name as Kuma sees it; missing or unknown values read as `NONE`. */
export function listenerProtocol(listener: unknown): string {
  const protocol = asString(asRecord(listener)?.protocol);
  return KNOWN_PROTOCOLS.has(protocol) ? protocol : 'NONE';
}

/** The TLS mode enum name; missing or unknown values read as `NONE`. */
export function tlsMode(tls: unknown): string {
  const mode = asString(asRecord(tls)?.mode);
  return KNOWN_TLS_MODES.has(mode) ? mode : 'NONE';
}

export function isCrossMeshListener(listener: unknown): boolean {
  return asRecord(listener)?.crossMesh === true;
}

/** `GetNonEmptyHostname`: an empty hostname is the same as `*`. */
function effectiveHostname(listener: unknown): string {
  const hostname = asString(asRecord(listener)?.hostname);
  return hostname === '' ? '*' : hostname;
}

function validateListener(out: ViolationList, path: PathBuilder, raw: unknown): void {
  const listener = asRecord(raw) ?? {};
  const hostname = asString(listener.hostname);
  if (hostname !== '') {
    validateGatewayHostname(out, path.field('hostname'), hostname);
  }

  validatePort(out, path.field('port'), listener.port);

  const crossMesh = isCrossMeshListener(listener);
  const tls = asRecord(listener.tls);
  switch (listenerProtocol(listener)) {
    case 'NONE':
      out.add(path.field('protocol'), 'cannot be empty');
      break;
    case 'HTTPS':
      if (crossMesh) {
        out.add(path.field('protocol'), 'protocol is not supported with crossMesh');
      } else if (tls === undefined) {
        out.add(path.field('tls'), 'cannot be empty');
      } else if (tlsMode(tls) === 'PASSTHROUGH') {
        out.add(path.field('tls').field('mode'), 'mode is not supported on HTTPS listeners');
      }
      break;
  }

  if (tls !== undefined && !crossMesh) {
    const certificates = asArray(tls.certificates);
    switch (tlsMode(tls)) {
      case 'NONE':
        out.add(path.field('tls').field('mode'), 'cannot be empty');
        break;
      case 'TERMINATE':
        if (certificates.length === 0) {
          out.add(
            path.field('tls').field('certificates'),
            'cannot be empty in TLS termination mode',
          );
        } else if (certificates.length > 2) {
          out.add(path.field('tls').field('certificates'), 'cannot have more than 2 certificates');
        }
        break;
    }
  }
  if (tls !== undefined && crossMesh) {
    if (tlsMode(tls) !== 'NONE' || asArray(tls.certificates).length > 0) {
      out.add(path.field('tls'), 'must be empty with crossMesh');
    }
  }

  validateSelectorTags(out, path.field('tags'), listener.tags, {
    reservedKeys: GATEWAY_RESERVED_TAG_KEYS,
  });
}

/** G24–G26. Kuma walks Go maps here, so its order is random; ours is stable (by listener index). */
function validateListenerCollapsibility(
  out: ViolationList,
  path: PathBuilder,
  listeners: unknown[],
): void {
  const byPort = new Map<number, number[]>();
  listeners.forEach((listener, i) => {
    const port = asNumber(asRecord(listener)?.port);
    byPort.set(port, [...(byPort.get(port) ?? []), i]);
  });

  const protocolConflicts = new Set<number>();
  const hostnameConflicts = new Set<number>();
  const limitConflicts = new Set<number>();
  for (const indexes of byPort.values()) {
    const protocols = new Set(indexes.map((i) => listenerProtocol(listeners[i])));
    if (protocols.size > 1) {
      for (const i of indexes) {
        protocolConflicts.add(i);
      }
    }

    const byHostname = new Map<string, number[]>();
    for (const i of indexes) {
      const hostname = effectiveHostname(listeners[i]);
      byHostname.set(hostname, [...(byHostname.get(hostname) ?? []), i]);
    }
    for (const sameHost of byHostname.values()) {
      if (sameHost.length > 1) {
        for (const i of sameHost) {
          hostnameConflicts.add(i);
        }
      }
    }

    const limited = indexes.filter((i) => connectionLimit(listeners[i]) !== 0);
    if (new Set(limited.map((i) => connectionLimit(listeners[i]))).size > 1) {
      for (const i of limited) {
        limitConflicts.add(i);
      }
    }
  }

  const ascending = (set: Set<number>) => [...set].sort((a, b) => a - b);
  for (const i of ascending(protocolConflicts)) {
    out.add(path.index(i), 'protocol conflicts with other listeners on this port');
  }
  for (const i of ascending(hostnameConflicts)) {
    out.add(path.index(i), 'multiple listeners for hostname on this port');
  }
  for (const i of ascending(limitConflicts)) {
    out.add(
      path.index(i).field('resources').field('connectionLimit'),
      'conflicting values for this port',
    );
  }
}

function connectionLimit(listener: unknown): number {
  return asNumber(asRecord(asRecord(listener)?.resources)?.connectionLimit);
}

function validateConf(out: ViolationList, conf: unknown): void {
  const path = rootedAt('conf');
  const record = asRecord(conf);
  if (record === undefined) {
    out.add(path, 'cannot be empty');
    return;
  }
  const listenersPath = path.field('listeners');
  const listeners = asArray(record.listeners);
  if (listeners.length === 0) {
    out.add(listenersPath, 'cannot be empty');
  }
  listeners.forEach((listener, i) => {
    validateListener(out, listenersPath.index(i), listener);
  });
  validateListenerCollapsibility(out, listenersPath, listeners);
}

/** G1–G26 for a MeshGateway (legacy, flat resource: paths have no `spec.` prefix). */
export function validateMeshGateway(gw: MeshGateway, _ctx: ValidationContext): Violation[] {
  const out = new ViolationList();
  const resource = asRecord(gw) ?? {};
  const listeners = asArray(asRecord(resource.conf)?.listeners);
  const onlyOneSelector = listeners.some(isCrossMeshListener);

  const selectorsPath = rootedAt('selectors');
  const selectors = asArray(resource.selectors);
  if (selectors.length === 0) {
    out.add(selectorsPath, 'must have at least one element');
  }
  selectors.forEach((selector, i) => {
    validateSelectorTags(out, selectorsPath.index(i).field('match'), asRecord(selector)?.match, {
      requireAtLeastOneTag: true,
      requireService: true,
    });
    if (i > 0 && onlyOneSelector) {
      out.add(selectorsPath.index(i), 'there can be at most one selector');
    }
  });

  validateSelectorTags(out, rootedAt('tags'), resource.tags, {
    reservedKeys: GATEWAY_RESERVED_TAG_KEYS,
  });

  validateConf(out, resource.conf);
  return out.items;
}
