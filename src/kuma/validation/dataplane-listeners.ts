/**
 * 2.14's embedded zone-proxy `networking.listeners` on a sidecar Dataplane (Kuma's
 * `validateListeners`): each needs a type, an address and a port; names are unique across
 * inbounds and listeners; an address:port belongs to one listener and to no inbound.
 */
import { validateDataplaneAddress } from './dataplane-address';
import { asArray, asNumber, asRecord, asString } from './guards';
import { validatePort } from './port';
import { goQuote, type PathBuilder, type ViolationList } from './violations';

/** An inbound's section name: its `name`, else its port as text (Go's `GetSectionName`). */
function inboundSectionName(inbound: Record<string, unknown>): string {
  return asString(inbound.name) || String(asNumber(inbound.port));
}

/** The listener type as jsonpb decoded it; an absent type is the zero value `Unspecified`. */
function listenerType(listener: Record<string, unknown>): string | number {
  const type = listener.type;
  return typeof type === 'string' || typeof type === 'number' ? type : 'Unspecified';
}

export function validateListeners(
  out: ViolationList,
  path: PathBuilder,
  networking: Record<string, unknown>,
): void {
  const inbounds = asArray(networking.inbound).map((raw) => asRecord(raw) ?? {});
  const names = new Set(inbounds.map(inboundSectionName));
  const typeByAddressPort = new Map<string, string | number>();
  const dpAddress = asString(networking.address);

  asArray(networking.listeners).forEach((raw, i) => {
    const listener = asRecord(raw) ?? {};
    const listenerPath = path.index(i);
    const type = listenerType(listener);
    if (type === 'Unspecified' || type === 0) {
      out.add(listenerPath.field('type'), 'type must be ZoneIngress or ZoneEgress');
    }
    const address = asString(listener.address);
    validateDataplaneAddress(out, listenerPath.field('address'), address);
    validatePort(out, listenerPath.field('port'), listener.port);

    const name = asString(listener.name);
    if (name !== '') {
      if (names.has(name)) {
        out.add(
          listenerPath.field('name'),
          `name ${goQuote(name)} must be unique across inbounds and listeners`,
        );
      }
      names.add(name);
    }

    const key = `${address}:${asNumber(listener.port)}`;
    const seenType = typeByAddressPort.get(key);
    if (seenType === undefined) {
      typeByAddressPort.set(key, type);
    } else if (seenType === type) {
      out.add(listenerPath, `address:port ${key} is already used by another listener`);
    } else {
      out.add(listenerPath, `address:port ${key} is used by listeners of different types`);
    }

    const collides = inbounds.some(
      (inbound) => `${asString(inbound.address) || dpAddress}:${asNumber(inbound.port)}` === key,
    );
    if (collides) {
      out.add(listenerPath, `address:port ${key} collides with an inbound listener`);
    }
  });
}
