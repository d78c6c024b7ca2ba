// The parser's output: a plain, serialisable tree. No ids, no events: the importer's caller maps it
// onto domain commands (AddTheme, AddGoal, AddAction, ...). Codes are the identity used for re-imports.

export type ParsedAction = {
  /** e.g. `1.1.1`; generated (`<goal code>.<n>`) for bulleted actions, see `codeGenerated` */
  code: string;
  /** the first sentence, cleaned: no markdown, no bullet, no trailing dot */
  title: string;
  /** the rest of the action's text, broken lines joined; paragraphs separated by a blank line, list items by a newline */
  description: string;
  /** focus points (aandachtspunten) marked on the action */
  tags: string[];
  /** marked as an idea of residents */
  citizenIdea: boolean;
  /** 1-based line of the action's first line in the source text */
  line: number;
  /** true when the document had no code for this action and the parser numbered it */
  codeGenerated?: boolean;
  /** an unnumbered sub-heading inside the goal the action sits under (e.g. "Preventieve tandzorg") */
  section?: string;
  /** the BBC code in front of the action's line (`AC1.1.2`, `ST01BD06AP01AC02`), when the style has them */
  bbcCode?: string;
};

export type ParsedGoal = {
  /** e.g. `1.1` (the `DOEL` / `OD` label is not part of the code) */
  code: string;
  /** the heading's title; ALL-CAPS is converted to sentence case only when the rules say so */
  title: string;
  /** for a title in capitals that was kept: the same in sentence case, offered by the preview */
  titleSentenceCase?: string;
  /** true when the document had no number for this goal (a bold line) and the parser numbered it */
  codeGenerated?: boolean;
  line: number;
  /** the BBC code in front of the heading (`AP1.1`, `ST01BD06AP01`), when the style has them */
  bbcCode?: string;
  /** sub-goals, any depth */
  goals: ParsedGoal[];
  actions: ParsedAction[];
};

export type ParsedTheme = {
  /** e.g. `1` */
  code: string;
  title: string;
  /** for a title in capitals that was kept: the same in sentence case, offered by the preview */
  titleSentenceCase?: string;
  /** the theme's lead (trekker), when the document names one */
  lead?: string;
  /** line of the heading the theme came from; absent for a theme implied by goal codes only */
  line?: number;
  /** the BBC code in front of the heading (`BD1`, `ST01BD06`), when the style has them */
  bbcCode?: string;
  goals: ParsedGoal[];
};

export type UnplacedReason =
  /** free text inside the plan's body that belongs to no action (theme introductions, stray remarks) */
  | 'outside-action'
  /** an action (numbered or bulleted) with no goal to hang under */
  | 'action-without-goal'
  /** a goal heading whose parent (theme or goal) could not be found */
  | 'goal-without-parent'
  /** a theme, goal or action whose code was already taken; the first one wins */
  | 'duplicate-code'
  /** an action whose text was empty after cleaning */
  | 'empty-action';

export type UnplacedLine = { line: number; text: string; reason: UnplacedReason };

export type ParsedPlan = {
  title: string;
  /** YYYY-MM-DD, as the domain's CreatePlan wants it: `2021-01-01` for a plan "2021-2025" (null when none is named) */
  periodStart: string | null;
  /** YYYY-MM-DD: `2025-12-31` for a plan "2021-2025" */
  periodEnd: string | null;
  themes: ParsedTheme[];
  /** partner organisations named in the document's partner list, in order, duplicates removed */
  partners: string[];
  /** the plan's focus points (aandachtspunten), in order */
  focusPoints: string[];
  unplaced: UnplacedLine[];
  stats: { themes: number; goals: number; actions: number };
  /** name of the rule set used */
  rules: string;
  /** 0..1: the share of the document's body the rules placed (actions against what was left unplaced) */
  confidence: number;
};
