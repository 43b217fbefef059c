/**
 * The `Violation` shape Kuma's validators report (`pkg/core/validators/types.go`), and a path
 * builder that prints field paths the way Kuma prints them: `conf.listeners[0].tags["k"]`.
 */

/** One validation failure. On REST it is `invalid_parameters[{field, reason}]` / `causes[{field, message}]`. */
export interface Violation {
  field: string;
  message: string;
}

/**
 * Quotes a map key the way Go's `%q` does for the strings that occur in tags: backslash, double
 * quote and control characters are escaped, everything printable is kept as is.
 */
export function goQuote(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '"':
        out += '\\"';
        break;
      case '\\':
        out += '\\\\';
        break;
      case '\x07':
        out += '\\a';
        break;
      case '\b':
        out += '\\b';
        break;
      case '\f':
        out += '\\f';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += '\\t';
        break;
      case '\v':
        out += '\\v';
        break;
      default:
        out += code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : ch;
    }
  }
  return `${out}"`;
}

/** An immutable field path. `field` adds `.name`, `index` adds `[i]`, `key` adds `["k"]`. */
export class PathBuilder {
  readonly #path: string;

  private constructor(path: string) {
    this.#path = path;
  }

  /** The empty path; violations at it carry the field of whatever they are nested under. */
  static root(): PathBuilder {
    return new PathBuilder('');
  }

  static rootedAt(name: string): PathBuilder {
    return new PathBuilder(name);
  }

  field(name: string): PathBuilder {
    return new PathBuilder(this.#path === '' ? name : `${this.#path}.${name}`);
  }

  index(i: number): PathBuilder {
    return new PathBuilder(`${this.#path}[${i}]`);
  }

  key(k: string): PathBuilder {
    return new PathBuilder(`${this.#path}[${goQuote(k)}]`);
  }

  toString(): string {
    return this.#path;
  }
}

export function rootedAt(name: string): PathBuilder {
  return PathBuilder.rootedAt(name);
}

/** Collects violations in the order they are found. */
export class ViolationList {
  readonly items: Violation[] = [];

  add(path: PathBuilder | string, message: string): void {
    this.items.push({ field: String(path), message });
  }
}
