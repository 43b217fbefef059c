// @vitest-environment jsdom
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { patchHooks } from './mermaid-patch';
import {
  MERMAID_SANITIZE_CALLS,
  mermaidPlainLabels,
  PLAIN_MARKUP_SOURCE,
} from './mermaid-plain-labels';

const mermaidEntry = createRequire(import.meta.url).resolve('mermaid');

/** The very DOMPurify mermaid runs (its own dependency, as resolved from mermaid), in jsdom. */
const purify = (() => {
  const createPurify = createRequire(mermaidEntry)('dompurify') as (window: Window) => {
    sanitize: (dirty: string, config?: Record<string, unknown>) => string;
  };
  return createPurify(window);
})();

const plainMarkup = new Function(`${PLAIN_MARKUP_SOURCE}\nreturn kumaPlainMarkup;`)() as (
  text: unknown,
) => string | undefined;

/** Both of mermaid's calls: `removeScript`'s, with DOMPurify's defaults, and `sanitizeText`'s. */
function expectAsDOMPurify(text: string): void {
  const ours = plainMarkup(text);
  if (ours === undefined) return;
  expect(ours).toBe(purify.sanitize(text));
  expect(ours).toBe(purify.sanitize(text, { FORBID_TAGS: ['style'] }));
}

describe('labels sanitized without a parse', () => {
  it.each([
    // What mermaid's three places get for our two-line labels: as written (entities still in
    // mermaid's placeholders), with the entities decoded, and wrapped as createText wraps it.
    ['a label as parsed', 'Service s-1<br/>KUMA-DP ﬂ°°215¶ß2'],
    ['decoded', 'Service s-1<br/>KUMA-DP &#215;2'],
    ['wrapped', '<p>Service s-1<br>KUMA-DP ×2</p>'],
    ['a hostile name, decoded', '&#60;script&#62;alert(1)&#60;/script&#62;<br/>x'],
    ['a hostile name, wrapped', '<p>&lt;script&gt;</p>'],
    ['every spelling of br', 'a<br>b<br/>c<br />d<br\n/>e<br\t>f'],
    ['quotes and apostrophes', `"quoted" it's<br>x`],
    ['a greater-than and a no-break space', 'a > b\u00a0c<br>d'],
    ['an ampersand from a reference', '&#38;&#60;&#62;<br>'],
    ['leading and trailing blanks', '  \t\n a <br> b \n '],
    ['astral characters', 'emoji 🚀<br>&#128640;'],
    ['empty lines', '<br><br>'],
    ['an empty paragraph', '<p></p>'],
    ['a paragraph of breaks only', '<p><br></p>'],
  ])('%s: answered, as DOMPurify answers', (_name, text) => {
    expect(plainMarkup(text)).toBeDefined();
    expectAsDOMPurify(text);
  });

  it.each([
    ['no markup at all: DOMPurify returns it as it is, without a parse', 'a & b > c'],
    ['another element', 'a<b>bold</b>'],
    ['an attribute on br', '<br class="x">'],
    ['br in capitals', 'a<BR>b'],
    ['two paragraphs', '<p>a</p><p>b</p>'],
    ['a paragraph left open', '<p>a'],
    ['a paragraph with a break before it', '<br><p>a</p>'],
    ['another named reference', 'a&quot;b<br>'],
    ['a hexadecimal reference', '&#x3c;<br>'],
    ['a reference without its semicolon', '&#60<br>'],
    ['a reference to a control character', '&#1;<br>'],
    ['a reference to nothing', '&#0;<br>'],
    ['a reference past Unicode', '&#1114112;<br>'],
    ['a reference to a surrogate', '&#55296;<br>'],
    ['a reference to a C1 control (remapped by the parser)', '&#128;<br>'],
    ['a carriage return', 'a\r\nb<br>'],
    ['a form feed', '\fa<br>'],
    ['NUL', 'a\u0000b<br>'],
    ['a lone surrogate', 'a\ud800b<br>'],
    ['a noncharacter', 'a\ufffeb<br>'],
    ['a comment', 'a<!-- x --><br>'],
    ['not a string', 42],
  ])('%s: left to DOMPurify', (_name, text) => {
    expect(plainMarkup(text)).toBeUndefined();
  });

  it('gives what DOMPurify gives on random text made of labels’ pieces', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '<br>',
        '<br/>',
        '<br />',
        '<p>',
        '</p>',
        '<b>',
        '&#60;',
        '&#38;',
        '&#215;',
        '&#1;',
        '&#128;',
        '&amp;',
        '&',
        '<',
        '>',
        '"',
        "'",
        ' ',
        '\t',
        '\n',
        '\r',
        '\f',
        '\u0000',
        '\u00a0',
        '\u0085',
        '\ud800',
        '🚀',
        'ﬂ°°215¶ß',
      ),
      fc.string({ maxLength: 4 }),
      fc.string({ unit: 'grapheme', maxLength: 3 }),
    );
    const text = fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join(''));
    const wrapped = text.map((inner) => `<p>${inner}</p>`);
    fc.assert(
      fc.property(fc.oneof(text, wrapped), (candidate) => expectAsDOMPurify(candidate)),
      { numRuns: 3000 },
    );
  });
});

/** The installed mermaid's ESM chunks that hold both sanitizers: there must be exactly one. */
function mermaidSanitizerChunks(): string[] {
  const folder = join(dirname(dirname(mermaidEntry)), 'dist', 'chunks', 'mermaid.core');
  return readdirSync(folder)
    .filter((name) => name.endsWith('.mjs'))
    .map((name) => readFileSync(join(folder, name), 'utf8'))
    .filter((code) => MERMAID_SANITIZE_CALLS.some(({ theirs }) => code.includes(theirs)));
}

describe('the plugin', () => {
  const chunkId = '/app/node_modules/mermaid/dist/chunks/mermaid.core/chunk-X.mjs';

  it('finds both sanitizers in one chunk of the installed mermaid, once each', () => {
    const chunks = mermaidSanitizerChunks();
    expect(chunks).toHaveLength(1);
    for (const { theirs } of MERMAID_SANITIZE_CALLS)
      expect(chunks[0]?.split(theirs)).toHaveLength(2);
  });

  it('puts the plain path in front of both calls, and changes nothing else', () => {
    const { transform } = patchHooks(mermaidPlainLabels());
    const [removeScript, sanitizeText] = MERMAID_SANITIZE_CALLS;
    const code = `var a = 1;\n${removeScript.theirs}\nvar b = 2;\n${sanitizeText.theirs}\nvar c = 3;`;
    expect(transform(code, chunkId)?.code).toBe(
      `var a = 1;\n${removeScript.ours}\nvar b = 2;\n${sanitizeText.ours}\nvar c = 3;\n${PLAIN_MARKUP_SOURCE}\n`,
    );
  });

  it('keeps what mermaid does with the result: DOMPurify when the text is not plain', () => {
    const [removeScript] = MERMAID_SANITIZE_CALLS;
    const calls: string[] = [];
    const run = new Function(
      'DOMPurify',
      'txt',
      `${PLAIN_MARKUP_SOURCE}\n${removeScript.ours}`,
    ) as (dompurify: { sanitize: (text: string) => string }, text: string) => string;
    const spy = {
      sanitize: (text: string) => {
        calls.push(text);
        return purify.sanitize(text);
      },
    };
    expect(run(spy, 'a<br/>b')).toBe('a<br>b');
    expect(calls).toEqual([]);
    expect(run(spy, 'a<img src=x onerror=alert(1)>')).toBe('a<img src="x">');
    expect(calls).toEqual(['a<img src=x onerror=alert(1)>']);
  });

  it('fails the build, naming its file, when mermaid no longer has those sanitizers', () => {
    expect(() => patchHooks(mermaidPlainLabels()).buildEnd()).toThrow(
      /label sanitizers were not found: build-plugins\/mermaid-plain-labels\.ts/,
    );
  });
});
