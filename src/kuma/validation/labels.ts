/**
 * Resource labels as kuma-cp checks them on PUT: every key a Kubernetes qualified name, every
 * value a label value (Kubernetes apimachinery's rules and words, as kuma-cp 2.6 and 2.14 link
 * them), sorted by key, each violation at `labels["key"]`. 2.14 links apimachinery v0.36, whose
 * label checks measure lengths in "bytes" (2.6's v0.29 says "characters"; the releases between
 * are not verified and keep the older word).
 */
import { isAtLeast, type KumaVersion } from '../version';
import { PathBuilder, type Violation } from './violations';

const NAME_FORMAT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const NAME_PATTERN = new RegExp(`^${NAME_FORMAT}$`);
const VALUE_FORMAT = `(${NAME_FORMAT})?`;
const VALUE_PATTERN = new RegExp(`^${VALUE_FORMAT}$`);
const SUBDOMAIN_FORMAT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*';
const SUBDOMAIN_PATTERN = new RegExp(`^${SUBDOMAIN_FORMAT}$`);
const NAME_RULE =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/** apimachinery's `RegexError`: each example ends in `', '` and the next starts with `' or '`. */
function regexError(message: string, format: string, ...examples: string[]): string {
  const shown = examples.map((example) => `'${example}', `).join(' or ');
  return `${message} (e.g. ${shown}regex used for validation is '${format}')`;
}

/** apimachinery's `MaxLenError` as the label checks of each release word it. */
function maxLenError(length: number, version: KumaVersion): string {
  return `must be no more than ${length} ${isAtLeast(version, 2, 14) ? 'bytes' : 'characters'}`;
}

/** Go's `len`: labels are measured in UTF-8 bytes. */
function byteLength(value: string): number {
  return new TextEncoder().encode(value).length;
}

function dnsSubdomainErrors(value: string, version: KumaVersion): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 253) errors.push(maxLenError(253, version));
  if (!SUBDOMAIN_PATTERN.test(value)) {
    errors.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        SUBDOMAIN_FORMAT,
        'example.com',
      ),
    );
  }
  return errors;
}

/** Kubernetes' `IsQualifiedName` (called `IsLabelKey` in the apimachinery 2.14 links). */
export function qualifiedNameErrors(key: string, version: KumaVersion): string[] {
  const parts = key.split('/');
  const errors: string[] = [];
  if (parts.length > 2) {
    const what = isAtLeast(version, 2, 14) ? 'a valid label key' : 'a qualified name';
    return [
      `${what} ${regexError(NAME_RULE, NAME_FORMAT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  const name = parts.length === 2 ? parts[1]! : parts[0]!;
  if (parts.length === 2) {
    const prefix = parts[0]!;
    if (prefix === '') errors.push('prefix part must be non-empty');
    else errors.push(...dnsSubdomainErrors(prefix, version).map((error) => `prefix part ${error}`));
  }
  if (name === '') errors.push('name part must be non-empty');
  else if (byteLength(name) > 63) errors.push(`name part ${maxLenError(63, version)}`);
  if (!NAME_PATTERN.test(name)) {
    errors.push(`name part ${regexError(NAME_RULE, NAME_FORMAT, 'MyName', 'my.name', '123-abc')}`);
  }
  return errors;
}

export function labelValueErrors(value: string, version: KumaVersion): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 63) errors.push(maxLenError(63, version));
  if (!VALUE_PATTERN.test(value)) {
    errors.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        VALUE_FORMAT,
        'MyValue',
        'my_value',
        '12345',
      ),
    );
  }
  return errors;
}

/** Go sorts keys by bytes; for the ASCII keys labels have, code units agree. */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function validateLabelSyntax(
  labels: Record<string, string> | undefined,
  version: KumaVersion,
): Violation[] {
  const out: Violation[] = [];
  for (const key of Object.keys(labels ?? {}).sort(byteOrder)) {
    const field = `labels${PathBuilder.root().key(key).toString()}`;
    for (const message of qualifiedNameErrors(key, version)) out.push({ field, message });
    for (const message of labelValueErrors(labels![key]!, version)) out.push({ field, message });
  }
  return out;
}
