// The parts of a plan document outside the theme/goal/action tree: title and period, focus points, partners.
import type { ImportRules } from './rules.js';
import { collapseSpaces, compile, isAllCaps, readableTitle, splitOutsideParens, wordCount } from './text.js';

/** a line after the rules' replacements, with its 1-based number */
export type SourceLine = {
  line: number;
  text: string;
  /** the line was a markdown heading (`#` to `######`) before the replacements removed the marks */
  heading?: boolean;
};

/** a bullet item longer than this is prose, not an organisation's name */
const MAX_PARTNER_WORDS = 10;

const isNoise = (text: string, noise: readonly RegExp[]): boolean => noise.some((re) => re.test(text));

/** the plan's title (the blocks of text above the line naming the period) and the period as ISO dates */
export function parseTitleBlock(
  lines: readonly SourceLine[],
  rules: ImportRules,
): { title: string; periodStart: string | null; periodEnd: string | null } {
  const period = compile(rules.titleBlock.period);
  const noise = rules.noiseLines.map((p) => compile(p));
  const blocks: string[] = [];
  let current: string[] = [];
  const flush = () => {
    // `BRUGGE` + `DRAAIT OM` is one heading broken over lines; `Plan X` + `Samen sterk` are two
    let block = '';
    for (const piece of current) {
      const continues = block === '' || (isAllCaps(block) && isAllCaps(piece)) || /^\p{Ll}/u.test(piece);
      if (continues) block = `${block} ${piece}`;
      else {
        blocks.push(collapseSpaces(block));
        block = piece;
      }
    }
    if (block.trim() !== '') blocks.push(collapseSpaces(block));
    current = [];
  };
  for (const { text } of lines.slice(0, rules.titleBlock.maxLines)) {
    const trimmed = text.trim();
    const found = period.exec(trimmed);
    if (found?.groups?.['start'] && found.groups['end']) {
      const rest = collapseSpaces(trimmed.replace(found[0], '').replace(/[-–:,(]+\s*$/, ''));
      if (rest !== '' && blocks.length === 0) current.push(rest);
      flush();
      const title = blocks.map((block) => readableTitle(block, rules.casing)).join(' - ');
      return {
        title,
        periodStart: `${found.groups['start']}-01-01`,
        periodEnd: `${found.groups['end']}-12-31`,
      };
    }
    if (trimmed === '' || isNoise(trimmed, noise)) flush();
    else current.push(trimmed);
  }
  flush();
  const first = blocks[0];
  return { title: first ? readableTitle(first, rules.casing) : '', periodStart: null, periodEnd: null };
}

/** true for a theme, goal or action line: a section never runs into the plan's tree */
export type IsStructural = (text: string) => boolean;

/** the lines of a section: from the line after `start` up to (not including) the line matching `end` */
function sectionLines(
  lines: readonly SourceLine[],
  start: RegExp,
  end: RegExp,
  isStructural: IsStructural,
): SourceLine[] {
  const from = lines.findIndex(({ text }) => start.test(text.trim()));
  if (from < 0) return [];
  const out: SourceLine[] = [];
  for (const entry of lines.slice(from + 1)) {
    const trimmed = entry.text.trim();
    if (trimmed !== '' && (end.test(trimmed) || isStructural(trimmed))) break;
    out.push(entry);
  }
  return out;
}

/** focus points: the short heading lines (or bullet items) of the focus-point section */
export function parseFocusPoints(
  lines: readonly SourceLine[],
  rules: ImportRules,
  isStructural: IsStructural,
): string[] {
  const section = rules.focusPointsSection;
  if (!section) return [];
  const item = compile(section.item);
  const bullet = compile(rules.bullet);
  const names: string[] = [];
  for (const { text } of sectionLines(lines, compile(section.start), compile(section.end), isStructural)) {
    const candidate = collapseSpaces(text.trim().replace(bullet, ''));
    if (candidate === '' || !item.test(candidate) || wordCount(candidate) > section.maxWords) continue;
    if (!names.includes(candidate)) names.push(candidate);
  }
  return names;
}

/** partner organisations: comma-separated lists (commas inside parentheses kept) and bullet items, duplicates dropped */
export function parsePartners(
  lines: readonly SourceLine[],
  rules: ImportRules,
  isStructural: IsStructural,
): string[] {
  const section = rules.partnersSection;
  if (!section) return [];
  const bullet = compile(rules.bullet);
  const names: string[] = [];
  const seen = new Set<string>();
  const add = (raw: string) => {
    const name = collapseSpaces(raw)
      .replace(/(?:\.{2,}|…)$/, '')
      .replace(/[;.]$/, '')
      .trim();
    const key = name.toLowerCase();
    if (name === '' || seen.has(key)) return;
    seen.add(key);
    names.push(name);
  };
  for (const { text } of sectionLines(lines, compile(section.start), compile(section.end), isStructural)) {
    const trimmed = text.trim();
    if (bullet.test(trimmed)) {
      const name = trimmed.replace(bullet, '');
      if (wordCount(name) <= MAX_PARTNER_WORDS) add(name);
      continue;
    }
    const items = splitOutsideParens(trimmed);
    if (items.length >= section.minItems) items.forEach(add);
  }
  return names;
}
