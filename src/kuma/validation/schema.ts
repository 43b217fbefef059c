/**
 * Messages of the Kubernetes OpenAPI schema validator, which Kuma runs on new-style resources
 * (and Kubernetes runs on CRDs) before the Go validators: enum, minimum, minLength and pattern
 * violations.
 */

/** `Unsupported value: "Foo": supported values: "A", "B"`. */
export function unsupportedEnumValueMessage(value: unknown, allowed: readonly string[]): string {
  return `Unsupported value: ${JSON.stringify(value)}: supported values: ${allowed
    .map((v) => JSON.stringify(v))
    .join(', ')}`;
}

/** `Invalid value: 0: spec.replicas in body should be greater than or equal to 1`. */
export function belowMinimumMessage(field: string, value: unknown, minimum: number): string {
  return `Invalid value: ${JSON.stringify(value)}: ${field} in body should be greater than or equal to ${minimum}`;
}

/** `Invalid value: "": spec.to[0]….name in body should be at least 1 chars long`. */
export function minLengthMessage(field: string, value: string, minLength: number): string {
  return `Invalid value: ${JSON.stringify(value)}: ${field} in body should be at least ${minLength} chars long`;
}

/** `Invalid value: "X-Version": spec.to[0]….name in body should match '<pattern>'`. */
export function patternMessage(field: string, value: string, pattern: string): string {
  return `Invalid value: ${JSON.stringify(value)}: ${field} in body should match '${pattern}'`;
}
