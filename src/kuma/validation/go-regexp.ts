// Over 400 lines: one port of the checks of Go's regexp/syntax parser, in its order; split, the parser's state would be cut in two.
/**
 * Whether Go's `regexp.Compile` accepts a pattern, and Go's error text when it does not. The
 * Mesh and Dataplane validators compile a Prometheus `envoy.filterRegex` and put that text in
 * their violation, so the demo has to refuse the same patterns with the same words.
 *
 * This follows the parser of Go's `regexp/syntax` (Perl flags, as `regexp.Compile` uses) far
 * enough to find every syntax error it reports, in the order it finds them. It keeps a small
 * parse tree because two checks need one: nested counted repetitions (`(a{100}){100}`) and the
 * nesting depth limit. The tree skips Go's alternation factoring, so the depth limit (1000) is
 * only approximate, and Go's "expression too large" size limit (millions of instructions) is
 * not modelled.
 */

type ErrorCode =
  | 'invalid character class'
  | 'invalid character class range'
  | 'invalid escape sequence'
  | 'invalid named capture'
  | 'invalid or unsupported Perl syntax'
  | 'invalid nested repetition operator'
  | 'invalid repeat count'
  | 'missing closing ]'
  | 'missing closing )'
  | 'missing argument to repetition operator'
  | 'trailing backslash at end of expression'
  | 'unexpected )'
  | 'expression nests too deeply';

class RegexpSyntaxError extends Error {
  constructor(code: ErrorCode, expr: string) {
    super(`error parsing regexp: ${code}: \`${expr}\``);
  }
}

/** Go's `maxHeight`: deeper parse trees are refused. */
const MAX_HEIGHT = 1000;
/** Go's limit on the copies a counted repetition (with the ones inside it) may make. */
const MAX_REPEAT = 1000;
const MAX_RUNE = 0x10ffff;

// Go 1.26's `unicode.Categories`, `unicode.Scripts` and `unicode.CategoryAliases` keys: the
// names `\p{…}` may use. Go canonicalises the name first (see `canonicalName`), so a script
// spelt with an underscore (`Old_Italic`) never matches; kuma-cp refuses those too.
const CATEGORIES = new Set(
  'C Cc Cf Cn Co Cs L LC Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs'.split(
    ' ',
  ),
);
const SCRIPTS = new Set(
  [
    'Adlam Ahom Anatolian_Hieroglyphs Arabic Armenian Avestan Balinese Bamum Bassa_Vah Batak',
    'Bengali Bhaiksuki Bopomofo Brahmi Braille Buginese Buhid Canadian_Aboriginal Carian',
    'Caucasian_Albanian Chakma Cham Cherokee Chorasmian Common Coptic Cuneiform Cypriot',
    'Cypro_Minoan Cyrillic Deseret Devanagari Dives_Akuru Dogra Duployan Egyptian_Hieroglyphs',
    'Elbasan Elymaic Ethiopic Georgian Glagolitic Gothic Grantha Greek Gujarati Gunjala_Gondi',
    'Gurmukhi Han Hangul Hanifi_Rohingya Hanunoo Hatran Hebrew Hiragana Imperial_Aramaic',
    'Inherited Inscriptional_Pahlavi Inscriptional_Parthian Javanese Kaithi Kannada Katakana Kawi',
    'Kayah_Li Kharoshthi Khitan_Small_Script Khmer Khojki Khudawadi Lao Latin Lepcha Limbu',
    'Linear_A Linear_B Lisu Lycian Lydian Mahajani Makasar Malayalam Mandaic Manichaean Marchen',
    'Masaram_Gondi Medefaidrin Meetei_Mayek Mende_Kikakui Meroitic_Cursive Meroitic_Hieroglyphs',
    'Miao Modi Mongolian Mro Multani Myanmar Nabataean Nag_Mundari Nandinagari New_Tai_Lue Newa',
    'Nko Nushu Nyiakeng_Puachue_Hmong Ogham Ol_Chiki Old_Hungarian Old_Italic Old_North_Arabian',
    'Old_Permic Old_Persian Old_Sogdian Old_South_Arabian Old_Turkic Old_Uyghur Oriya Osage',
    'Osmanya Pahawh_Hmong Palmyrene Pau_Cin_Hau Phags_Pa Phoenician Psalter_Pahlavi Rejang Runic',
    'Samaritan Saurashtra Sharada Shavian Siddham SignWriting Sinhala Sogdian Sora_Sompeng Soyombo',
    'Sundanese Syloti_Nagri Syriac Tagalog Tagbanwa Tai_Le Tai_Tham Tai_Viet Takri Tamil Tangsa',
    'Tangut Telugu Thaana Thai Tibetan Tifinagh Tirhuta Toto Ugaritic Vai Vithkuqi Wancho',
    'Warang_Citi Yezidi Yi Zanabazar_Square',
  ]
    .join(' ')
    .split(' '),
);
const CATEGORY_ALIASES = [
  'Cased_Letter Close_Punctuation Combining_Mark Connector_Punctuation Control Currency_Symbol',
  'Dash_Punctuation Decimal_Number Enclosing_Mark Final_Punctuation Format Initial_Punctuation',
  'Letter Letter_Number Line_Separator Lowercase_Letter Mark Math_Symbol Modifier_Letter',
  'Modifier_Symbol Nonspacing_Mark Number Open_Punctuation Other Other_Letter Other_Number',
  'Other_Punctuation Other_Symbol Paragraph_Separator Private_Use Punctuation Separator',
  'Space_Separator Spacing_Mark Surrogate Symbol Titlecase_Letter Unassigned Uppercase_Letter',
  'cntrl digit punct',
]
  .join(' ')
  .split(' ');

const POSIX_CLASSES = new Set(
  ['alnum', 'alpha', 'ascii', 'blank', 'cntrl', 'digit', 'graph', 'lower', 'print', 'punct']
    .concat(['space', 'upper', 'word', 'xdigit'])
    .flatMap((name) => [`[:${name}:]`, `[:^${name}:]`]),
);
const PERL_CLASSES = new Set(['\\d', '\\D', '\\s', '\\S', '\\w', '\\W']);

/** Go's `canonicalName`: leading capital, the rest lower case, no `_`, `-` or space (ASCII only). */
function canonicalName(name: string): string {
  let out = '';
  let first = true;
  for (const char of name) {
    if (char === '_' || char === '-' || char === ' ') continue;
    const ascii = char.length === 1 && /[A-Za-z]/.test(char);
    out += ascii ? (first ? char.toUpperCase() : char.toLowerCase()) : char;
    first = false;
  }
  return out;
}

const CANONICAL_ALIASES = new Set(CATEGORY_ALIASES.map(canonicalName));

function isUnicodeClassName(name: string): boolean {
  const canonical = canonicalName(name);
  return (
    ['Any', 'Assigned', 'Ascii', 'Lc'].includes(canonical) ||
    CATEGORIES.has(canonical) ||
    SCRIPTS.has(canonical) ||
    CANONICAL_ALIASES.has(canonical)
  );
}

function isAlnum(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a)
  );
}

function unhex(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  return -1;
}

function isOctal(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '7';
}

type NodeOp =
  | 'literal'
  | 'class'
  | 'empty'
  | 'zero-width'
  | 'star'
  | 'plus'
  | 'quest'
  | 'repeat'
  | 'capture'
  | 'concat'
  | 'alternate';

interface RegexNode {
  op: NodeOp;
  height: number;
  subs: RegexNode[];
  min: number;
  max: number;
  /** For literals: case folding, which decides whether neighbours merge into one string. */
  fold: boolean;
  /** For literals: how many runes; a one-rune literal can merge into a character class. */
  runes: number;
}

type StackItem =
  | { kind: 'node'; node: RegexNode }
  | { kind: 'paren'; capture: boolean; fold: boolean }
  | { kind: 'bar' };

function makeNode(op: NodeOp, subs: RegexNode[] = [], fold = false): RegexNode {
  const height = 1 + subs.reduce((highest, sub) => Math.max(highest, sub.height), 0);
  return { op, height, subs, min: 0, max: 0, fold, runes: op === 'literal' ? 1 : 0 };
}

/** Go's `repeatIsValid`: nested counted repetitions may not make more than `n` copies. */
function repeatIsValid(node: RegexNode, n: number): boolean {
  let budget = n;
  if (node.op === 'repeat') {
    let copies = node.max;
    if (copies === 0) return true;
    if (copies < 0) copies = node.min;
    if (copies > budget) return false;
    if (copies > 0) budget = Math.trunc(budget / copies);
  }
  return node.subs.every((sub) => repeatIsValid(sub, budget));
}

function isCharClassLike(item: StackItem | undefined): boolean {
  if (item?.kind !== 'node') return false;
  const { node } = item;
  return (node.op === 'literal' && node.runes === 1) || node.op === 'class';
}

class Parser {
  private readonly stack: StackItem[] = [];
  private fold = false;

  constructor(private readonly s: string) {}

  private runeAt(pos: number): { code: number; next: number } {
    const code = this.s.codePointAt(pos) ?? 0xfffd;
    return { code, next: pos + (code > 0xffff ? 2 : 1) };
  }

  private fail(code: ErrorCode, from: number, to: number = this.s.length): never {
    throw new RegexpSyntaxError(code, this.s.slice(from, to));
  }

  private checkHeight(node: RegexNode): void {
    if (node.height > MAX_HEIGHT) this.fail('expression nests too deeply', 0);
  }

  /** Go merges adjacent literals into one string node before each push. */
  private mergeLiterals(): void {
    const n = this.stack.length;
    const top = this.stack[n - 1];
    const below = this.stack[n - 2];
    if (
      top?.kind === 'node' &&
      below?.kind === 'node' &&
      top.node.op === 'literal' &&
      below.node.op === 'literal' &&
      top.node.fold === below.node.fold
    ) {
      below.node.runes += top.node.runes;
      this.stack.pop();
    }
  }

  private push(item: StackItem): void {
    this.mergeLiterals();
    this.stack.push(item);
    if (item.kind === 'node') this.checkHeight(item.node);
  }

  private pushNode(node: RegexNode): void {
    this.push({ kind: 'node', node });
  }

  private topmostPseudo(): number {
    let i = this.stack.length;
    while (i > 0 && this.stack[i - 1]?.kind === 'node') i -= 1;
    return i;
  }

  private collapse(subs: RegexNode[], op: 'concat' | 'alternate'): RegexNode {
    if (subs.length === 1) return subs[0]!;
    return makeNode(
      op,
      subs.flatMap((sub) => (sub.op === op ? sub.subs : [sub])),
    );
  }

  private takeNodes(): RegexNode[] {
    const taken = this.stack.splice(this.topmostPseudo());
    return taken.flatMap((item) => (item.kind === 'node' ? [item.node] : []));
  }

  private concat(): void {
    this.mergeLiterals();
    const subs = this.takeNodes();
    this.pushNode(subs.length === 0 ? makeNode('empty') : this.collapse(subs, 'concat'));
  }

  private alternate(): void {
    const subs = this.takeNodes();
    this.pushNode(subs.length === 0 ? makeNode('empty') : this.collapse(subs, 'alternate'));
  }

  private swapVerticalBar(): boolean {
    const n = this.stack.length;
    if (
      n >= 3 &&
      this.stack[n - 2]?.kind === 'bar' &&
      isCharClassLike(this.stack[n - 1]) &&
      isCharClassLike(this.stack[n - 3])
    ) {
      // Both sides of the bar merge into one character class.
      const merged = this.stack[n - 3] as { kind: 'node'; node: RegexNode };
      merged.node = { ...merged.node, op: 'class', runes: 0 };
      this.stack.pop();
      return true;
    }
    if (n >= 2 && this.stack[n - 2]?.kind === 'bar') {
      const top = this.stack[n - 1]!;
      this.stack[n - 1] = this.stack[n - 2]!;
      this.stack[n - 2] = top;
      return true;
    }
    return false;
  }

  private literal(): void {
    this.pushNode(makeNode('literal', [], this.fold));
  }

  private verticalBar(): void {
    this.concat();
    if (!this.swapVerticalBar()) this.push({ kind: 'bar' });
  }

  private rightParen(): void {
    this.concat();
    if (this.swapVerticalBar()) this.stack.pop();
    this.alternate();
    if (this.stack.length < 2) this.fail('unexpected )', 0);
    const inner = this.stack.pop() as { kind: 'node'; node: RegexNode };
    const paren = this.stack.pop()!;
    if (paren.kind !== 'paren') this.fail('unexpected )', 0);
    this.fold = paren.fold;
    this.pushNode(paren.capture ? makeNode('capture', [inner.node]) : inner.node);
  }

  /** Applies a repetition operator spanning `before`..`after` to the top of the stack. */
  private repeat(
    op: 'star' | 'plus' | 'quest' | 'repeat',
    min: number,
    max: number,
    before: number,
    afterOperator: number,
    lastRepeat: number | undefined,
  ): number {
    let after = afterOperator;
    if (this.s[after] === '?') after += 1;
    if (lastRepeat !== undefined)
      this.fail('invalid nested repetition operator', lastRepeat, after);
    const top = this.stack[this.stack.length - 1];
    if (top?.kind !== 'node') this.fail('missing argument to repetition operator', before, after);
    const node = makeNode(op, [top.node]);
    node.min = min;
    node.max = max;
    this.stack[this.stack.length - 1] = { kind: 'node', node };
    this.checkHeight(node);
    if (op === 'repeat' && (min >= 2 || max >= 2) && !repeatIsValid(node, MAX_REPEAT)) {
      this.fail('invalid repeat count', before, after);
    }
    return after;
  }

  /** Go's `parseInt`: decimal, no leading zeros, -1 once it passes 1e8. */
  private parseInt(pos: number): { value: number; next: number } | undefined {
    const { s } = this;
    if (!(s[pos]! >= '0' && s[pos]! <= '9')) return undefined;
    if (s[pos] === '0' && s[pos + 1]! >= '0' && s[pos + 1]! <= '9') return undefined;
    let next = pos;
    while (s[next]! >= '0' && s[next]! <= '9') next += 1;
    let value = 0;
    for (let i = pos; i < next; i++) {
      if (value >= 1e8) {
        value = -1;
        break;
      }
      value = value * 10 + Number(s[i]);
    }
    return { value, next };
  }

  /** `{min}`, `{min,}` or `{min,max}` at `pos`; undefined when it is a literal `{`. */
  private parseRepeat(pos: number): { min: number; max: number; next: number } | undefined {
    const { s } = this;
    const low = this.parseInt(pos + 1);
    if (!low) return undefined;
    let min = low.value;
    let max: number;
    let p = low.next;
    if (p >= s.length) return undefined;
    if (s[p] !== ',') max = min;
    else {
      p += 1;
      if (p >= s.length) return undefined;
      if (s[p] === '}') max = -1;
      else {
        const high = this.parseInt(p);
        if (!high) return undefined;
        max = high.value;
        p = high.next;
        if (max < 0) min = -1;
      }
    }
    if (s[p] !== '}') return undefined;
    return { min, max, next: p + 1 };
  }

  /** `(?flags)`, `(?flags:`, `(?P<name>` or `(?<name>` at `pos`; returns where parsing goes on. */
  private parsePerlFlags(pos: number): number {
    const { s } = this;
    const rest = s.length - pos;
    const startsWithP = rest > 4 && s[pos + 2] === 'P' && s[pos + 3] === '<';
    const startsWithName = rest > 3 && s[pos + 2] === '<';
    if (startsWithP || startsWithName) {
      const nameStart = startsWithP ? pos + 4 : pos + 3;
      const end = s.indexOf('>', pos);
      if (end < 0) this.fail('invalid named capture', pos);
      if (!/^[A-Za-z0-9_]+$/.test(s.slice(nameStart, end))) {
        this.fail('invalid named capture', pos, end + 1);
      }
      this.push({ kind: 'paren', capture: true, fold: this.fold });
      return end + 1;
    }
    let t = pos + 2;
    let fold = this.fold;
    let negated = false;
    let sawFlag = false;
    while (t < s.length) {
      const char = String.fromCodePoint(this.runeAt(t).code);
      t = this.runeAt(t).next;
      if (char === 'i' || char === 'm' || char === 's' || char === 'U') {
        if (char === 'i') fold = !negated;
        sawFlag = true;
        continue;
      }
      if (char === '-') {
        if (negated) break;
        negated = true;
        sawFlag = false;
        continue;
      }
      if (char === ':' || char === ')') {
        if (negated && !sawFlag) break;
        if (char === ':') this.push({ kind: 'paren', capture: false, fold: this.fold });
        this.fold = fold;
        return t;
      }
      break;
    }
    return this.fail('invalid or unsupported Perl syntax', pos, t);
  }

  /** Go's `parseEscape`: one escaped rune at `pos` (a backslash). */
  private parseEscape(pos: number): { code: number; next: number } {
    const { s } = this;
    let t = pos + 1;
    if (t >= s.length) this.fail('trailing backslash at end of expression', 0, 0);
    const first = this.runeAt(t);
    const c = first.code;
    t = first.next;
    if (c < 0x80 && !isAlnum(c)) return { code: c, next: t };
    const char = String.fromCodePoint(c);
    if ((char >= '1' && char <= '7' && isOctal(s[t])) || char === '0') {
      let value = c - 0x30;
      for (let i = 1; i < 3 && isOctal(s[t]); i++) {
        value = value * 8 + Number(s[t]);
        t += 1;
      }
      return { code: value, next: t };
    }
    if (char === 'x' && t < s.length) {
      const opened = this.runeAt(t);
      t = opened.next;
      if (opened.code === 0x7b) {
        let value = 0;
        let digits = 0;
        for (;;) {
          if (t >= s.length) return this.fail('invalid escape sequence', pos, t);
          const digit = this.runeAt(t);
          t = digit.next;
          if (digit.code === 0x7d) break;
          const v = unhex(digit.code);
          if (v < 0) return this.fail('invalid escape sequence', pos, t);
          value = value * 16 + v;
          if (value > MAX_RUNE) return this.fail('invalid escape sequence', pos, t);
          digits += 1;
        }
        if (digits === 0) this.fail('invalid escape sequence', pos, t);
        return { code: value, next: t };
      }
      const x = unhex(opened.code);
      let y = -1;
      if (t < s.length) {
        const second = this.runeAt(t);
        t = second.next;
        y = unhex(second.code);
      }
      if (x < 0 || y < 0) this.fail('invalid escape sequence', pos, t);
      return { code: x * 16 + y, next: t };
    }
    const controls: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
    const control = controls[char];
    if (control !== undefined) return { code: control, next: t };
    return this.fail('invalid escape sequence', pos, t);
  }

  /** `\pN`, `\p{Name}`, `\PN`, `\P{^Name}` at `pos`; returns where parsing goes on. */
  private parseUnicodeClass(pos: number): number {
    const { s } = this;
    let t = pos + 2;
    let name: string;
    let seqEnd: number;
    if (t < s.length && s[t] === '{') {
      const end = s.indexOf('}', pos);
      if (end < 0) this.fail('invalid character class range', pos);
      name = s.slice(pos + 3, end);
      seqEnd = end + 1;
    } else {
      if (t < s.length) t = this.runeAt(t).next;
      name = s.slice(pos + 2, t);
      seqEnd = t;
    }
    if (name.startsWith('^')) name = name.slice(1);
    if (!isUnicodeClassName(name)) this.fail('invalid character class range', pos, seqEnd);
    return seqEnd;
  }

  private isPerlClassAt(pos: number): boolean {
    return PERL_CLASSES.has(this.s.slice(pos, pos + 2));
  }

  private isUnicodeClassAt(pos: number): boolean {
    return this.s[pos] === '\\' && (this.s[pos + 1] === 'p' || this.s[pos + 1] === 'P');
  }

  private parseClassChar(pos: number, classStart: number): { code: number; next: number } {
    if (pos >= this.s.length) this.fail('missing closing ]', classStart);
    return this.s[pos] === '\\' ? this.parseEscape(pos) : this.runeAt(pos);
  }

  /** A bracketed class at `pos`; returns where parsing goes on. */
  private parseClass(pos: number): number {
    const { s } = this;
    let t = pos + 1;
    if (s[t] === '^') t += 1;
    let first = true;
    while (t >= s.length || s[t] !== ']' || first) {
      first = false;
      if (s.length - t > 2 && s[t] === '[' && s[t + 1] === ':') {
        const close = s.indexOf(':]', t + 2);
        if (close >= 0) {
          const name = s.slice(t, close + 2);
          if (!POSIX_CLASSES.has(name)) this.fail('invalid character class range', t, close + 2);
          t = close + 2;
          continue;
        }
      }
      if (this.isUnicodeClassAt(t)) {
        t = this.parseUnicodeClass(t);
        continue;
      }
      if (this.isPerlClassAt(t)) {
        t += 2;
        continue;
      }
      const rangeStart = t;
      const lo = this.parseClassChar(t, pos);
      t = lo.next;
      if (s.length - t >= 2 && s[t] === '-' && s[t + 1] !== ']') {
        const hi = this.parseClassChar(t + 1, pos);
        t = hi.next;
        if (hi.code < lo.code) this.fail('invalid character class range', rangeStart, t);
      }
    }
    this.pushNode(makeNode('class'));
    return t + 1;
  }

  /** `\` at `pos` outside a class; returns where parsing goes on. */
  private parseBackslash(pos: number): number {
    const { s } = this;
    const next = s[pos + 1];
    if (next === 'A' || next === 'z' || next === 'b' || next === 'B') {
      this.pushNode(makeNode('zero-width'));
      return pos + 2;
    }
    if (next === 'C') this.fail('invalid escape sequence', pos, pos + 2);
    if (next === 'Q') {
      const end = s.indexOf('\\E', pos + 2);
      const stop = end < 0 ? s.length : end;
      for (let t = pos + 2; t < stop; t = this.runeAt(t).next) this.literal();
      return end < 0 ? s.length : end + 2;
    }
    if (this.isUnicodeClassAt(pos)) {
      const after = this.parseUnicodeClass(pos);
      this.pushNode(makeNode('class'));
      return after;
    }
    if (this.isPerlClassAt(pos)) {
      this.pushNode(makeNode('class'));
      return pos + 2;
    }
    const escaped = this.parseEscape(pos);
    this.literal();
    return escaped.next;
  }

  parse(): void {
    const { s } = this;
    let pos = 0;
    let lastRepeat: number | undefined;
    while (pos < s.length) {
      let repeatAt: number | undefined;
      const char = s[pos]!;
      switch (char) {
        case '(':
          if (s[pos + 1] === '?') pos = this.parsePerlFlags(pos);
          else {
            this.push({ kind: 'paren', capture: true, fold: this.fold });
            pos += 1;
          }
          break;
        case '|':
          this.verticalBar();
          pos += 1;
          break;
        case ')':
          this.rightParen();
          pos += 1;
          break;
        case '^':
        case '$':
          this.pushNode(makeNode('zero-width'));
          pos += 1;
          break;
        case '.':
          this.pushNode(makeNode('class'));
          pos += 1;
          break;
        case '[':
          pos = this.parseClass(pos);
          break;
        case '*':
        case '+':
        case '?': {
          const op = char === '*' ? 'star' : char === '+' ? 'plus' : 'quest';
          repeatAt = pos;
          pos = this.repeat(op, 0, 0, pos, pos + 1, lastRepeat);
          break;
        }
        case '{': {
          const counted = this.parseRepeat(pos);
          if (!counted) {
            this.literal();
            pos += 1;
            break;
          }
          const { min, max, next } = counted;
          if (min < 0 || min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && min > max)) {
            this.fail('invalid repeat count', pos, next);
          }
          repeatAt = pos;
          pos = this.repeat('repeat', min, max, pos, next, lastRepeat);
          break;
        }
        case '\\':
          pos = this.parseBackslash(pos);
          break;
        default:
          this.literal();
          pos = this.runeAt(pos).next;
      }
      lastRepeat = repeatAt;
    }
    this.concat();
    if (this.swapVerticalBar()) this.stack.pop();
    this.alternate();
    if (this.stack.length !== 1) this.fail('missing closing )', 0);
  }
}

/** Go's `regexp.Compile(pattern)` error text, or undefined when Go compiles it. */
export function goRegexpError(pattern: string): string | undefined {
  try {
    new Parser(pattern).parse();
    return undefined;
  } catch (error) {
    if (error instanceof RegexpSyntaxError) return error.message;
    throw error;
  }
}
