/**
 * The `Violation` shape Kuma's validators report (`pkg/core/validators/types.go`), and a path
 * builder that prints field paths the way Kuma prints them: `conf.listeners[0].tags["k"]`.
 */

/** One validation failure. On REST it is `invalid_parameters[{field, reason}]` / `causes[{field, message}]`. */
export interface Violation {
  field: string;
  message: string;
}

/** `strconv.Quote`'s short escapes. */
const GO_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
};

/** Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const GO_PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/**
 * Go's `%q` (`strconv.Quote`), as Kuma's messages embed values: printable runes stay as they
 * are, the rest become `\xNN` (ASCII), `\uNNNN` or `\UNNNNNNNN`. A lone surrogate cannot reach
 * Go (its JSON decoder makes it U+FFFD), so it is quoted as that.
 */
export function goQuote(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    const short = GO_ESCAPES[ch];
    if (short !== undefined) out += short;
    else if (code >= 0xd800 && code <= 0xdfff) out += '\ufffd';
    else if (GO_PRINTABLE.test(ch)) out += ch;
    else if (code < 0x80) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code < 0x10000) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
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
