// Small pure text helpers for cleaning PDF-extracted lines.
import type { ImportRules, Pattern } from './rules.js';

/** compiles a rule pattern; strings get the `u` flag; `global` adds the `g` flag */
export function compile(pattern: Pattern, global = false): RegExp {
  const re = typeof pattern === 'string' ? new RegExp(pattern, 'u') : pattern;
  if (global === re.flags.includes('g')) return new RegExp(re.source, re.flags);
  return new RegExp(re.source, global ? `${re.flags}g` : re.flags.replace('g', ''));
}

export const collapseSpaces = (text: string): string => text.replace(/[ \t\u00a0]+/g, ' ').trim();

export const capitalizeFirst = (text: string): string => {
  const index = text.search(/[\p{L}\p{N}]/u);
  if (index < 0) return text;
  // `'t Sas`: a leading elided article stays lowercase
  if (/^['’]t\s/.test(text)) return text;
  return text.slice(0, index) + text.charAt(index).toUpperCase() + text.slice(index + 1);
};

/** true when the text has letters and none of them is lowercase */
export const isAllCaps = (text: string): boolean => /\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text);

/** `PREVENTIEVE GEZINSONDERSTEUNING` -> `Preventieve gezinsondersteuning`, keeping acronyms and proper nouns */
export function sentenceCase(text: string, casing: ImportRules['casing']): string {
  const upper = new Set(casing.keepUppercase.map((word) => word.toUpperCase()));
  const proper = new Map(casing.properNouns.map((word) => [word.toUpperCase(), word]));
  const lowered = text.replace(/[\p{L}+]+/gu, (word) => {
    const key = word.toUpperCase();
    if (upper.has(key)) return key;
    return proper.get(key) ?? word.toLowerCase();
  });
  return capitalizeFirst(lowered);
}

/** a title is converted only when it is written in capitals */
export const readableTitle = (text: string, casing: ImportRules['casing']): string => {
  const clean = collapseSpaces(text);
  return casing.sentenceCaseAllCaps && isAllCaps(clean) ? sentenceCase(clean, casing) : clean;
};

const CLOSERS = `"'”’)]*`;

/** true when the text ends a sentence or a clause that may close a paragraph */
export const endsSentence = (text: string): boolean => /[.!?:;…](?:["'”’)\]*]*)$/.test(text.trimEnd());

/** joins a broken line to the text before it, undoing end-of-line hyphenation (`opvoedings-` + `ondersteuning`) */
export function joinBroken(before: string, after: string): string {
  const head = before.trimEnd();
  const tail = after.trim();
  // a suspended hyphen (`dak-` + `en thuislozen`) stays as it is
  if (/\p{L}-$/u.test(head) && /^\p{Ll}/u.test(tail) && !/^(?:en|of|tot|en\/of|noch)\b/.test(tail)) {
    return head.slice(0, -1) + tail;
  }
  return `${head} ${tail}`;
}

/**
 * Splits the first sentence off: it ends at a terminator followed by a space (or the end), unless the `.`
 * closes an abbreviation or is followed by a lowercase word. Returns [first sentence with terminator, rest].
 */
export function splitFirstSentence(text: string, rule: ImportRules['titleSentence']): [string, string] {
  // a leading bold run (marked by U+2063) ends the title, unless its own first sentence ends sooner
  const boldEnd = text.indexOf('\u2063');
  if (boldEnd > 0) {
    const [first, rest] = splitFirstSentence(text.slice(0, boldEnd), rule);
    const after = text.slice(boldEnd + 1).trim();
    return [first, [rest, after].filter((part) => part !== '').join(' ')];
  }
  const abbreviations = new Set(rule.abbreviations.map((word) => word.toLowerCase()));
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (!rule.terminators.includes(ch)) continue;
    let end = i + 1;
    while (end < text.length && CLOSERS.includes(text.charAt(end))) end++;
    if (end < text.length && !/\s/.test(text.charAt(end))) continue;
    const rest = text.slice(end).trim();
    if (ch === ':' && rest !== '') {
      // `... zetten we actief in op: A, B en C.`: a colon after a preposition introduces, it does not end
      const last = /([\p{L}.]+)$/u.exec(text.slice(0, i).trimEnd())?.[1]?.toLowerCase();
      if (last && rule.colonContinuesAfter.includes(last)) continue;
    }
    if (ch === '.') {
      // `...` inside a sentence, a lowercase continuation, an abbreviation
      if (text.charAt(i - 1) === '.' && rest !== '' && /^\p{Ll}/u.test(rest)) continue;
      if (/^\p{Ll}/u.test(rest)) continue;
      const word = /(?:^|[\s(])([\p{L}.'’]+)$/u.exec(text.slice(0, i))?.[1]?.toLowerCase();
      if (word && abbreviations.has(word) && rest !== '') continue;
      // a single initial (`J. Peeters`)
      if (word && /^\p{L}$/u.test(word) && rest !== '') continue;
    }
    return [text.slice(0, end).trim(), rest];
  }
  return [text.trim(), ''];
}

/** an action title: no markdown, no bullet, no trailing dot or colon, first letter capitalised */
export function cleanTitle(text: string): string {
  let title = collapseSpaces(text.replace(/[*\u2063]+/g, ''));
  title = title.replace(/^[-•–\s]+/, '');
  title = title.replace(/[\s.:;,…]+$/, '');
  return capitalizeFirst(title);
}

/** splits on commas that are not inside parentheses */
export function splitOutsideParens(line: string, separator = ','): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of line) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === separator && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

/** paragraphs of a description: a blank line between paragraphs, a newline between list items (and before the first after a colon) */
export function joinParagraphs(paragraphs: readonly string[]): string {
  let out = '';
  paragraphs.forEach((paragraph, index) => {
    if (index === 0) {
      out = paragraph;
      return;
    }
    const previous = paragraphs[index - 1] ?? '';
    const isItem = paragraph.startsWith('- ');
    const tight = isItem && (previous.startsWith('- ') || /:\s*$/.test(previous));
    out += (tight ? '\n' : '\n\n') + paragraph;
  });
  return out;
}

export const wordCount = (text: string): number => text.split(/\s+/).filter(Boolean).length;
