/**
 * Tag map rules from `pkg/core/resources/apis/mesh/validators.go`: `ValidateSelector` (selector
 * values may contain `/` or be `*`; G5–G8) and `ValidateTags` (plain tag values, no `/` or `*`;
 * D10, I4). Both share the key rules and the order Kuma checks them in.
 */
import { asTags, sortedKeys } from './guards';
import { goQuote, type PathBuilder, type ViolationList } from './violations';

export const SERVICE_TAG = 'kuma.io/service';
export const PROTOCOL_TAG = 'kuma.io/protocol';
export const ZONE_TAG = 'kuma.io/zone';
export const EXTERNAL_SERVICE_TAG = 'kuma.io/external-service-name';

/** Keys MeshGateway `tags` and listener `tags` must not use (G9), in Kuma's order. */
export const GATEWAY_RESERVED_TAG_KEYS: readonly string[] = [
  EXTERNAL_SERVICE_TAG,
  PROTOCOL_TAG,
  SERVICE_TAG,
  ZONE_TAG,
];

const TAG_NAME_RE = /^[a-zA-Z0-9.\-_:/]*$/;
const TAG_VALUE_RE = /^[a-zA-Z0-9.\-_:]*$/;
const SELECTOR_VALUE_RE = /^([a-zA-Z0-9.\-_:/]*|\*)$/;

export const MSG_TAG_NAME_EMPTY = 'tag name must be non-empty';
export const MSG_TAG_NAME_CHARS =
  'tag name must consist of alphanumeric characters, dots, dashes, slashes and underscores';
export const MSG_TAG_VALUE_EMPTY = 'tag value must be non-empty';
export const MSG_SELECTOR_VALUE_CHARS =
  'tag value must consist of alphanumeric characters, dots, dashes, slashes and underscores or be "*"';
export const MSG_TAG_VALUE_CHARS =
  'tag value must consist of alphanumeric characters, dots, dashes and underscores';
export const MSG_SERVICE_TAG_MISSING = `mandatory tag "${SERVICE_TAG}" is missing`;
export const MSG_SERVICE_TAG_FORBIDDEN = `"${SERVICE_TAG}" must not be defined`;

export interface TagRuleOptions {
  requireAtLeastOneTag?: boolean;
  requireService?: boolean;
  forbidService?: boolean;
  /** Keys that are rejected with `tag name must not be "<key>"`. */
  reservedKeys?: readonly string[];
  /** Whole-map checks that run before the per-key checks (Kuma's `ExtraTagsValidators`). */
  extraChecks?: ReadonlyArray<
    (out: ViolationList, path: PathBuilder, tags: Record<string, string>) => void
  >;
}

type ValueKind = 'selector' | 'tag';

function validateTagMap(
  out: ViolationList,
  path: PathBuilder,
  raw: unknown,
  valueKind: ValueKind,
  opts: TagRuleOptions,
): void {
  const tags = asTags(raw);
  const keys = sortedKeys(tags);
  if (opts.requireAtLeastOneTag && keys.length === 0) {
    out.add(path, 'must have at least one tag');
  }
  for (const check of opts.extraChecks ?? []) {
    check(out, path, tags);
  }
  for (const key of keys) {
    if (key === '') {
      out.add(path, MSG_TAG_NAME_EMPTY);
    }
    if (!TAG_NAME_RE.test(key)) {
      out.add(path.key(key), MSG_TAG_NAME_CHARS);
    }
    if (opts.reservedKeys?.includes(key)) {
      out.add(path.key(key), `tag name must not be ${goQuote(key)}`);
    }
    const value = tags[key] ?? '';
    if (value === '') {
      out.add(path.key(key), MSG_TAG_VALUE_EMPTY);
    }
    if (valueKind === 'selector' ? !SELECTOR_VALUE_RE.test(value) : !TAG_VALUE_RE.test(value)) {
      out.add(
        path.key(key),
        valueKind === 'selector' ? MSG_SELECTOR_VALUE_CHARS : MSG_TAG_VALUE_CHARS,
      );
    }
  }
  const hasService = Object.hasOwn(tags, SERVICE_TAG);
  if (opts.forbidService && hasService) {
    out.add(path, MSG_SERVICE_TAG_FORBIDDEN);
  }
  if (opts.requireService && !hasService) {
    out.add(path, MSG_SERVICE_TAG_MISSING);
  }
}

/** Kuma's `ValidateSelector`: values may contain `/` or be `*` (selectors, gateway/listener tags, 2.10+ route targetRef tags). */
export function validateSelectorTags(
  out: ViolationList,
  path: PathBuilder,
  tags: unknown,
  opts: TagRuleOptions = {},
): void {
  validateTagMap(out, path, tags, 'selector', opts);
}

/** Kuma's `ValidateTags`: plain tag values without `/` or `*` (Dataplane tags, MeshGatewayInstance tags). */
export function validateTagValues(
  out: ViolationList,
  path: PathBuilder,
  tags: unknown,
  opts: TagRuleOptions = {},
): void {
  validateTagMap(out, path, tags, 'tag', opts);
}
