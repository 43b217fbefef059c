/**
 * A sidecar Dataplane's own `metrics` backend (Kuma's `validateMetricsBackend` and the
 * `validatePrometheusConfig` it shares with the Mesh validator). The `conf` is a
 * `google.protobuf.Struct` that Kuma turns into `PrometheusMetricsBackendConfig` by writing it
 * out with jsonpb and reading it back, so a conf that does not fit the message is reported with
 * jsonpb's own error.
 */
import type { ValidationContext } from './context';
import { asRecord, asString } from './guards';
import { validatePrometheusConfig } from './mesh-backends';
import { rootedAt, type ViolationList } from './violations';

const PROMETHEUS = 'prometheus';

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
  validatePrometheusConfig(out, rootedAt('metrics').field('conf'), metrics.conf, ctx);
}
