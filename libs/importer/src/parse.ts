// parsePlanDocument: plain text of a plan (as extracted from its PDF) -> a theme/goal/action tree.
// Two passes: a line-by-line walk collects flat records (headings, actions with their text), then the
// tree is assembled by code (`1.2.3` hangs under goal `1.2`, which hangs under theme `1`), falling back on
// document order where the codes do not say.
import { BOLD_END, BRUGES_RULES, PRESETS, type ImportRules } from './rules.js';
import { parseFocusPoints, parsePartners, parseTitleBlock, type SourceLine } from './sections.js';
import {
  capitalizeFirst,
  cleanTitle,
  collapseSpaces,
  compile,
  endsSentence,
  isAllCaps,
  joinBroken,
  joinParagraphs,
  readableTitle,
  sentenceCase,
  splitFirstSentence,
  wordCount,
} from './text.js';
import type {
  ParsedAction,
  ParsedGoal,
  ParsedPlan,
  ParsedTheme,
  UnplacedLine,
  UnplacedReason,
} from './types.js';

/** a noise block (quote) longer than this is taken to be unterminated: its first line is read as text */
const MAX_BLOCK_LINES = 40;

type Compiled = {
  rules: ImportRules;
  replacements: { re: RegExp; with: string }[];
  noise: RegExp[];
  blocks: { start: RegExp; end: RegExp }[];
  bullet: RegExp;
  theme?: { re: RegExp; opensBody: boolean };
  goals: { re: RegExp; opensBody: boolean }[];
  action?: RegExp;
  bulletAction?: RegExp;
  boldActions: boolean;
  toc?: RegExp;
  nonPlan?: RegExp;
  /** short lines repeated on many pages (running headers and footers), as `repeatKey` gives them */
  repeated: Set<string>;
  subheading?: { re: RegExp; maxWords: number };
  bodyEnd: RegExp[];
  lead?: RegExp;
  citizen: RegExp[];
  tag?: RegExp;
  bbc?: RegExp;
};

function compileRules(rules: ImportRules): Compiled {
  return {
    rules,
    replacements: rules.replacements.map((r) => ({ re: compile(r.pattern, true), with: r.with })),
    noise: rules.noiseLines.map((p) => compile(p)),
    blocks: rules.noiseBlocks.map((b) => ({ start: compile(b.start), end: compile(b.end) })),
    bullet: compile(rules.bullet),
    ...(rules.bbcCode && { bbc: compile(rules.bbcCode) }),
    ...(rules.themeHeading && {
      theme: { re: compile(rules.themeHeading.pattern), opensBody: rules.themeHeading.opensBody !== false },
    }),
    goals: rules.goalHeadings.map((g) => ({ re: compile(g.pattern), opensBody: g.opensBody !== false })),
    ...(rules.actionLine && { action: compile(rules.actionLine) }),
    ...(rules.bulletActions && { bulletAction: compile(rules.bulletActions.pattern) }),
    boldActions: rules.boldActions === true,
    ...(rules.tocLine && { toc: compile(rules.tocLine) }),
    ...(rules.nonPlanChapter && { nonPlan: compile(rules.nonPlanChapter) }),
    repeated: new Set(),
    ...(rules.subheading && {
      subheading: { re: compile(rules.subheading.pattern), maxWords: rules.subheading.maxWords },
    }),
    bodyEnd: rules.bodyEnd.map((p) => compile(p)),
    ...(rules.themeLead && { lead: compile(rules.themeLead) }),
    citizen: rules.citizenIdeaMarkers.map((p) => compile(p, true)),
    ...(rules.tagMarker && { tag: compile(rules.tagMarker, true) }),
  };
}

type Line =
  | { kind: 'blank' }
  | { kind: 'noise' }
  | { kind: 'block'; end: RegExp; closed: boolean }
  | { kind: 'theme'; code: string; title: string; opensBody: boolean; toc: boolean }
  | { kind: 'goal'; level: number; code: string; title: string; opensBody: boolean; toc: boolean }
  | { kind: 'action'; code: string; text: string }
  | { kind: 'bullet'; text: string }
  | { kind: 'boldAction'; text: string }
  | { kind: 'lead'; lead: string }
  /** `standalone`: a chapter name that only counts on a line of its own, after a blank line */
  | { kind: 'bodyEnd'; standalone?: boolean; text?: string }
  | { kind: 'text'; text: string };

const normaliseCode = (code: string): string => code.replace(/\s+/g, '').replace(/\.+$/, '');

/** a heading's named groups: `code`/`title`, or `code2`/`title2` from a second alternative of the pattern */
const headingGroups = (re: RegExp, text: string): { code: string; title: string } | null => {
  const groups = re.exec(text)?.groups;
  const code = groups?.['code'] ?? groups?.['code2'];
  if (code) return { code, title: groups?.['title'] ?? groups?.['title2'] ?? '' };
  // a goal pattern without a `code` group (an unnumbered bold line): numbered by the walk, in order
  if (groups && !('code' in groups) && groups['title']) return { code: '', title: groups['title'] };
  return null;
};

const stripBold = (text: string): string => text.replaceAll(BOLD_END, '');

/** a line as compared across pages: digits (page numbers) folded, case and spacing ignored */
const repeatKey = (text: string): string =>
  stripBold(text).trim().replace(/\d+/g, '#').replace(/\s+/g, ' ').toLowerCase();

function classify(raw: string, c: Compiled): Line {
  let text = raw.trim();
  if (text === '') return { kind: 'blank' };
  if (c.noise.some((re) => re.test(text))) return { kind: 'noise' };
  if (c.repeated.has(repeatKey(text))) return { kind: 'noise' };
  for (const block of c.blocks) {
    if (block.start.test(text)) return { kind: 'block', end: block.end, closed: block.end.test(text) };
  }
  // a table of contents: the heading without its dot leaders and page number
  let toc = false;
  if (c.toc) {
    const stripped = text.replace(c.toc, '').trim();
    if (stripped !== text && stripped !== '') {
      text = stripped;
      toc = true;
    }
  }
  const plain = stripBold(text);
  const isNonPlan = (line: string) => c.nonPlan?.test(line.replace(c.bullet, '')) === true;
  if (isNonPlan(plain)) return toc ? { kind: 'noise' } : { kind: 'bodyEnd', standalone: true, text: plain };
  const unbulleted = text.replace(c.bullet, '');
  for (const candidate of unbulleted === text ? [text] : [text, unbulleted]) {
    const heading = stripBold(candidate);
    const theme = c.theme ? headingGroups(c.theme.re, heading) : null;
    if (c.theme && theme) {
      const title = theme.title;
      // `Hoofdstuk 1: Inleiding` is a chapter, not a theme
      if (isNonPlan(title)) return toc ? { kind: 'noise' } : { kind: 'bodyEnd' };
      return {
        kind: 'theme',
        code: normaliseCode(theme.code),
        title,
        opensBody: c.theme.opensBody && !toc,
        toc,
      };
    }
    for (const [level, goal] of c.goals.entries()) {
      const groups = headingGroups(goal.re, heading);
      if (groups) {
        const code = groups.code === '' ? '' : normaliseCode(groups.code);
        return {
          kind: 'goal',
          level,
          code,
          title: groups.title,
          opensBody: goal.opensBody && !toc,
          toc,
        };
      }
    }
    if (toc) return { kind: 'noise' };
    const action = c.action?.exec(candidate)?.groups;
    if (action?.['code'])
      return { kind: 'action', code: normaliseCode(action['code']), text: action['text'] ?? '' };
  }
  if (toc) return { kind: 'noise' };
  // a bulleted action starts at the margin (an indented bullet is a list item inside an action's text)
  const indent = /^\s*/.exec(raw)?.[0].length ?? 0;
  const bullet = indent <= 1 ? c.bulletAction?.exec(text)?.groups : undefined;
  if (bullet?.['text']) return { kind: 'bullet', text: bullet['text'] };
  if (c.boldActions && indent <= 1 && text.includes(BOLD_END) && !text.startsWith(BOLD_END)) {
    return { kind: 'boldAction', text };
  }
  const lead = c.lead?.exec(plain)?.groups;
  if (lead?.['lead']) return { kind: 'lead', lead: lead['lead'] };
  if (c.bodyEnd.some((re) => re.test(plain))) return { kind: 'bodyEnd' };
  return { kind: 'text', text: plain };
}

type ThemeRecord = {
  code: string;
  title: string;
  line: number;
  lead?: string;
  toc: boolean;
  /** actions read under it: a heading with none (a contents entry) yields to one with the same code that has some */
  content: number;
};
type GoalRecord = {
  code: string;
  title: string;
  line: number;
  level: number;
  after: string | null;
  toc: boolean;
  /** the document had no number for it: numbered in order under its parent */
  generated?: boolean;
  /** actions read under it (at any depth) */
  content: number;
};
type ActionRecord = {
  code: string;
  line: number;
  generated: boolean;
  /** the innermost goal open when the action was met */
  goal: string | null;
  section?: string;
  paragraphs: string[];
  firstText: string;
};

type Walk = {
  /** numbered chapter headings without a label (`# 2. Werk`): the titles of themes implied by goal codes */
  chapters: Map<string, string>;
  themes: ThemeRecord[];
  goals: GoalRecord[];
  actions: ActionRecord[];
  unplaced: UnplacedLine[];
};

const letterCode = (n: number): string => {
  let out = '';
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    out = String.fromCharCode(97 + ((rest - 1) % 26)) + out;
  }
  return out;
};

function walk(lines: readonly SourceLine[], c: Compiled): Walk {
  const out: Walk = { chapters: new Map(), themes: [], goals: [], actions: [], unplaced: [] };
  /** `2. Werk op maat` as a heading: a chapter that names theme 2 */
  const chapter = (entry: SourceLine, code: string, title: string): boolean => {
    const clean = stripBold(title)
      .replace(/[.:]\s*$/, '')
      .trim();
    if (code.includes('.') || clean === '' || wordCount(clean) > 12 || !/^\p{Lu}/u.test(clean)) return false;
    if (!out.chapters.has(code)) out.chapters.set(code, readableTitle(clean, c.rules.casing));
    return true;
  };
  const classified = lines.map((entry) => classify(entry.text, c));
  let inBody = false;
  let theme: ThemeRecord | null = null;
  let stack: GoalRecord[] = [];
  let open: ActionRecord | null = null;
  let section: string | undefined;
  let blankBefore = false;
  /** the heading just read, while its title may continue on the next line */
  let heading: { record: { title: string }; raw: string } | null = null;
  let goalsSinceTheme = 0;
  const generatedCount = new Map<string, number>();
  const generatedGoals = new Map<string, number>();

  const close = () => {
    if (open) {
      out.actions.push(open);
      // an action is content of every heading it sits under (a contents list has none)
      for (const goal of stack) goal.content++;
      if (theme) theme.content++;
    }
    open = null;
  };
  const unplace = (line: number, text: string, reason: UnplacedReason) =>
    out.unplaced.push({ line, text: collapseSpaces(stripBold(text)), reason });
  /** a number that does not repeat its parent's (`Doelstelling 5` under theme 2, `1.` under goal 2.5) is read inside it */
  const qualify = (code: string, parent: string | undefined): string => {
    if (!parent || code.startsWith(`${parent}.`)) return code;
    const parts = code.split('.');
    return parts.length <= parent.split('.').length ? `${parent}.${parts[parts.length - 1]}` : code;
  };
  const openGenerated = (goal: GoalRecord, line: number, text: string, raw: string) => {
    const n = (generatedCount.get(goal.code) ?? 0) + 1;
    generatedCount.set(goal.code, n);
    const suffix = c.rules.bulletActions?.codeStyle === 'letter' ? letterCode(n) : String(n);
    open = {
      code: `${goal.code}.${suffix}`,
      line,
      generated: true,
      goal: goal.code,
      ...(section !== undefined && { section }),
      paragraphs: [text.trim()],
      firstText: raw.trim(),
    };
  };
  const innermostGoal = (): GoalRecord | undefined => stack[stack.length - 1];
  const nextMeaningful = (from: number): Line | undefined => {
    for (let j = from; j < classified.length; j++) {
      const next = classified[j];
      if (next && next.kind !== 'blank' && next.kind !== 'noise') return next;
    }
    return undefined;
  };
  const addText = (action: ActionRecord, text: string) => {
    const isItem = c.bullet.test(text);
    const piece = isItem ? `- ${text.replace(c.bullet, '')}` : text;
    const last = action.paragraphs[action.paragraphs.length - 1];
    if (last === undefined || (isItem && last !== '')) {
      action.paragraphs.push(piece);
    } else if (!blankBefore || !endsSentence(last) || /^\p{Ll}/u.test(piece)) {
      action.paragraphs[action.paragraphs.length - 1] = last === '' ? piece : joinBroken(last, piece);
    } else {
      action.paragraphs.push(piece);
    }
  };

  for (let i = 0; i < lines.length; i++) {
    const entry = lines[i]!;
    const line = classified[i]!;
    switch (line.kind) {
      case 'blank':
        blankBefore = true;
        if (heading?.raw !== '') heading = null;
        continue;
      case 'noise':
        continue;
      case 'block': {
        if (line.closed) {
          close();
          break;
        }
        let end = -1;
        for (let j = i + 1; j < Math.min(lines.length, i + MAX_BLOCK_LINES); j++) {
          if (line.end.test(lines[j]!.text.trim())) {
            end = j;
            break;
          }
        }
        if (end < 0) {
          // unterminated: not a block after all
          classified[i] = { kind: 'text', text: entry.text.trim() };
          i--;
          continue;
        }
        close();
        i = end;
        break;
      }
      case 'theme': {
        close();
        theme = {
          code: line.code,
          title: readableTitle(line.title, c.rules.casing),
          line: entry.line,
          toc: line.toc,
          content: 0,
        };
        out.themes.push(theme);
        stack = [];
        goalsSinceTheme = 0;
        if (line.opensBody) inBody = true;
        heading = { record: theme, raw: line.title };
        break;
      }
      case 'goal': {
        close();
        const parent = line.level > 0 ? stack[line.level - 1]?.code : theme?.code;
        // an unnumbered goal (a bold line) is numbered in order under its theme or goal: `1.1`, `1.2`, ...
        let generatedGoal = false;
        if (line.code === '') {
          if (!parent || !inBody || line.toc) break;
          const count = (generatedGoals.get(parent) ?? 0) + 1;
          generatedGoals.set(parent, count);
          line.code = String(count);
          generatedGoal = true;
        }
        const goal: GoalRecord = {
          ...(generatedGoal && { generated: true }),
          code: qualify(line.code, parent ?? theme?.code),
          title: readableTitle(line.title, c.rules.casing),
          line: entry.line,
          level: line.level,
          after: parent ?? theme?.code ?? null,
          toc: line.toc,
          content: 0,
        };
        out.goals.push(goal);
        stack = [...stack.slice(0, line.level), goal];
        section = undefined;
        goalsSinceTheme++;
        if (line.opensBody) inBody = true;
        heading = { record: goal, raw: line.title };
        break;
      }
      case 'action': {
        // a single number as a heading, or with no goal open, is a chapter, not an action
        if ((entry.heading || !innermostGoal()) && chapter(entry, line.code, line.text)) {
          close();
          stack = [];
          section = undefined;
          break;
        }
        close();
        inBody = true;
        open = {
          code: qualify(line.code, innermostGoal()?.code),
          line: entry.line,
          generated: false,
          goal: innermostGoal()?.code ?? null,
          ...(section !== undefined && { section }),
          paragraphs: [],
          firstText: entry.text.trim(),
        };
        if (line.text.trim() !== '') open.paragraphs.push(line.text.trim());
        break;
      }
      case 'bullet': {
        if (!inBody) break;
        close();
        const goal = innermostGoal();
        if (!goal) {
          unplace(entry.line, entry.text, 'action-without-goal');
          break;
        }
        openGenerated(goal, entry.line, line.text, entry.text);
        break;
      }
      case 'boldAction': {
        // a bold run inside a paragraph (the line before it is not blank) continues that paragraph
        if (open && !blankBefore) {
          addText(open, line.text);
          break;
        }
        if (!inBody) break;
        close();
        const goal = innermostGoal();
        if (!goal) {
          unplace(entry.line, entry.text, 'action-without-goal');
          break;
        }
        openGenerated(goal, entry.line, line.text, entry.text);
        break;
      }
      case 'lead': {
        if (theme && goalsSinceTheme === 0 && !open && theme.lead === undefined) {
          theme.lead = collapseSpaces(line.lead);
          break;
        }
        if (open) addText(open, entry.text.trim());
        else if (inBody) unplace(entry.line, entry.text, 'outside-action');
        break;
      }
      case 'bodyEnd': {
        // `# 2. WERK`: a numbered heading in capitals names a theme, it does not end the plan
        const numbered =
          entry.heading && !line.standalone ? /^(\d{1,2})[.)]?\s+(\S.*)$/.exec(entry.text.trim()) : null;
        if (numbered && chapter(entry, numbered[1]!, numbered[2]!)) {
          close();
          stack = [];
          section = undefined;
          break;
        }
        // a chapter name only counts as a heading of its own: inside a paragraph it is text
        if (line.standalone && !blankBefore && i > 0 && classified[i - 1]?.kind !== 'noise') {
          if (open) addText(open, line.text ?? entry.text.trim());
          else if (inBody) unplace(entry.line, entry.text, 'outside-action');
          break;
        }
        close();
        inBody = false;
        theme = null;
        stack = [];
        section = undefined;
        break;
      }
      case 'text': {
        // a heading whose title is on the next line (`BD1` / `Wonen`)
        if (heading && heading.raw === '') {
          heading.raw = line.text;
          heading.record.title = readableTitle(heading.raw, c.rules.casing);
          blankBefore = false;
          continue;
        }
        // a heading broken over two lines: in capitals, or hyphenated, or going on in lowercase
        const continues =
          heading &&
          !blankBefore &&
          ((isAllCaps(heading.raw) && isAllCaps(line.text)) ||
            /\p{L}-$/u.test(heading.raw) ||
            /^\p{Ll}/u.test(line.text));
        if (heading && continues) {
          heading.raw = joinBroken(heading.raw, line.text);
          heading.record.title = readableTitle(heading.raw, c.rules.casing);
          blankBefore = false;
          continue;
        }
        const numbered = entry.heading ? /^(\d{1,2})[.)]?\s+(\S.*)$/.exec(line.text) : null;
        if (numbered && chapter(entry, numbered[1]!, numbered[2]!)) {
          close();
          stack = [];
          section = undefined;
          break;
        }
        if (!inBody) break;
        const sub = c.subheading;
        const ended = open === null || (blankBefore && endsSentence(open.paragraphs.at(-1) ?? '.'));
        if (sub && ended && sub.re.test(line.text) && wordCount(line.text) <= sub.maxWords) {
          const next = nextMeaningful(i + 1);
          if (next && (next.kind === 'action' || (next.kind === 'bullet' && innermostGoal()))) {
            close();
            section = collapseSpaces(line.text);
            break;
          }
        }
        if (open) addText(open, line.text);
        else unplace(entry.line, entry.text, 'outside-action');
        break;
      }
    }
    blankBefore = false;
    if (line.kind !== 'theme' && line.kind !== 'goal') heading = null;
  }
  close();
  return out;
}

/** citizen-idea marks and focus-point tags out of an action's text */
function extractMarks(
  paragraphs: readonly string[],
  c: Compiled,
  focusPoints: readonly string[],
): { paragraphs: string[]; citizenIdea: boolean; tags: string[] } {
  let citizenIdea = false;
  const tags: string[] = [];
  const cleaned = paragraphs.map((paragraph) => {
    let text = paragraph;
    for (const re of c.citizen) {
      re.lastIndex = 0;
      if (re.test(text)) citizenIdea = true;
      re.lastIndex = 0;
      text = text.replace(re, '');
    }
    if (c.tag) {
      c.tag.lastIndex = 0;
      text = text.replace(c.tag, (match: string, ...args: unknown[]) => {
        const groups = args[args.length - 1] as Record<string, string | undefined> | undefined;
        const raw = collapseSpaces(groups?.['tag'] ?? match.replace(/[[\]]/g, ''));
        const tag = canonicalTag(raw, focusPoints, c.rules.focusPointAliases);
        if (!tags.includes(tag)) tags.push(tag);
        return '';
      });
    }
    return collapseSpaces(text);
  });
  return { paragraphs: cleaned.filter((p) => p !== ''), citizenIdea, tags };
}

const fold = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** a tag as the plan's focus point it names (exact, alias, or the focus point containing it), else as written */
function canonicalTag(raw: string, focusPoints: readonly string[], aliases: Record<string, string>): string {
  const key = fold(raw);
  const exact = focusPoints.find((fp) => fold(fp) === key);
  if (exact) return exact;
  const alias = Object.entries(aliases).find(([spelling]) => fold(spelling) === key)?.[1];
  if (alias && (focusPoints.length === 0 || focusPoints.includes(alias))) return alias;
  const containing = focusPoints.filter((fp) => ` ${fold(fp)} `.includes(` ${key} `));
  if (containing.length === 1 && containing[0]) return containing[0];
  return capitalizeFirst(raw);
}

function buildAction(record: ActionRecord, c: Compiled, focusPoints: readonly string[]): ParsedAction | null {
  const marks = extractMarks(record.paragraphs, c, focusPoints);
  const [first = '', ...rest] = marks.paragraphs;
  const [sentence, remainder] = splitFirstSentence(first.replace(/^-\s+/, ''), c.rules.titleSentence);
  const title = cleanTitle(stripBold(sentence));
  if (title === '') return null;
  const paragraphs = [remainder, ...rest].map(stripBold).filter((p) => p.trim() !== '');
  const description = joinParagraphs(paragraphs.map((p, i) => (i === 0 ? capitalizeFirst(p) : p)));
  return {
    code: record.code,
    title,
    description,
    tags: marks.tags,
    citizenIdea: marks.citizenIdea,
    line: record.line,
    ...(record.generated && { codeGenerated: true }),
    ...(record.section !== undefined && { section: record.section }),
  };
}

/** `1.2.3` -> [`1.2`, `1`]: the proper prefixes, longest first */
const prefixes = (code: string): string[] => {
  const parts = code.split('.');
  const out: string[] = [];
  for (let n = parts.length - 1; n >= 1; n--) out.push(parts.slice(0, n).join('.'));
  return out;
};

function assemble(
  records: Walk,
  c: Compiled,
  focusPoints: readonly string[],
): { themes: ParsedTheme[]; unplaced: UnplacedLine[] } {
  const unplaced = [...records.unplaced];
  const used = new Set<string>();
  const themes = new Map<string, ParsedTheme>();
  const goals = new Map<string, ParsedGoal>();
  const claim = (code: string, line: number, text: string): boolean => {
    if (used.has(code)) {
      unplaced.push({ line, text: collapseSpaces(text), reason: 'duplicate-code' });
      return false;
    }
    used.add(code);
    return true;
  };

  // a heading from the table of contents only counts when the body has none with its code
  const inBody = new Set([...records.themes, ...records.goals].filter((r) => !r.toc).map((r) => r.code));
  // a heading repeated without content (a contents list without dot leaders) yields to the one with content
  const withContent = new Set(
    [...records.themes, ...records.goals].filter((r) => r.content > 0).map((r) => r.code),
  );
  const fromBody = <T extends { toc: boolean; code: string; content: number }>(record: T) =>
    (!record.toc || !inBody.has(record.code)) && (record.content > 0 || !withContent.has(record.code));
  const suggestion = (title: string) =>
    isAllCaps(title) && !c.rules.casing.sentenceCaseAllCaps
      ? { titleSentenceCase: sentenceCase(title, c.rules.casing) }
      : {};

  for (const record of records.themes.filter(fromBody)) {
    if (!claim(record.code, record.line, `${record.code} ${record.title}`)) continue;
    themes.set(record.code, {
      code: record.code,
      title: record.title,
      ...suggestion(record.title),
      ...(record.lead !== undefined && { lead: record.lead }),
      line: record.line,
      goals: [],
    });
  }

  for (const record of records.goals.filter(fromBody)) {
    const text = `${record.code} ${record.title}`;
    let parent: ParsedTheme | ParsedGoal | undefined;
    for (const prefix of prefixes(record.code)) {
      parent = goals.get(prefix) ?? themes.get(prefix);
      if (parent) break;
    }
    if (!parent && record.after) parent = goals.get(record.after) ?? themes.get(record.after);
    if (!parent) {
      const top = record.code.split('.')[0];
      if (top && top !== record.code && !used.has(top)) {
        // goals numbered `4.1` with no heading for theme 4: the theme is implied by the codes
        const implied: ParsedTheme = {
          code: top,
          title: records.chapters.get(top) ?? `Thema ${top}`,
          goals: [],
        };
        used.add(top);
        themes.set(top, implied);
        parent = implied;
      }
    }
    if (!parent) {
      unplaced.push({ line: record.line, text, reason: 'goal-without-parent' });
      continue;
    }
    if (!claim(record.code, record.line, text)) continue;
    const goal: ParsedGoal = {
      code: record.code,
      title: record.title,
      ...suggestion(record.title),
      ...(record.generated && { codeGenerated: true }),
      line: record.line,
      goals: [],
      actions: [],
    };
    goals.set(record.code, goal);
    parent.goals.push(goal);
  }

  for (const record of records.actions) {
    const byCode = record.generated
      ? undefined
      : prefixes(record.code)
          .map((p) => goals.get(p))
          .find(Boolean);
    const goal = byCode ?? (record.goal === null ? undefined : goals.get(record.goal));
    if (!goal) {
      unplaced.push({
        line: record.line,
        text: collapseSpaces(record.firstText),
        reason: 'action-without-goal',
      });
      continue;
    }
    const action = buildAction(record, c, focusPoints);
    if (!action) {
      unplaced.push({ line: record.line, text: collapseSpaces(record.firstText), reason: 'empty-action' });
      continue;
    }
    if (!claim(action.code, record.line, record.firstText)) continue;
    goal.actions.push(action);
  }

  unplaced.sort((a, b) => a.line - b.line);
  return { themes: [...themes.values()], unplaced };
}

const countGoals = (goals: readonly ParsedGoal[]): number =>
  goals.reduce((sum, goal) => sum + 1 + countGoals(goal.goals), 0);
const countActions = (goals: readonly ParsedGoal[]): number =>
  goals.reduce((sum, goal) => sum + goal.actions.length + countActions(goal.goals), 0);

function sourceLines(text: string, c: Compiled): SourceLine[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((raw, index) => ({
      line: index + 1,
      text: c.replacements.reduce((acc, r) => acc.replace(r.re, r.with), raw).trimEnd(),
      ...(/^\s{0,3}#{1,6}\s/.test(raw) && { heading: true }),
    }));
}

/** a running header or footer: a short line that is not part of the tree, repeated on at least this many pages */
const MIN_REPEATS = 3;
const MAX_REPEATED_WORDS = 12;

/** lines repeated on many pages (running headers, footers) become noise */
function findRepeatedLines(lines: readonly SourceLine[], c: Compiled): Set<string> {
  const counts = new Map<string, number>();
  for (const { text } of lines) {
    const trimmed = text.trim();
    if (trimmed.length < 4 || wordCount(trimmed) > MAX_REPEATED_WORDS) continue;
    if (classify(trimmed, c).kind !== 'text' || endsSentence(trimmed)) continue;
    const key = repeatKey(trimmed);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => n >= MIN_REPEATS).map(([key]) => key));
}

/** how much of the document's body the rules placed: actions over actions plus what was left unplaced */
function confidenceOf(stats: ParsedPlan['stats'], unplaced: readonly UnplacedLine[]): number {
  if (stats.actions === 0 || stats.goals === 0) return 0;
  const missed = unplaced.reduce((sum, u) => sum + (u.reason === 'outside-action' ? 0.25 : 1), 0);
  return Math.round((100 * stats.actions) / (stats.actions + missed)) / 100;
}

/** parses the plain text of a plan document into its themes, goals and actions; pure */
export function parsePlanDocument(text: string, rules: ImportRules = BRUGES_RULES): ParsedPlan {
  const c = compileRules(rules);
  const lines = sourceLines(text, c);
  for (const key of findRepeatedLines(lines, c)) c.repeated.add(key);
  const plainLines = lines.map((entry) => ({ ...entry, text: stripBold(entry.text) }));
  const { title, periodStart, periodEnd } = parseTitleBlock(plainLines, rules);
  const isStructural = (line: string) => ['theme', 'goal', 'action'].includes(classify(line, c).kind);
  const focusPoints = parseFocusPoints(plainLines, rules, isStructural);
  const partners = parsePartners(plainLines, rules, isStructural);
  const { themes, unplaced } = assemble(walk(lines, c), c, focusPoints);
  if (c.bbc) addBbcCodes(themes, lines, c, c.bbc);
  const goals = themes.flatMap((theme) => theme.goals);
  const stats = { themes: themes.length, goals: countGoals(goals), actions: countActions(goals) };
  return {
    title,
    periodStart,
    periodEnd,
    themes,
    partners,
    focusPoints,
    unplaced,
    stats,
    rules: rules.name,
    confidence: confidenceOf(stats, unplaced),
  };
}

/** The BBC code at the start of each theme's, goal's and action's own line, where the rules read one. */
function addBbcCodes(themes: ParsedTheme[], lines: readonly SourceLine[], c: Compiled, bbc: RegExp): void {
  const textOf = new Map(lines.map((entry) => [entry.line, entry.text]));
  const codeAt = (line: number | undefined): string | undefined => {
    const raw = line === undefined ? undefined : textOf.get(line);
    if (raw === undefined) return undefined;
    const text = stripBold(raw)
      .replace(/^\s{0,3}#{1,6}\s+/, '')
      .trim()
      .replace(c.bullet, '');
    return bbc.exec(text)?.groups?.['bbc']?.replace(/\s+/g, '');
  };
  const visit = (goal: ParsedGoal): void => {
    const code = codeAt(goal.line);
    if (code) goal.bbcCode = code;
    for (const action of goal.actions) {
      const actionCode = codeAt(action.line);
      if (actionCode) action.bbcCode = actionCode;
    }
    goal.goals.forEach(visit);
  };
  for (const theme of themes) {
    const code = codeAt(theme.line);
    if (code) theme.bbcCode = code;
    theme.goals.forEach(visit);
  }
}

export type RulesCandidate = {
  rules: string;
  description: string;
  stats: ParsedPlan['stats'];
  confidence: number;
  score: number;
};

/**
 * Tries every preset on the text and picks the one that builds the fullest tree with the least left unplaced
 * (the earlier preset on a tie; Bruges when none finds anything). `candidates` are all presets, best first,
 * for the preview.
 */
export function chooseRules(
  text: string,
  presets: readonly ImportRules[] = PRESETS,
): { rules: ImportRules; confidence: number; candidates: RulesCandidate[] } {
  const scored = presets.map((rules, index) => {
    const plan = parsePlanDocument(text, rules);
    const structuralMisses = plan.unplaced.filter((u) => u.reason !== 'outside-action').length;
    const score =
      plan.stats.actions === 0
        ? 0
        : plan.stats.themes * 2 + plan.stats.goals * 3 + plan.stats.actions - 2 * structuralMisses;
    return { rules, index, plan, score };
  });
  const ranked = [...scored].sort((a, b) => b.score - a.score || a.index - b.index);
  const best = ranked[0];
  return {
    rules: best && best.score > 0 ? best.rules : BRUGES_RULES,
    confidence: best && best.score > 0 ? best.plan.confidence : 0,
    candidates: ranked.map(({ rules, plan, score }) => ({
      rules: rules.name,
      description: rules.description,
      stats: plan.stats,
      confidence: plan.confidence,
      score,
    })),
  };
}

/** the preset that reads the text best (see `chooseRules`); Bruges when none finds anything */
export function detectRules(text: string, presets: readonly ImportRules[] = PRESETS): ImportRules {
  return chooseRules(text, presets).rules;
}
