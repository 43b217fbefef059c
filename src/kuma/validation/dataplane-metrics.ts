/**
 * A sidecar Dataplane's own `metrics` backend (Kuma's `validateMetricsBackend` and the
 * `validatePrometheusConfig` it shares with the Mesh validator). The `conf` is a
 * `google.protobuf.Struct` that Kuma turns into `PrometheusMetricsBackendConfig` by writing it
 * out with jsonpb and reading it back, so a conf that does not fit the message is reported with
 * jsonpb's own error.
 */
import type { ValidationContext } from './context';
import { goRegexpError } from './go-regexp';
import { asArray, asRecord, asString, isPresent } from './guards';
import { rootedAt, type ViolationList } from './violations';
import { GoJsonError } from './wire/go-json';
import { decodeJsonpb } from './wire/jsonpb';
import { BACKEND_CONFIGS } from './wire/legacy-messages';

const PROMETHEUS = 'prometheus';

/**
 * Go's `json.Marshal` of a float64, as jsonpb writes Struct numbers: shortest round-trip
 * digits, exponent form below 1e-6 and from 1e21 (JS's `String` uses the same thresholds and
 * exponent spelling), and a negative zero keeps its sign.
 */
function goFloat(value: number): string {
  return Object.is(value, -0) ? '-0' : String(value);
}

/**
 * Go's `json.Marshal` of a string: besides what JSON requires it escapes `<`, `>`, `&`, U+2028
 * and U+2029. It matters because jsonpb reads a quoted number field by stripping the quotes, so
 * the escaped text is what a "could not parse config" message quotes.
 */
function goString(value: string): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A Struct value as jsonpb writes it: object keys sorted, numbers and strings as Go prints them. */
function structJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return goFloat(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return goString(value);
  if (Array.isArray(value)) return `[${value.map(structJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  return `{${keys.map((key) => `${goString(key)}:${structJson(record[key])}`).join(',')}}`;
}

/** `hasEqualConfiguration`: skipMTLS and tls.mode that say the same thing may coexist. */
function skipMtlsAgreesWithTls(skipMtls: boolean, mode: unknown): boolean {
  const effectiveMode = mode ?? 'activeMTLSBackend';
  return (
    (!skipMtls && effectiveMode === 'activeMTLSBackend') ||
    (skipMtls && effectiveMode === 'disabled')
  );
}

function validatePrometheusConf(out: ViolationList, conf: unknown, ctx: ValidationContext): void {
  const path = rootedAt('metrics').field('conf');
  // A missing conf is a nil Struct, which Kuma's ToTyped accepts as an empty config.
  if (!isPresent(conf)) return;
  let cfg: Record<string, unknown>;
  try {
    cfg = decodeJsonpb(structJson(conf), BACKEND_CONFIGS.prometheus, ctx.version);
  } catch (error) {
    if (!(error instanceof GoJsonError)) throw error;
    out.add(path, `could not parse config: ${error.message}`);
    return;
  }
  const tls = asRecord(cfg.tls);
  if (
    isPresent(cfg.skipMTLS) &&
    tls !== undefined &&
    !skipMtlsAgreesWithTls(cfg.skipMTLS === true, tls.mode)
  ) {
    out.add(path, 'skipMTLS and tls configuration cannot be defined together');
    return;
  }
  const regexError = goRegexpError(asString(asRecord(cfg.envoy)?.filterRegex));
  if (regexError !== undefined) {
    out.add(
      path.field('envoy').field('filterRegex'),
      `provided regexp isn't correct: ${regexError}`,
    );
    return;
  }
  const used = new Set<string>();
  asArray(cfg.aggregate).forEach((entry, i) => {
    const name = asString(asRecord(entry)?.name);
    if (used.has(name)) {
      out.add(
        path.field('aggregate').index(i).field('name'),
        `duplicate entry: ${name}, values have to be unique`,
      );
      return;
    }
    used.add(name);
  });
}

/** Only called for a present `metrics` (Go: non-nil) on a sidecar. */
export function validateMetricsBackend(
  out: ViolationList,
  raw: unknown,
  ctx: ValidationContext,
): void {
  const metrics = asRecord(raw) ?? {};
  if (asString(metrics.type) !== PROMETHEUS) {
    out.add(
      rootedAt('metrics').field('type'),
      `unknown backend type. Available backends: "${PROMETHEUS}"`,
    );
    return;
  }
  validatePrometheusConf(out, metrics.conf, ctx);
}
