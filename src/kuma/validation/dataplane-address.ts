/**
 * Address rules a Dataplane shares between `networking.address` and 2.14's listeners (Kuma's
 * `validateAddress`), and the interface model behind the admin-port rule (`UsesInboundInterface`,
 * `UsesOutboundInterface`, `ToInboundInterface`).
 */
import { asArray, asNumber, asRecord, asString } from './guards';
import { addressesOverlap, isDNSName, isIP } from './ip';
import type { PathBuilder, ViolationList } from './violations';

export const LOOPBACK = '127.0.0.1';

/** `validateAddress`: set, not a wildcard, and an IP address or a DNS name. */
export function validateDataplaneAddress(
  out: ViolationList,
  path: PathBuilder,
  address: string,
): void {
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

interface Interface {
  ip: string;
  port: number;
}

/**
 * Each inbound listens on the proxy side (its address, else the Dataplane's) and forwards to
 * the workload side (its serviceAddress, else the proxy-side address; its servicePort, else
 * its port).
 */
function inboundInterfaces(networking: Record<string, unknown>): Interface[] {
  const dpAddress = asString(networking.address);
  return asArray(networking.inbound).flatMap((raw) => {
    const inbound = asRecord(raw) ?? {};
    const port = asNumber(inbound.port);
    const proxyIP = asString(inbound.address) || dpAddress;
    return [
      { ip: proxyIP, port },
      {
        ip: asString(inbound.serviceAddress) || proxyIP,
        port: asNumber(inbound.servicePort) || port,
      },
    ];
  });
}

/** An outbound listens on its address, else on loopback. */
function outboundInterfaces(networking: Record<string, unknown>): Interface[] {
  return asArray(networking.outbound).map((raw) => {
    const outbound = asRecord(raw) ?? {};
    return { ip: asString(outbound.address) || LOOPBACK, port: asNumber(outbound.port) };
  });
}

function uses(interfaces: Interface[], ip: string, port: number): boolean {
  return interfaces.some((iface) => iface.port === port && addressesOverlap(ip, iface.ip));
}

export function usesInboundInterface(
  networking: Record<string, unknown>,
  ip: string,
  port: number,
): boolean {
  return uses(inboundInterfaces(networking), ip, port);
}

export function usesOutboundInterface(
  networking: Record<string, unknown>,
  ip: string,
  port: number,
): boolean {
  return uses(outboundInterfaces(networking), ip, port);
}
