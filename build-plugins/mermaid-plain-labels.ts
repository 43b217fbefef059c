/**
 * With `securityLevel: 'strict'` mermaid runs each label through DOMPurify six times (twice in
 * each of three places, the last with the label wrapped in `<p>`): a fifth of the main thread of
 * an "Only mesh-X" diagram, spent parsing a document per call for text whose only markup is our
 * `<br/>`. This plugin answers those calls without a parse when the text is that plain (text
 * and numeric character references, `<br>` in the spellings the HTML parser reads as one, in an
 * optional `<p>`), with the very string DOMPurify returns (the test compares the two on tables
 * and random text); anything else still goes to DOMPurify, as does the whole SVG at the end.
 */
import type { Plugin } from 'vite';
import { type MermaidReplacement, mermaidPatch } from './mermaid-patch';

/** mermaid 11.x's two label sanitizers, as its ESM chunk has them, and what replaces them. */
export const MERMAID_SANITIZE_CALLS = [
  {
    theirs: `  const sanitizedText = DOMPurify.sanitize(txt);
  return sanitizedText;`,
    ours: `  const sanitizedText = kumaPlainMarkup(txt) ?? DOMPurify.sanitize(txt);
  return sanitizedText;`,
  },
  {
    theirs: `    text = DOMPurify.sanitize(sanitizeMore(text, config2), {
      FORBID_TAGS: ["style"]
    }).toString();`,
    ours: `    const kumaMore = sanitizeMore(text, config2);
    text = kumaPlainMarkup(kumaMore) ?? DOMPurify.sanitize(kumaMore, {
      FORBID_TAGS: ["style"]
    }).toString();`,
  },
] as const satisfies readonly MermaidReplacement[];

/**
 * `text` as DOMPurify returns it, or `undefined` when the text is not plain enough to tell
 * without parsing it. Text without `<` is left to DOMPurify, which returns it as it is.
 * Characters the HTML parser drops, changes or treats apart (controls, CR, form feed, lone
 * surrogates, noncharacters) are left to it too, and so is every `&` but a decimal reference to
 * a printable character or one of the four references DOMPurify itself writes (`&amp;`, `&lt;`,
 * `&gt;`, `&nbsp;`), so its own output, wrapped in `<p>` by the next place, is answered too.
 * Plain JavaScript: it goes into mermaid's chunk as it is.
 */
export const PLAIN_MARKUP_SOURCE = `function kumaPlainMarkup(text) {
  if (typeof text !== "string" || text.indexOf("<") === -1) return undefined;
  var wrapped = text.length >= 7 && text.startsWith("<p>") && text.endsWith("</p>");
  var lines = (wrapped ? text.slice(3, -4) : text).split(/<br[\\t\\n ]*\\/?>/);
  var named = { amp: "&", lt: "<", gt: ">", nbsp: "\\u00a0" };
  var out = [];
  for (var line of lines) {
    if (!/^(?:[^\\0-\\x08\\x0b-\\x1f\\x7f-\\x9f<&\\ud800-\\udfff\\ufdd0-\\ufdef\\ufffe\\uffff]|&(?:#\\d{1,7}|amp|lt|gt|nbsp);)*$/u.test(line)) return undefined;
    var plain = true;
    var decoded = line.replace(/&(?:#(\\d{1,7})|(amp|lt|gt|nbsp));/g, function (_reference, digits, name) {
      if (name) return named[name];
      var code = Number(digits);
      var printable = (code >= 0x20 && code <= 0x7e) ||
        (code >= 0xa0 && code <= 0xd7ff) ||
        (code >= 0xe000 && code <= 0xfffd && !(code >= 0xfdd0 && code <= 0xfdef)) ||
        (code >= 0x10000 && code <= 0x10ffff && (code & 0xfffe) !== 0xfffe);
      if (!printable) plain = false;
      return printable ? String.fromCodePoint(code) : "";
    });
    if (!plain) return undefined;
    out.push(decoded.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\\u00a0/g, "&nbsp;"));
  }
  var body = out.join("<br>");
  return wrapped ? "<p>" + body + "</p>" : body;
}`;

export function mermaidPlainLabels(): Plugin {
  return mermaidPatch({
    name: 'mermaid-plain-labels',
    replacements: MERMAID_SANITIZE_CALLS,
    appended: PLAIN_MARKUP_SOURCE,
    missing:
      "mermaid's label sanitizers were not found: build-plugins/mermaid-plain-labels.ts needs a look at the new mermaid",
  });
}
