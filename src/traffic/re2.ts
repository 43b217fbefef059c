/**
 * Route regexes with Envoy's semantics: `safe_regex` is RE2, matched against the whole value
 * (RE2::FullMatch), in time linear in the input. JavaScript's backtracking `RegExp` is neither:
 * `/(a+)+` against 30 `a`s and a `!` takes seconds, and its syntax differs (backreferences and
 * lookaround accepted; `(?i)`, `\z`, `(?P<name>…)` refused). re2js ports Go's `regexp` (itself
 * RE2) and is used by the trace in the browser and by the demo's traffic alike.
 *
 * Patterns are user input (a route stored in the control plane), so what they may cost is
 * bounded twice, by counts of work rather than by time, so the SPA and the demo agree:
 *  - a pattern whose compiled program would exceed MAX_PROGRAM_SIZE instructions is not
 *    compiled (compiling is roughly linear in the program: ~100 ms at that size);
 *  - a `MatchBudget` caps the work of one evaluation: each match costs the program size times
 *    the input length (the bound of RE2's NFA simulation), and a match the budget cannot pay
 *    for is not run.
 * Compiled patterns are kept in a small LRU, bounded by entries and by total program size.
 */
import { RE2JS } from 're2js';
import { goRegexpError } from '../kuma/validation/go-regexp';
import { formatCount } from '../lib/plural';

/**
 * Largest program compiled (instructions, as RE2 counts them). Go accepts far larger ones
 * (`(?:x{1000}){1}` 1,000 times: a million instructions, ~5 s to compile in re2js), but a
 * route regex that size has no use, and Envoy already warns past 1,000 (Kuma's bootstrap sets
 * `re2.max_program_size.warn_level: 1000`).
 */
export const MAX_PROGRAM_SIZE = 20_000;

/**
 * Work one evaluation may spend matching regexes: program size × (input length + 1) summed
 * over the matches tried. Measured on this machine, the slowest patterns run at ~30 ns a unit,
 * so this is a quarter of a second at worst; an ordinary route table (patterns of ~50
 * instructions, paths of ~100 characters) tries 1,600 regexes before it runs out.
 */
export const MATCH_BUDGET = 8_000_000;

const CACHE_MAX_ENTRIES = 500;
/** Total program size kept compiled (a re2js instruction is an object of ~100 bytes). */
const CACHE_MAX_INSTRUCTIONS = 200_000;

export type CompiledPattern =
  | { kind: 'ok'; regex: RE2JS; size: number }
  /** RE2 refuses the pattern: Envoy rejects a route configuration carrying it. */
  | { kind: 'invalid'; error: string }
  /** Valid or not, the dashboard does not compile it. */
  | { kind: 'too-large'; estimatedSize: number };

/** Thrown when a regex cannot be evaluated within the limits above: the outcome is unknown. */
export class RegexNotEvaluated extends Error {
  constructor(
    readonly pattern: string,
    message: string,
  ) {
    super(message);
    this.name = 'RegexNotEvaluated';
  }
}

/** The regex work one evaluation may still do. */
export class MatchBudget {
  private spent = 0;

  constructor(readonly limit: number = MATCH_BUDGET) {}

  get used(): number {
    return this.spent;
  }

  /** Spends `cost` when it fits; false (and nothing spent) when it does not. */
  charge(cost: number): boolean {
    if (this.spent + cost > this.limit) return false;
    this.spent += cost;
    return true;
  }
}

// ------------------------------------------------------------------ program size estimate

function parseRepeat(pattern: string, start: number): { min: number; max: number; end: number } {
  const found = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(start, start + 24));
  if (!found) return { min: -1, max: -1, end: start };
  const min = Number(found[1]);
  const max = found[2] === undefined ? min : found[3] === '' ? -1 : Number(found[3]);
  return { min, max, end: start + found[0].length };
}

/** Index just past the character class starting at `start` (`[`), or the end of the pattern. */
function skipClass(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === '^') i += 1;
  if (pattern[i] === ']') i += 1; // a leading `]` is a literal
  while (i < pattern.length && pattern[i] !== ']') {
    if (pattern[i] === '\\') i += 2;
    else if (pattern.startsWith('[:', i)) {
      const close = pattern.indexOf(':]', i + 2);
      i = close < 0 ? i + 1 : close + 2;
    } else i += 1;
  }
  return i + 1;
}

/** Index just past the escape starting at `start` (`\`), and how many literals it stands for. */
function skipEscape(pattern: string, start: number): { end: number; literals: number } {
  const next = pattern[start + 1];
  if (next === 'Q') {
    const close = pattern.indexOf('\\E', start + 2);
    const end = close < 0 ? pattern.length : close + 2;
    return { end, literals: Math.max(1, (close < 0 ? end : close) - start - 2) };
  }
  if ((next === 'p' || next === 'P' || next === 'x') && pattern[start + 2] === '{') {
    const close = pattern.indexOf('}', start + 3);
    return { end: close < 0 ? pattern.length : close + 1, literals: 1 };
  }
  if (next === 'x') return { end: start + 4, literals: 1 };
  if (next === 'p' || next === 'P') return { end: start + 3, literals: 1 };
  return { end: start + 2, literals: 1 };
}

/**
 * About the number of instructions RE2 compiles `pattern` to, without parsing it for real:
 * one per literal, class, anchor or operator, two per capture, and `x{n,m}` as m copies of `x`
 * (RE2 expands counted repetitions), one for an empty alternative. Alternations of literals count in full, although RE2
 * factors common prefixes, so it over-estimates: it only has to say which patterns are far too
 * large to compile. Runs in one pass over the pattern.
 */
export function estimateProgramSize(pattern: string): number {
  interface Frame {
    /** Completed alternatives, with their `|` instructions. */
    alternatives: number;
    /** The concatenation being read. */
    current: number;
    /** Size of the last atom of `current` (what a repetition operator repeats). */
    last: number;
    capture: boolean;
  }
  const stack: Frame[] = [{ alternatives: 0, current: 0, last: 0, capture: false }];
  const top = () => stack[stack.length - 1] as Frame;
  const atom = (size: number) => {
    const frame = top();
    frame.current += size;
    frame.last = size;
  };
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '\\') {
      const { end, literals } = skipEscape(pattern, i);
      top().current += literals - 1;
      atom(1);
      i = end;
    } else if (c === '[') {
      i = skipClass(pattern, i);
      atom(1);
    } else if (c === '(') {
      // `(?flags)` alone changes flags and compiles to nothing.
      const flags = /^\(\?[-imsU]*\)/.exec(pattern.slice(i, i + 12));
      if (flags) {
        i += flags[0].length;
        continue;
      }
      const capture = pattern[i + 1] !== '?' || /^\(\?P?</.test(pattern.slice(i, i + 4));
      stack.push({ alternatives: 0, current: 0, last: 0, capture });
      const close = pattern.slice(i, i + 64).search(/[:>]/);
      i += pattern[i + 1] === '?' && close > 0 ? close + 1 : 1;
    } else if (c === ')' && stack.length > 1) {
      const frame = stack.pop() as Frame;
      atom(frame.alternatives + Math.max(frame.current, 1) + (frame.capture ? 2 : 0));
      i += 1;
    } else if (c === '|') {
      const frame = top();
      frame.alternatives += Math.max(frame.current, 1) + 1;
      frame.current = 0;
      frame.last = 0;
      i += 1;
    } else if (c === '*' || c === '+' || c === '?') {
      top().current += 1;
      i += pattern[i + 1] === '?' ? 2 : 1;
    } else if (c === '{') {
      const { min, max, end } = parseRepeat(pattern, i);
      if (end === i) {
        atom(1);
        i += 1;
        continue;
      }
      const frame = top();
      // x{n,m}: n copies, then m-n optional ones; x{n,}: n copies and a star.
      const copies = max < 0 ? Math.max(min, 1) : max;
      const repeated = frame.last * copies + (max < 0 ? 1 : Math.max(max - min, 0));
      frame.current += repeated - frame.last;
      frame.last = repeated;
      i = end + (pattern[end] === '?' ? 1 : 0);
    } else {
      atom(1);
      i += 1;
    }
  }
  let size = 0;
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    size += frame.alternatives + Math.max(frame.current, 1) + (frame.capture ? 2 : 0);
  }
  // RE2 adds a fail and a match instruction.
  return size + 2;
}

// ------------------------------------------------------------------ compiled patterns

const cache = new Map<string, CompiledPattern>();
let cachedInstructions = 0;

function cost(entry: CompiledPattern): number {
  return entry.kind === 'ok' ? entry.size : 1;
}

function remember(pattern: string, entry: CompiledPattern): void {
  cache.set(pattern, entry);
  cachedInstructions += cost(entry);
  for (const [oldest, old] of cache) {
    if (cache.size <= CACHE_MAX_ENTRIES && cachedInstructions <= CACHE_MAX_INSTRUCTIONS) break;
    if (oldest === pattern) break;
    cache.delete(oldest);
    cachedInstructions -= cost(old);
  }
}

function compileUncached(pattern: string): CompiledPattern {
  const estimatedSize = estimateProgramSize(pattern);
  if (estimatedSize > MAX_PROGRAM_SIZE) {
    // A syntax error still says more than the size: Go's parser finds it without compiling.
    const error = goRegexpError(pattern);
    return error ? { kind: 'invalid', error } : { kind: 'too-large', estimatedSize };
  }
  try {
    const regex = RE2JS.compile(pattern);
    return { kind: 'ok', regex, size: regex.programSize() };
  } catch (error) {
    return { kind: 'invalid', error: error instanceof Error ? error.message : String(error) };
  }
}

/** The pattern compiled with RE2 syntax (Go's flavour, as re2js), from the cache when there. */
export function compileRe2(pattern: string): CompiledPattern {
  const hit = cache.get(pattern);
  if (hit) {
    // Most recently used last.
    cache.delete(pattern);
    cache.set(pattern, hit);
    return hit;
  }
  const entry = compileUncached(pattern);
  remember(pattern, entry);
  return entry;
}

/** RE2's error for `pattern` (`error parsing regexp: …`), or undefined when it compiles. */
export function re2Error(pattern: string): string | undefined {
  const compiled = compileRe2(pattern);
  return compiled.kind === 'invalid' ? compiled.error : undefined;
}

/** The number of patterns compiled and kept (for tests of the cache bound). */
export function re2CacheSize(): number {
  return cache.size;
}

/**
 * Does `pattern` match the whole of `value`, as Envoy's `safe_regex` does? An invalid pattern
 * matches nothing. Throws `RegexNotEvaluated` when the pattern is too large to compile or the
 * budget (one of MATCH_BUDGET per call when none is given) cannot pay for the match.
 */
export function re2FullMatch(pattern: string, value: string, budget = new MatchBudget()): boolean {
  const compiled = compileRe2(pattern);
  if (compiled.kind === 'invalid') return false;
  if (compiled.kind === 'too-large') {
    throw new RegexNotEvaluated(
      pattern,
      `its program would have about ${formatCount(compiled.estimatedSize)} instructions, more than the ${formatCount(MAX_PROGRAM_SIZE)} the dashboard compiles`,
    );
  }
  const work = compiled.size * (value.length + 1);
  if (!budget.charge(work)) {
    throw new RegexNotEvaluated(
      pattern,
      `matching it against ${formatCount(value.length)} characters needs ${formatCount(work)} steps, and this evaluation has ${formatCount(budget.limit - budget.used)} of its ${formatCount(budget.limit)} left`,
    );
  }
  return compiled.regex.matches(value);
}
