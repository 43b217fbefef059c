/**
 * The Mesh's logging, tracing and metrics backends, as `mesh_validator.go` checks them. Each
 * backend's `conf` is a `google.protobuf.Struct`; Kuma turns it into the typed config of the
 * backend's type with jsonpb (`util_proto.ToTyped`) and reports a failure as
 * `could not parse config: <Go's error>`, so the typed configs are read here with the same
 * jsonpb reader the admission pipeline uses.
 */
import type { ValidationContext } from './context';
import { goRegexpError } from './go-regexp';
import { requestUriPort, splitHostPort } from './go-url';
import { asArray, asRecord, asString, isPresent, isRecord } from './guards';
import { goQuote, type PathBuilder, rootedAt, type ViolationList } from './violations';
import { GoJsonError } from './wire/go-json';
import { type DecodedMessage, decodeJsonpb, type MessageDescriptor } from './wire/jsonpb';
import { BACKEND_CONFIGS } from './wire/legacy-messages';

const ZIPKIN_API_VERSIONS = ['httpJsonV1', 'httpJson', 'httpProto'];

/** Go's `encoding/json` string escaping, HTML-safe as `json.Marshal` does it. */
function goJsonString(value: string): string {
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (char === '\b') out += '\\b';
    else if (char === '\f') out += '\\f';
    else if (code < 0x20 || char === '<' || char === '>' || char === '&') {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else if (code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16)}`;
    // Go's strings are UTF-8: a lone surrogate can only have become U+FFFD.
    else if (code >= 0xd800 && code <= 0xdfff) out += '\ufffd';
    else out += char;
  }
  return `${out}"`;
}

/**
 * The JSON text jsonpb writes for a Struct before reading it back as a typed config, object
 * keys sorted as jsonpb writes map entries. The text matters: a quoted number is read by
 * stripping the quotes, so `"<"` reaches Go's number reader as `\u003c`, an unknown enum name
 * is quoted in the error as written, and the first bad field in that order is the one reported.
 */
function structJson(value: unknown): string {
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'null';
    return Object.is(value, -0) ? '-0' : String(value);
  }
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(structJson).join(',')}]`;
  if (isRecord(value)) {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${goJsonString(key)}:${structJson(item)}`).join(',')}}`;
  }
  return 'null';
}

export type TypedConf = { ok: true; conf: DecodedMessage } | { ok: false; error: string };

/**
 * `util_proto.ToTyped(conf, &cfg)`: the Struct written out as JSON and read back as the typed
 * message. A missing conf leaves the typed config empty; a failure carries Go's error text.
 */
export function toTyped(
  conf: unknown,
  descriptor: MessageDescriptor,
  ctx: ValidationContext,
): TypedConf {
  if (!isRecord(conf)) return { ok: true, conf: {} };
  try {
    return {
      ok: true,
      conf: decodeJsonpb(structJson(conf), descriptor, ctx.version),
    };
  } catch (error) {
    if (!(error instanceof GoJsonError)) throw error;
    return { ok: false, error: error.message };
  }
}

/** The typed config of a logging, tracing or metrics backend, as `mesh_validator.go` reads it. */
function typedConf(
  conf: unknown,
  descriptor: MessageDescriptor,
  ctx: ValidationContext,
): { ok: true; conf: DecodedMessage } | { ok: false; reason: string } {
  const typed = toTyped(conf, descriptor, ctx);
  return typed.ok ? typed : { ok: false, reason: `could not parse config: ${typed.error}` };
}

/** A `uint32` of a decoded message (jsonpb drops zeros, so missing is 0). */
function asUint(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

/** A `google.protobuf.DoubleValue`; jsonpb also takes the quoted non-finite names. */
function asDouble(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value === 'Infinity') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
  if (value === 'NaN') return Number.NaN;
  return 0;
}

/** Names are checked in order: the second backend with a name is the one reported. */
function reportDuplicateName(
  out: ViolationList,
  used: Set<string>,
  name: string,
  path: PathBuilder,
): void {
  if (used.has(name)) out.add(path, `${goQuote(name)} name is already used for another backend`);
}

function validateTcpLogging(
  out: ViolationList,
  path: PathBuilder,
  conf: unknown,
  ctx: ValidationContext,
) {
  const typed = typedConf(conf, BACKEND_CONFIGS.tcpLogging, ctx);
  if (!typed.ok) {
    out.add(path, typed.reason);
    return;
  }
  const address = asString(typed.conf.address);
  if (address === '') {
    out.add(path.field('address'), 'cannot be empty');
    return;
  }
  const split = splitHostPort(address);
  if (!split || split.host === '' || split.port === '') {
    out.add(path.field('address'), 'has to be in format of HOST:PORT');
  }
}

function validateFileLogging(
  out: ViolationList,
  path: PathBuilder,
  conf: unknown,
  ctx: ValidationContext,
) {
  const typed = typedConf(conf, BACKEND_CONFIGS.fileLogging, ctx);
  if (!typed.ok) out.add(path, typed.reason);
  else if (asString(typed.conf.path) === '') out.add(path.field('path'), 'cannot be empty');
}

export function validateLogging(
  out: ViolationList,
  logging: unknown,
  ctx: ValidationContext,
): void {
  const spec = asRecord(logging);
  if (!spec) return;
  const backendsPath = rootedAt('logging').field('backends');
  const used = new Set<string>();
  asArray(spec.backends).forEach((item, i) => {
    const backend = asRecord(item) ?? {};
    const path = backendsPath.index(i);
    const name = asString(backend.name);
    if (name === '') out.add(path.field('name'), 'cannot be empty');
    const type = asString(backend.type);
    if (type === 'file') validateFileLogging(out, path.field('config'), backend.conf, ctx);
    else if (type === 'tcp') validateTcpLogging(out, path.field('config'), backend.conf, ctx);
    else out.add(path.field('type'), 'unknown backend type. Available backends: "tcp", "file"');
    reportDuplicateName(out, used, name, path.field('name'));
    used.add(name);
  });
  const defaultBackend = asString(spec.defaultBackend);
  if (defaultBackend !== '' && !used.has(defaultBackend)) {
    out.add(
      rootedAt('logging').field('defaultBackend'),
      'has to be set to one of the logging backend in mesh',
    );
  }
}

function validateZipkin(
  out: ViolationList,
  path: PathBuilder,
  conf: unknown,
  ctx: ValidationContext,
) {
  const typed = typedConf(conf, BACKEND_CONFIGS.zipkin, ctx);
  if (!typed.ok) {
    out.add(path, typed.reason);
    return;
  }
  const apiVersion = asString(typed.conf.apiVersion);
  if (apiVersion !== '' && !ZIPKIN_API_VERSIONS.includes(apiVersion)) {
    out.add(
      path.field('apiVersion'),
      `has invalid value. Allowed values: ${ZIPKIN_API_VERSIONS.join(', ')}`,
    );
  }
  const url = asString(typed.conf.url);
  if (url === '') {
    out.add(path.field('url'), 'cannot be empty');
    return;
  }
  const port = requestUriPort(url, ctx.version);
  if (port === undefined) out.add(path.field('url'), 'invalid URL');
  else if (port === '') out.add(path.field('url'), 'port has to be explicitly specified');
}

function validateDatadog(
  out: ViolationList,
  path: PathBuilder,
  conf: unknown,
  ctx: ValidationContext,
) {
  const typed = typedConf(conf, BACKEND_CONFIGS.datadog, ctx);
  if (!typed.ok) {
    out.add(path, typed.reason);
    return;
  }
  if (asString(typed.conf.address) === '') out.add(path.field('address'), 'cannot be empty');
  const port = asUint(typed.conf.port);
  if (port === 0 || port > 65535) {
    out.add(path.field('port'), 'port must be in the range [1, 65535]');
  }
}

export function validateTracing(
  out: ViolationList,
  tracing: unknown,
  ctx: ValidationContext,
): void {
  const spec = asRecord(tracing);
  if (!spec) return;
  const backendsPath = rootedAt('tracing').field('backends');
  const used = new Set<string>();
  asArray(spec.backends).forEach((item, i) => {
    const backend = asRecord(item) ?? {};
    const path = backendsPath.index(i);
    const name = asString(backend.name);
    if (name === '') out.add(path.field('name'), 'cannot be empty');
    const sampling = asDouble(backend.sampling);
    if (sampling < 0 || sampling > 100) {
      out.add(path.field('sampling'), 'has to be in [0.0 - 100.0] range');
    }
    const type = asString(backend.type);
    if (type === 'zipkin') validateZipkin(out, path.field('config'), backend.conf, ctx);
    else if (type === 'datadog') validateDatadog(out, path.field('config'), backend.conf, ctx);
    else {
      out.add(path.field('type'), 'unknown backend type. Available backends: "zipkin", "datadog"');
    }
    reportDuplicateName(out, used, name, path.field('name'));
    used.add(name);
  });
  const defaultBackend = asString(spec.defaultBackend);
  if (defaultBackend !== '' && !used.has(defaultBackend)) {
    out.add(
      rootedAt('tracing').field('defaultBackend'),
      'has to be set to one of the tracing backend in mesh',
    );
  }
}

/**
 * Kuma's `hasEqualConfiguration`: `skipMTLS` and `tls.mode` may both be set only when they say
 * the same thing (an enum number outside the known modes says neither).
 */
function tlsAgreesWithSkipMtls(skipMtls: unknown, tls: unknown): boolean {
  const mode = asRecord(tls)?.mode ?? 'activeMTLSBackend';
  const skip = skipMtls === true;
  return (!skip && mode === 'activeMTLSBackend') || (skip && mode === 'disabled');
}

/** Kuma's `validatePrometheusConfig`, shared by the Mesh and the Dataplane validators. */
export function validatePrometheusConfig(
  out: ViolationList,
  path: PathBuilder,
  conf: unknown,
  ctx: ValidationContext,
): void {
  const typed = typedConf(conf, BACKEND_CONFIGS.prometheus, ctx);
  if (!typed.ok) {
    out.add(path, typed.reason);
    return;
  }
  const { skipMTLS, tls, envoy, aggregate } = typed.conf;
  if (isPresent(skipMTLS) && isPresent(tls) && !tlsAgreesWithSkipMtls(skipMTLS, tls)) {
    out.add(path, 'skipMTLS and tls configuration cannot be defined together');
    return;
  }
  const regexpError = goRegexpError(asString(asRecord(envoy)?.filterRegex));
  if (regexpError !== undefined) {
    out.add(
      path.field('envoy').field('filterRegex'),
      `provided regexp isn't correct: ${regexpError}`,
    );
    return;
  }
  const names = new Set<string>();
  asArray(aggregate).forEach((entry, i) => {
    const name = asString(asRecord(entry)?.name);
    if (names.has(name)) {
      out.add(
        path.field('aggregate').index(i).field('name'),
        `duplicate entry: ${name}, values have to be unique`,
      );
      return;
    }
    names.add(name);
  });
}

export function validateMetrics(
  out: ViolationList,
  metrics: unknown,
  ctx: ValidationContext,
): void {
  const spec = asRecord(metrics);
  if (!spec) return;
  const backendsPath = rootedAt('metrics').field('backends');
  const used = new Set<string>();
  asArray(spec.backends).forEach((item, i) => {
    const backend = asRecord(item) ?? {};
    const path = backendsPath.index(i);
    const name = asString(backend.name);
    // Unlike logging and tracing, metrics reports a repeated name before the type.
    reportDuplicateName(out, used, name, path.field('name'));
    if (asString(backend.type) !== 'prometheus') {
      out.add(path.field('type'), 'unknown backend type. Available backends: "prometheus"');
    } else validatePrometheusConfig(out, path.field('conf'), backend.conf, ctx);
    used.add(name);
  });
  const enabledBackend = asString(spec.enabledBackend);
  if (enabledBackend !== '' && !used.has(enabledBackend)) {
    out.add(
      rootedAt('metrics').field('enabledBackend'),
      'has to be set to one of the backends in the mesh',
    );
  }
}
