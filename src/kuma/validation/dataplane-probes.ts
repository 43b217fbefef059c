/**
 * The two kinds of probe a Dataplane carries: the virtual probes (`probes`, Kuma's
 * `validateProbes`) and an inbound's active health check (`serviceProbe`,
 * `validateServiceProbe`). Both run on the canonical (jsonpb-decoded) resource.
 */
import type { ValidationContext } from './context';
import { isValidRequestURI } from './go-url';
import { asArray, asRecord, asString, isPresent } from './guards';
import { validatePort } from './port';
import type { PathBuilder, ViolationList } from './violations';
import { rootedAt } from './violations';

const MSG_POSITIVE = 'must have a positive value';
const MSG_URL_PATH = 'should be a valid URL Path';

/** `probes`: only called when the message is present (Go: non-nil). */
export function validateProbes(out: ViolationList, raw: unknown, ctx: ValidationContext): void {
  if (!isPresent(raw)) return;
  const probes = asRecord(raw) ?? {};
  const path = rootedAt('probes');
  validatePort(out, path.field('port'), probes.port);
  asArray(probes.endpoints).forEach((rawEndpoint, i) => {
    const endpoint = asRecord(rawEndpoint) ?? {};
    const endpointPath = path.field('endpoints').index(i);
    validatePort(out, endpointPath.field('inboundPort'), endpoint.inboundPort);
    if (!isValidRequestURI(asString(endpoint.inboundPath), ctx.version)) {
      out.add(endpointPath.field('inboundPath'), MSG_URL_PATH);
    }
    if (!isValidRequestURI(asString(endpoint.path), ctx.version)) {
      out.add(endpointPath.field('path'), MSG_URL_PATH);
    }
  });
}

/**
 * jsonpb reads a Duration through `time.ParseDuration`, so it is always in range and
 * `CheckValid` never fails: the only way to break the rule is a zero length. The canonical
 * form is `formatDuration`'s "<seconds>s".
 */
function isZeroDuration(value: unknown): boolean {
  if (typeof value !== 'string') return value === 0;
  const seconds = Number(value.endsWith('s') ? value.slice(0, -1) : value);
  return seconds === 0;
}

/** `serviceProbe` of one inbound; only set fields are checked (Go: non-nil pointers). */
export function validateServiceProbe(out: ViolationList, path: PathBuilder, raw: unknown): void {
  if (!isPresent(raw)) return;
  const probe = asRecord(raw) ?? {};
  const probePath = path.field('serviceProbe');
  for (const field of ['interval', 'timeout'] as const) {
    if (isPresent(probe[field]) && isZeroDuration(probe[field])) {
      out.add(probePath.field(field), MSG_POSITIVE);
    }
  }
  for (const field of ['unhealthyThreshold', 'healthyThreshold'] as const) {
    // UInt32Value: present means set, whatever its value; only 0 is rejected.
    if (isPresent(probe[field]) && Number(probe[field]) === 0) {
      out.add(probePath.field(field), MSG_POSITIVE);
    }
  }
}
