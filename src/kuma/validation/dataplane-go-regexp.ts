/**
 * Whether Go's `regexp.Compile` (RE2 syntax, Perl flags) accepts a pattern, and if not, the
 * error it returns. Kuma reports that error verbatim for a Prometheus `envoy.filterRegex`.
 *
 * This follows the error paths of Go 1.26's `regexp/syntax` parser: it tracks only what those
 * paths look at (open groups, what a repetition applies to, nested repeat counts) and builds no
 * program. Not modelled: the size and nesting-depth limits ("expression too large",
 * "expression nests too deeply"), which need patterns of thousands of characters, and invalid
 * UTF-8, which a JSON string cannot carry.
 */

/** Go's `unicode` table names (Go 1.26, Unicode 15.0.0) that `\p{…}` may name. */
const UNICODE_CATEGORIES =
  'C Cc Cf Cn Co Cs L LC Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs';
const UNICODE_SCRIPTS =
  'Adlam Ahom Anatolian_Hieroglyphs Arabic Armenian Avestan Balinese Bamum Bassa_Vah Batak Bengali Bhaiksuki Bopomofo Brahmi Braille Buginese Buhid Canadian_Aboriginal Carian Caucasian_Albanian Chakma Cham Cherokee Chorasmian Common Coptic Cuneiform Cypriot Cypro_Minoan Cyrillic Deseret Devanagari Dives_Akuru Dogra Duployan Egyptian_Hieroglyphs Elbasan Elymaic Ethiopic Georgian Glagolitic Gothic Grantha Greek Gujarati Gunjala_Gondi Gurmukhi Han Hangul Hanifi_Rohingya Hanunoo Hatran Hebrew Hiragana Imperial_Aramaic Inherited Inscriptional_Pahlavi Inscriptional_Parthian Javanese Kaithi Kannada Katakana Kawi Kayah_Li Kharoshthi Khitan_Small_Script Khmer Khojki Khudawadi Lao Latin Lepcha Limbu Linear_A Linear_B Lisu Lycian Lydian Mahajani Makasar Malayalam Mandaic Manichaean Marchen Masaram_Gondi Medefaidrin Meetei_Mayek Mende_Kikakui Meroitic_Cursive Meroitic_Hieroglyphs Miao Modi Mongolian Mro Multani Myanmar Nabataean Nag_Mundari Nandinagari New_Tai_Lue Newa Nko Nushu Nyiakeng_Puachue_Hmong Ogham Ol_Chiki Old_Hungarian Old_Italic Old_North_Arabian Old_Permic Old_Persian Old_Sogdian Old_South_Arabian Old_Turkic Old_Uyghur Oriya Osage Osmanya Pahawh_Hmong Palmyrene Pau_Cin_Hau Phags_Pa Phoenician Psalter_Pahlavi Rejang Runic Samaritan Saurashtra Sharada Shavian Siddham SignWriting Sinhala Sogdian Sora_Sompeng Soyombo Sundanese Syloti_Nagri Syriac Tagalog Tagbanwa Tai_Le Tai_Tham Tai_Viet Takri Tamil Tangsa Tangut Telugu Thaana Thai Tibetan Tifinagh Tirhuta Toto Ugaritic Vai Vithkuqi Wancho Warang_Citi Yezidi Yi Zanabazar_Square';
const UNICODE_CATEGORY_ALIASES =
  'Cased_Letter Close_Punctuation Combining_Mark Connector_Punctuation Control Currency_Symbol Dash_Punctuation Decimal_Number Enclosing_Mark Final_Punctuation Format Initial_Punctuation Letter Letter_Number Line_Separator Lowercase_Letter Mark Math_Symbol Modifier_Letter Modifier_Symbol Nonspacing_Mark Number Open_Punctuation Other Other_Letter Other_Number Other_Punctuation Other_Symbol Paragraph_Separator Private_Use Punctuation Separator Space_Separator Spacing_Mark Surrogate Symbol Titlecase_Letter Unassigned Uppercase_Letter cntrl digit punct';

/** `canonicalName`: drop "_", "-" and " ", first letter upper case, the rest lower case. */
function canonicalName(name: string): string {
  let out = '';
  let first = true;
  for (const ch of name) {
    if (ch === '_' || ch === '-' || ch === ' ') continue;
    if (first) {
      out += /[a-z]/.test(ch) ? ch.toUpperCase() : ch;
      first = false;
    } else {
      out += /[A-Z]/.test(ch) ? ch.toLowerCase() : ch;
    }
  }
  return out;
}

/**
 * Names `unicodeTable` finds. Go looks the canonical name up in the raw Categories and Scripts
 * maps, so only keys already in canonical form are reachable there (not "Old_Italic"); the
 * aliases map is canonicalised first.
 */
const UNICODE_TABLES: ReadonlySet<string> = new Set([
  'Any',
  'Assigned',
  'Ascii',
  'Lc',
  ...`${UNICODE_CATEGORIES} ${UNICODE_SCRIPTS}`
    .split(' ')
    .filter((name) => canonicalName(name) === name),
  ...UNICODE_CATEGORY_ALIASES.split(' ').map(canonicalName),
]);

const POSIX_CLASSES: ReadonlySet<string> = new Set(
  'alnum alpha ascii blank cntrl digit graph lower print punct space upper word xdigit'
    .split(' ')
    .flatMap((name) => [`[:${name}:]`, `[:^${name}:]`]),
);

const PERL_CLASSES: ReadonlySet<string> = new Set(['\\d', '\\D', '\\s', '\\S', '\\w', '\\W']);

const MAX_RUNE = 0x10ffff;

class RegexpError extends Error {
  constructor(code: string, expr: string) {
    super(`error parsing regexp: ${code}: \`${expr}\``);
  }
}

/** Parse-stack entries: an open group, an alternation bar, or a parsed expression. */
type Entry =
  | { kind: 'paren' }
  | { kind: 'bar' }
  | { kind: 'expr'; repeat?: { min: number; max: number }; subs: Node[] };
type Node = Extract<Entry, { kind: 'expr' }>;

const leaf = (): Node => ({ kind: 'expr', subs: [] });

/** `repeatIsValid`: nested counted repetitions may not multiply beyond `n` copies. */
function repeatIsValid(node: Node, n: number): boolean {
  let budget = n;
  if (node.repeat) {
    let m = node.repeat.max;
    if (m === 0) return true;
    if (m < 0) m = node.repeat.min;
    if (m > budget) return false;
    if (m > 0) budget = Math.trunc(budget / m);
  }
  return node.subs.every((sub) => repeatIsValid(sub, budget));
}

function firstRune(s: string): string {
  const code = s.codePointAt(0);
  return code === undefined ? '' : String.fromCodePoint(code);
}

const isAlnum = (ch: string): boolean => /^[0-9A-Za-z]$/.test(ch);
const isOctal = (ch: string | undefined): boolean => ch !== undefined && /^[0-7]$/.test(ch);
const hexValue = (ch: string): number => (/^[0-9A-Fa-f]$/.test(ch) ? Number.parseInt(ch, 16) : -1);

/** `parseInt`: decimal without leading zeros; -1 when it gets too big. */
function parseRepeatInt(s: string): [value: number, rest: string] | undefined {
  const digits = /^[0-9]+/.exec(s)?.[0];
  if (digits === undefined || (digits.length >= 2 && digits.startsWith('0'))) return undefined;
  let value = 0;
  for (const digit of digits) {
    if (value >= 1e8) {
      value = -1;
      break;
    }
    value = value * 10 + Number(digit);
  }
  return [value, s.slice(digits.length)];
}

/** `parseRepeat`: `{n}`, `{n,}`, `{n,m}`; undefined when it is a literal "{". */
function parseRepeat(s: string): [min: number, max: number, rest: string] | undefined {
  const minPart = parseRepeatInt(s.slice(1));
  if (minPart === undefined) return undefined;
  let [min, t] = minPart;
  let max: number;
  if (t === '') return undefined;
  if (t[0] !== ',') {
    max = min;
  } else {
    t = t.slice(1);
    if (t === '') return undefined;
    if (t[0] === '}') {
      max = -1;
    } else {
      const maxPart = parseRepeatInt(t);
      if (maxPart === undefined) return undefined;
      [max, t] = maxPart;
      if (max < 0) min = -1;
    }
  }
  if (t === '' || t[0] !== '}') return undefined;
  return [min, max, t.slice(1)];
}

/** `parseEscape`: returns the rest after one escaped character, or throws. */
function parseEscape(s: string): string {
  let t = s.slice(1);
  if (t === '') throw new RegexpError('trailing backslash at end of expression', '');
  const c = firstRune(t);
  t = t.slice(c.length);
  const invalid = () => new RegexpError('invalid escape sequence', s.slice(0, s.length - t.length));
  if (c.codePointAt(0)! < 0x80 && !isAlnum(c)) return t;
  if (/^[1-7]$/.test(c) && !isOctal(t[0])) throw invalid();
  if (/^[0-7]$/.test(c)) {
    for (let i = 1; i < 3 && isOctal(t[0]); i += 1) t = t.slice(1);
    return t;
  }
  if (c === 'x') {
    if (t === '') throw invalid();
    const next = firstRune(t);
    t = t.slice(next.length);
    if (next === '{') {
      let digits = 0;
      let value = 0;
      for (;;) {
        if (t === '') throw invalid();
        const d = firstRune(t);
        t = t.slice(d.length);
        if (d === '}') break;
        const v = hexValue(d);
        if (v < 0) throw invalid();
        value = value * 16 + v;
        if (value > MAX_RUNE) throw invalid();
        digits += 1;
      }
      if (digits === 0) throw invalid();
      return t;
    }
    const second = firstRune(t);
    t = t.slice(second.length);
    if (hexValue(next) < 0 || hexValue(second) < 0) throw invalid();
    return t;
  }
  if ('afnrtv'.includes(c)) return t;
  throw invalid();
}

/** `parseUnicodeClass`: undefined when `s` is no `\p`/`\P`, else the rest, or throws. */
function parseUnicodeClass(s: string): string | undefined {
  if (s.length < 2 || s[0] !== '\\' || (s[1] !== 'p' && s[1] !== 'P')) return undefined;
  let t = s.slice(2);
  const c = firstRune(t);
  t = t.slice(c.length);
  let seq: string;
  let name: string;
  if (c !== '{') {
    seq = s.slice(0, s.length - t.length);
    name = seq.slice(2);
  } else {
    const end = s.indexOf('}');
    if (end < 0) throw new RegexpError('invalid character class range', s);
    seq = s.slice(0, end + 1);
    t = s.slice(end + 1);
    name = s.slice(3, end);
  }
  if (name.startsWith('^')) name = name.slice(1);
  if (!UNICODE_TABLES.has(canonicalName(name))) {
    throw new RegexpError('invalid character class range', seq);
  }
  return t;
}

/** `parseClassChar`: one (possibly escaped) character of a class; returns it and the rest. */
function parseClassChar(s: string, wholeClass: string): [ch: number, rest: string] {
  if (s === '') throw new RegexpError('missing closing ]', wholeClass);
  if (s[0] === '\\') {
    const rest = parseEscape(s);
    return [escapedValue(s.slice(0, s.length - rest.length)), rest];
  }
  const ch = firstRune(s);
  return [ch.codePointAt(0)!, s.slice(ch.length)];
}

/** The code point an escape that `parseEscape` accepted stands for (for range order). */
function escapedValue(sequence: string): number {
  const body = sequence.slice(1);
  const c = body[0]!;
  if (/^[0-7]/.test(body)) return Number.parseInt(body, 8);
  if (c === 'x') {
    const hex = body.startsWith('x{') ? body.slice(2, -1) : body.slice(1);
    return Number.parseInt(hex, 16);
  }
  const controls: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
  return controls[c] ?? body.codePointAt(0)!;
}

/** `parseClass`: `s` starts at "["; returns the rest after "]", or throws. */
function parseClass(s: string): string {
  let t = s.slice(1);
  if (t.startsWith('^')) t = t.slice(1);
  let first = true;
  while (t === '' || t[0] !== ']' || first) {
    first = false;
    if (t.length > 2 && t[0] === '[' && t[1] === ':') {
      const close = t.indexOf(':]', 2);
      if (close >= 0) {
        const name = t.slice(0, close + 2);
        if (!POSIX_CLASSES.has(name)) throw new RegexpError('invalid character class range', name);
        t = t.slice(close + 2);
        continue;
      }
    }
    const afterUnicode = parseUnicodeClass(t);
    if (afterUnicode !== undefined) {
      t = afterUnicode;
      continue;
    }
    if (PERL_CLASSES.has(t.slice(0, 2))) {
      t = t.slice(2);
      continue;
    }
    const range = t;
    let lo: number;
    [lo, t] = parseClassChar(t, s);
    if (t.length >= 2 && t[0] === '-' && t[1] !== ']') {
      let hi: number;
      [hi, t] = parseClassChar(t.slice(1), s);
      if (hi < lo) {
        throw new RegexpError(
          'invalid character class range',
          range.slice(0, range.length - t.length),
        );
      }
    }
  }
  return t.slice(1);
}

/** `parsePerlFlags`: `s` starts at "(?"; returns the rest and whether a group opened. */
function parsePerlFlags(s: string): [rest: string, opensGroup: boolean] {
  const startsWithP = s.length > 4 && s[2] === 'P' && s[3] === '<';
  const startsWithName = s.length > 3 && s[2] === '<';
  if (startsWithP || startsWithName) {
    const end = s.indexOf('>');
    if (end < 0) throw new RegexpError('invalid named capture', s);
    const name = s.slice(startsWithName ? 3 : 4, end);
    if (!/^[A-Za-z0-9_]+$/.test(name)) {
      throw new RegexpError('invalid named capture', s.slice(0, end + 1));
    }
    return [s.slice(end + 1), true];
  }
  let t = s.slice(2);
  let negated = false;
  let sawFlag = false;
  while (t !== '') {
    const c = firstRune(t);
    t = t.slice(c.length);
    if ('imsU'.includes(c)) {
      sawFlag = true;
      continue;
    }
    if (c === '-') {
      if (negated) break;
      negated = true;
      sawFlag = false;
      continue;
    }
    if (c === ':' || c === ')') {
      if (negated && !sawFlag) break;
      return [t, c === ':'];
    }
    break;
  }
  throw new RegexpError('invalid or unsupported Perl syntax', s.slice(0, s.length - t.length));
}

/** Pops everything above the innermost open group into one expression (`concat`/`alternate`). */
function collapse(stack: Entry[]): Node {
  const subs: Node[] = [];
  while (stack.length > 0 && stack.at(-1)!.kind !== 'paren') {
    const entry = stack.pop()!;
    if (entry.kind === 'expr') subs.unshift(entry);
  }
  return { kind: 'expr', subs };
}

/** Go's `regexp.Compile(pattern)` error text, or undefined when it compiles. */
export function goRegexpError(pattern: string): string | undefined {
  try {
    parseGoRegexp(pattern);
    return undefined;
  } catch (error) {
    if (error instanceof RegexpError) return error.message;
    throw error;
  }
}

function parseGoRegexp(whole: string): void {
  const stack: Entry[] = [];
  let t = whole;
  let lastRepeat = '';
  const applyRepeat = (
    before: string,
    afterOperator: string,
    repeat: { min: number; max: number } | undefined,
  ): string => {
    let after = afterOperator;
    if (after.startsWith('?')) after = after.slice(1);
    if (lastRepeat !== '') {
      throw new RegexpError(
        'invalid nested repetition operator',
        lastRepeat.slice(0, lastRepeat.length - after.length),
      );
    }
    const top = stack.at(-1);
    if (top === undefined || top.kind !== 'expr') {
      throw new RegexpError(
        'missing argument to repetition operator',
        before.slice(0, before.length - after.length),
      );
    }
    const node: Node = { kind: 'expr', repeat, subs: [top] };
    stack[stack.length - 1] = node;
    if (repeat && (repeat.min >= 2 || repeat.max >= 2) && !repeatIsValid(node, 1000)) {
      throw new RegexpError('invalid repeat count', before.slice(0, before.length - after.length));
    }
    return after;
  };

  while (t !== '') {
    let repeat = '';
    const c = t[0]!;
    if (c === '(') {
      if (t.length >= 2 && t[1] === '?') {
        const [rest, opensGroup] = parsePerlFlags(t);
        if (opensGroup) stack.push({ kind: 'paren' });
        t = rest;
      } else {
        stack.push({ kind: 'paren' });
        t = t.slice(1);
      }
    } else if (c === '|') {
      stack.push(collapse(stack), { kind: 'bar' });
      t = t.slice(1);
    } else if (c === ')') {
      const group = collapse(stack);
      if (stack.length === 0) throw new RegexpError('unexpected )', whole);
      stack.pop();
      stack.push(group);
      t = t.slice(1);
    } else if (c === '*' || c === '+' || c === '?') {
      const before = t;
      t = applyRepeat(before, t.slice(1), undefined);
      repeat = before;
    } else if (c === '{') {
      const parsed = parseRepeat(t);
      if (parsed === undefined) {
        stack.push(leaf());
        t = t.slice(1);
      } else {
        const [min, max, after] = parsed;
        const before = t;
        if (min < 0 || min > 1000 || max > 1000 || (max >= 0 && min > max)) {
          throw new RegexpError(
            'invalid repeat count',
            before.slice(0, before.length - after.length),
          );
        }
        t = applyRepeat(before, after, { min, max });
        repeat = before;
      }
    } else if (c === '[') {
      t = parseClass(t);
      stack.push(leaf());
    } else if (c === '\\') {
      t = parseBackslash(t, stack);
    } else {
      // Literals and the anchors / dot all become one operand.
      t = t.slice(firstRune(t).length);
      stack.push(leaf());
    }
    lastRepeat = repeat;
  }
  collapse(stack);
  if (stack.length > 0) throw new RegexpError('missing closing )', whole);
}

/** A `\` outside a class: Perl anchors, `\Q…\E`, `\p{…}`, `\d`…, or a single escape. */
function parseBackslash(t: string, stack: Entry[]): string {
  const next = t[1];
  if (next === 'A' || next === 'b' || next === 'B' || next === 'z') {
    stack.push(leaf());
    return t.slice(2);
  }
  if (next === 'C') throw new RegexpError('invalid escape sequence', t.slice(0, 2));
  if (next === 'Q') {
    const body = t.slice(2);
    const end = body.indexOf('\\E');
    const literal = end < 0 ? body : body.slice(0, end);
    if (literal !== '') stack.push(leaf());
    return end < 0 ? '' : body.slice(end + 2);
  }
  const afterUnicode = parseUnicodeClass(t);
  if (afterUnicode !== undefined) {
    stack.push(leaf());
    return afterUnicode;
  }
  if (PERL_CLASSES.has(t.slice(0, 2))) {
    stack.push(leaf());
    return t.slice(2);
  }
  const rest = parseEscape(t);
  stack.push(leaf());
  return rest;
}
