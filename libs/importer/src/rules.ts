// Import rules are data: one object per document style, no per-city code paths. A pattern is a RegExp or
// its source as a string (compiled with the `u` flag), so a rule set can also be stored as JSON.
// Lines are matched after `replacements` ran and after trimming; numbered headings may carry a bullet
// (`- 1.2.1 ...`), which is stripped before matching. Named groups are the interface: see each field.

export type Pattern = RegExp | string;

export type HeadingRule = {
  /** named groups `code` (e.g. `1.2`) and `title` (a second alternative of the pattern may name them `code2`, `title2`) */
  pattern: Pattern;
  /** false for a heading that also occurs outside the plan's body (a table of contents): it does not open the body */
  opensBody?: boolean;
};

export type ImportRules = {
  name: string;
  description: string;
  /**
   * the BBC code (BBC 2020: `BD1`, `AP1.2`, `AC1.2.3`, or a city's own like `ST01BD06AP01`) at the start of a
   * theme's, goal's or action's line, in a group `bbc` (spaces taken out); absent: the style has none
   */
  bbcCode?: Pattern;
  /** applied in order to every line before anything else (markdown bold, footnote markers, extraction debris) */
  replacements: { pattern: Pattern; with: string }[];
  /** lines dropped entirely, wherever they are (page numbers, running headers) */
  noiseLines: Pattern[];
  /**
   * multi-line blocks dropped entirely (e.g. residents' quotes between action plans); a block starts on a line
   * matching `start` and ends on the first line (the same one included) matching `end`; it closes the action before it
   */
  noiseBlocks: { start: Pattern; end: Pattern }[];
  /** a list bullet at the start of a line (`- `, `• `) */
  bullet: Pattern;
  /** top level: an action plan / theme (Bruges `Actieplan 1: ...`) or a strategic goal (`SD 1 ...`) */
  themeHeading?: HeadingRule;
  /** goal levels, outermost first; a goal hangs under the goal or theme whose code is its prefix, else under the last heading of the level above */
  goalHeadings: HeadingRule[];
  /** a numbered action line: named groups `code` and `text` (the rest of the line) */
  actionLine?: Pattern;
  /**
   * a paragraph that starts with a bold run (`**Title.** Description`, marked by the replacements with
   * `BOLD_END`) inside a goal is a new action, numbered like a bulleted one
   */
  boldActions?: boolean;
  /**
   * a table-of-contents line: a heading followed by dot leaders (or a tab) and a page number. The leaders are
   * cut off; a heading read from such a line is only used when the body has no heading with the same code,
   * any other such line is dropped
   */
  tocLine?: Pattern;
  /**
   * chapters that are not part of the plan (introduction, situering, budget, annexes): a short line standing
   * alone (after a blank line) or a theme heading whose title matches ends the plan's body, it is never a theme
   */
  nonPlanChapter?: Pattern;
  /**
   * bulleted actions: a line matching `pattern` (named group `text`) inside a goal is a new action of the
   * innermost open goal; its code is generated: `<goal code>.<n>` (`1.2.1`) or `<goal code>.<letter>` (`1.2.a`)
   */
  bulletActions?: { pattern: Pattern; codeStyle: 'number' | 'letter' };
  /** an unnumbered heading inside a goal (becomes `section` of the actions under it); only when an action follows */
  subheading?: { pattern: Pattern; maxWords: number };
  /** a line that ends the plan's body (the closing chapters); text after it is not reported as unplaced */
  bodyEnd: Pattern[];
  /** the line naming a theme's lead, right under the theme heading: named group `lead` */
  themeLead?: Pattern;
  /** how an action's title (its first sentence) is cut off */
  titleSentence: {
    /** characters that end a sentence when followed by a space; a `.` followed by a lowercase word does not */
    terminators: string;
    /** words before a `.` that do not end a sentence (`bv`, `o.a`), lowercase */
    abbreviations: string[];
    /** words before a `:` that make it introduce a list rather than end a title (`... zetten in op: A, B`), lowercase */
    colonContinuesAfter: string[];
  };
  casing: {
    /** ALL-CAPS goal and theme titles (and the plan's title) become sentence case */
    sentenceCaseAllCaps: boolean;
    /** words kept in capitals by the sentence casing (acronyms) */
    keepUppercase: string[];
    /** words kept capitalised by the sentence casing (place names) */
    properNouns: string[];
  };
  /** text marking an action as an idea of residents; removed from the action's text */
  citizenIdeaMarkers: Pattern[];
  /** a focus-point tag inside an action's text (named group `tag`); removed from the text */
  tagMarker?: Pattern;
  /** tag spelling (lowercase) -> focus point name, for tags that are not a focus point's name */
  focusPointAliases: Record<string, string>;
  /** the plan's title: the blocks of text at the top, up to the line naming the period (named groups `start`, `end`) */
  titleBlock: { period: Pattern; maxLines: number };
  /** the section listing the focus points: each short heading line or bullet item in it is one focus point */
  focusPointsSection?: { start: Pattern; end: Pattern; item: Pattern; maxWords: number };
  /** the section listing partner organisations: comma-separated lines of at least `minItems` names, or bullet items */
  partnersSection?: { start: Pattern; end: Pattern; minItems: number };
};

/** a line in capitals only (at least 5 capitals, no comma, at most 12 words): a chapter heading */
export const ALL_CAPS_HEADING = /^(?=(?:[^\p{Ll}]*\p{Lu}){5})(?!.*,)(?!(?:\S+\s+){12})[^\p{Ll}]+$/u;

/**
 * marks the end of a leading bold run (`**1.1.1. Title.** Text`, `**Title** Text`): an action's title ends
 * there or at its first full stop, whichever comes first. Set by the replacements, never shown.
 */
export const BOLD_END = '\u2063';

const COMMON_REPLACEMENTS: ImportRules['replacements'] = [
  // markdown headings at any level (`## DOEL 5.1. ...`): the text decides what a line is
  { pattern: /^\s{0,3}#{1,6}\s+/, with: '' },
  { pattern: /^\s{0,3}#{1,6}$/, with: '' },
  // markdown bold as `__text__`
  { pattern: /__(\S[^_]*\S)__/g, with: '**$1**' },
  // a leading bold run followed by a new sentence, or a bold line ending a sentence: the end of a title
  {
    pattern: /^(\s*(?:[-•–*]\s+)?)\*\*([^*]*\p{L}[^*]*?)\*\*(?=\s+[\p{Lu}\d])/u,
    with: `$1$2${BOLD_END}`,
  },
  { pattern: /^(\s*(?:[-•–*]\s+)?)\*\*([^*]*\p{L}[^*]*[.!?])\*\*\s*$/u, with: `$1$2${BOLD_END}` },
  // markdown bold, often unbalanced after PDF extraction (`- 1.2.1 Title.** Text`)
  { pattern: /\*\*/g, with: '' },
  // markdown italics (`*Actie 1.1.1* Title`); a `* ` bullet is no italic
  { pattern: /(?<![*\p{L}\p{N}])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![*\p{L}\p{N}])/gu, with: '$1' },
  // footnote markers: ⁽¹⁾, ⁸
  { pattern: /\s*⁽[⁰¹²³⁴⁵⁶⁷⁸⁹]+⁾/g, with: '' },
  { pattern: /\s*[⁰¹²³⁴⁵⁶⁷⁸⁹]+(?=\s|$|[.,;:)])/g, with: '' },
  // LaTeX debris from PDF-to-markdown converters: `$\leq 66\%$`
  { pattern: /\$\\leq\s*([^$]*?)\$/g, with: '≤ $1' },
  { pattern: /\$\\geq\s*([^$]*?)\$/g, with: '≥ $1' },
  { pattern: /\\%/g, with: '%' },
  { pattern: /\t+\s*$/g, with: '' },
  { pattern: /\f/g, with: '' },
];

const COMMON_NOISE: Pattern[] = [
  /^\d{1,3}$/, // page number
  /^[-–—|]\s*\d{1,3}\s*[-–—|]$/, // - 3 -
  /^\d{1,3}\s*(?:\/|van)\s*\d{1,3}$/i, // 3/40, 3 van 40
  /^(?:pagina|page|p\.|blz\.?)\s*\d+(?:\s*(?:van|of|\/)\s*\d+)?$/i,
  /^(?:-{3,}|\*{3,}|_{3,})$/, // markdown rules
  /^!\[[^\]]*\]\([^)]*\)$/, // markdown images
  /^<!--.*-->$/, // comments left by converters
];

/** dot leaders (or a tab) and a page number at the end of a line: a table of contents */
const TOC_LINE: Pattern = /(?:\s*(?:\.\s?){3,}|\s*…+\s*|\s*_{3,}|\t+)\s*\d{1,3}\s*$/u;

/** chapters that are not part of the plan: never themes, they close the plan's body */
const NON_PLAN_CHAPTER: Pattern =
  /^(?:(?:hoofdstuk\s+)?\d{1,2}\.?\s+)?(?:inleiding|voorwoord|woord\s+vooraf|leeswijzer|situering|context|omgevingsanalyse|missie|visie|budget|begroting|financi\p{L}*|bijlagen?|annex\p{L}*|colofon|woordenlijst|afkortingen|lijst\s+van\s+afkortingen|inhoud|inhoudstafel|inhoudsopgave|verantwoording|methodiek|werkwijze|opvolging|evaluatie|conclusie|bronnen|referenties)(?:\s+\S+){0,3}\s*:?$/iu;

const TITLE_SENTENCE: ImportRules['titleSentence'] = {
  terminators: '.!?:',
  colonContinuesAfter: [
    'op',
    'aan',
    'van',
    'voor',
    'in',
    'met',
    'naar',
    'bij',
    'over',
    'tot',
    'om',
    'door',
    'zoals',
    'de',
    'het',
    'een',
    'en',
    'of',
  ],
  abbreviations: [
    'bv',
    'vb',
    'bijv',
    'o.a',
    'o.m',
    'i.e',
    'e.d',
    'cf',
    'art',
    'etc',
    'nr',
    'afd',
    'ism',
    'i.s.m',
    'st',
    'dr',
    'mr',
    'min',
    'max',
    'incl',
    'excl',
    'ca',
  ],
};

const KEEP_UPPERCASE = [
  'OCMW',
  'CAW',
  'VDAB',
  'CLB',
  'ELZ',
  'GBO',
  'LGBTQ+',
  'SES',
  'GGZ',
  'VAPH',
  'IFG',
  'AED',
  'PC',
  'NEC',
  'TWE',
  'AMA',
  'SDG',
  'BBC',
  'LSB',
  'ICT',
];

const CITIZEN_IDEA_MARKERS: Pattern[] = [
  /\s*\((?:idee\s+(?:van\s+)?)?(?:de\s+)?(?:inwoners?|burgers?)\)/i,
  /\s*\[(?:idee\s+(?:van\s+)?)?(?:de\s+)?(?:inwoners?|burgers?)\]/i,
  /\s*\((?:inwoners|burger)idee\)/i,
];

const FOCUS_POINT_ALIASES: Record<string, string> = {
  armoede: 'Tegen (kinder)armoede',
  kinderarmoede: 'Tegen (kinder)armoede',
  doelgroepen: 'Verschillende doelgroepen, drempels, buurten',
  buurten: 'Verschillende doelgroepen, drempels, buurten',
  drempels: 'Verschillende doelgroepen, drempels, buurten',
  beleidsdomeinen: 'In alle beleidsdomeinen',
};

/**
 * Bruges, "Brugge draait om mensen" (2021-2025): `Actieplan 1: Title` (in the table of contents only),
 * `DOEL 1.1. TITLE IN CAPITALS`, `1.1.1. First sentence. Description`, residents' quotes between action plans.
 */
export const BRUGES_RULES: ImportRules = {
  name: 'bruges',
  description: 'Actieplan N / DOEL N.N. / N.N.N. numbered actions (Brugge draait om mensen)',
  replacements: COMMON_REPLACEMENTS,
  noiseLines: [...COMMON_NOISE, /^BRUGGE\s+DRAAIT\s+OM\s+MENSEN$/],
  noiseBlocks: [{ start: /^\*?“/, end: /”\*?\.?\s*$/ }],
  bullet: /^[-•–*]\s+/,
  themeHeading: {
    pattern: /^Actieplan\s+(?<code>\d+)\s*[:.–-]\s*(?<title>[^\t]+?)(?:\t+\d*)?$/,
    opensBody: false,
  },
  goalHeadings: [{ pattern: /^DOEL\s+(?<code>\d+\.\d+)\.?\s+(?<title>\S.*)$/ }],
  actionLine: /^(?<code>\d+\.\d+\.\d+)\.?(?=\s|$)\s*(?<text>.*)$/,
  subheading: { pattern: /^\p{Lu}[^.!?:;“”"]*$/u, maxWords: 10 },
  tocLine: TOC_LINE,
  nonPlanChapter: NON_PLAN_CHAPTER,
  bodyEnd: [ALL_CAPS_HEADING],
  themeLead: /^(?:Trekker|Trekkers|Lead)\s*:\s*(?<lead>\S.*)$/i,
  titleSentence: TITLE_SENTENCE,
  casing: {
    sentenceCaseAllCaps: true,
    keepUppercase: KEEP_UPPERCASE,
    properNouns: [
      'Brugge',
      'Brugse',
      'Bruggeling',
      'Bruggelingen',
      'Zeebrugge',
      'Vlaanderen',
      'Vlaamse',
      'Europese',
    ],
  },
  citizenIdeaMarkers: CITIZEN_IDEA_MARKERS,
  tagMarker: /\s*\[(?<tag>[^\]\n]{2,60})\]/g,
  focusPointAliases: FOCUS_POINT_ALIASES,
  titleBlock: { period: /\b(?<start>(?:19|20)\d{2})\s*[-–]\s*(?<end>(?:19|20)\d{2})\b/, maxLines: 40 },
  focusPointsSection: {
    start: /^(?:DE\s+\d+\s+)?AANDACHTSPUNTEN:?$/i,
    end: ALL_CAPS_HEADING,
    item: /^\p{Lu}[^.!?:;]*$/u,
    maxWords: 8,
  },
  partnersSection: { start: /^PARTNERS\b[^\t]*$/, end: ALL_CAPS_HEADING, minItems: 5 },
};

/** a code of one or more numbers, with spaces tolerated around the dots (`1.2`, `1. 1`) */
const CODE = String.raw`\d{1,2}(?:\s?\.\s?\d{1,2})*`;
/** a code of at least two numbers */
const SUBCODE = String.raw`\d{1,2}(?:\s?\.\s?\d{1,2})+`;
/** after the code: a separator and a title (or nothing: the title is on the next line) */
const title = (start: string) => String.raw`\.?(?:(?:\s*[:.)|–—-]\s*|\s+)(?<title>${start}.*?))?\s*$`;
/** a label as written at the start of a heading: `Doelstelling`, `DOELSTELLING` or `doelstelling` */
const spelled = (label: string): string =>
  [label, label.toUpperCase(), label.toLowerCase()]
    .map((form) => form.replace(/ /g, String.raw`\s+`))
    .join('|');
/**
 * a numbered heading: abbreviations (`SD`, `OD`, `BD`) as written, followed by any title; labels written in
 * full (`Beleidsdoelstelling`) only with a title starting with a capital, so a sentence that names one is no heading
 */
const heading = (abbreviations: string[], labels: string[], code: string, labelCode = code): RegExp => {
  const open = String.raw`[\p{L}"'‘“(]`;
  const capital = String.raw`[\p{Lu}"'‘“(]`;
  const alternatives = [
    ...(abbreviations.length > 0
      ? [String.raw`(?:${abbreviations.join('|')})\s?(?<code>${code})${title(open)}`]
      : []),
    ...(labels.length > 0
      ? [
          String.raw`(?:${labels.map(spelled).join('|')})\s+(?<code2>${labelCode})${title(capital).replace('<title>', '<title2>')}`,
        ]
      : []),
  ];
  return new RegExp(String.raw`^(?:${alternatives.join('|')})`, 'u');
};

/** list bullets, including the private-use glyphs of Symbol and Wingdings fonts that PDF extraction leaves */
const BULLETS = '-•–*▪◦●■►○➢✓\uF0B7\uF0A7\uF0D8\uF0FC';

const BULLET_ACTIONS: ImportRules['bulletActions'] = {
  pattern: new RegExp(`^[${BULLETS}]\\s+(?<text>\\S.*)$`, 'u'),
  codeStyle: 'number',
};

/** rules shared by the presets below: any markdown level, bold-run and bulleted actions, capitals kept */
const GENERIC: Omit<ImportRules, 'name' | 'description' | 'goalHeadings'> = {
  ...BRUGES_RULES,
  noiseLines: COMMON_NOISE,
  noiseBlocks: [],
  bullet: new RegExp(`^[${BULLETS}]\\s+`, 'u'),
  boldActions: true,
  bulletActions: BULLET_ACTIONS,
  casing: { ...BRUGES_RULES.casing, sentenceCaseAllCaps: false, properNouns: [] },
};

/**
 * Plans written with strategic and operational goals: `SD 1 Title`, `OD 1.2 Title`, `OD 1. 1. Title` (with
 * or without a dot or a dash after the number, in **bold** or as a markdown heading), actions as bullets
 * (`- text`, `• text`), bold runs or numbered lines under operational goals. A strategic goal becomes a theme
 * (code `1`), an operational goal a goal (code `1.2`), a bulleted action gets the generated code `1.2.1`,
 * `1.2.2`, ... in document order (`codeGenerated: true`). Numbered actions (`Actie 1.2.1 ...` or `1.2.1 ...`)
 * keep their own code.
 */
export const STRATEGIC_OPERATIONAL_RULES: ImportRules = {
  ...GENERIC,
  name: 'strategic-operational',
  description: 'SD N / OD N.N goals with bulleted, bold or numbered actions',
  themeHeading: { pattern: heading(['SD'], ['Strategische doelstelling'], String.raw`\d{1,2}`) },
  // `OD 5` numbered through the whole document is read inside its strategic goal (`2.5`)
  goalHeadings: [{ pattern: heading(['OD'], ['Operationele doelstelling'], CODE) }],
  // `1.2.1 ...`, `Actie 1.2.1: ...`, or `Actie 3: ...` / `3. ...` / `3) ...` under a goal (read inside it: `1.2.3`)
  actionLine: new RegExp(
    String.raw`^(?:Actie\s+)?(?<code>\d{1,2}(?:\s?\.\s?\d{1,2}){2,}|(?<=^Actie\s+)\d{1,2}(?:\s?\.\s?\d{1,2})?|\d{1,2}(?=[.)]\s))[.)]?(?:\s*[:–-])?(?=\s)\s*(?<text>\S.*)$`,
    'u',
  ),
};

/**
 * A multi-year plan in the codes of the BBC 2020 (beleids- en beheerscyclus): `BD1` beleidsdoelstelling →
 * theme `1`, `AP1.1` actieplan → goal `1.1`, `AC1.1.1` actie → action `1.1.1`; the labels may be written in full.
 */
export const BBC_RULES: ImportRules = {
  ...GENERIC,
  name: 'bbc',
  description: 'BD N / AP N.N / AC N.N.N (beleidsdoelstelling, actieplan, actie of the BBC 2020)',
  bbcCode: /^(?<bbc>(?:BD|AP|AC)\s?\d{1,2}(?:\s?\.\s?\d{1,2})*)(?![\d.]*\d)/u,
  themeHeading: { pattern: heading(['BD'], ['Beleidsdoelstelling'], String.raw`\d{1,2}`) },
  // `AP 7` numbered through the document is read inside its beleidsdoelstelling; `Actieplan` in full needs `1.1`
  goalHeadings: [{ pattern: heading(['AP'], ['Actieplan'], CODE, SUBCODE) }],
  actionLine: new RegExp(
    String.raw`^(?:AC|Actie)\s?(?<code>\d{1,2}(?:\s?\.\s?\d{1,2}){2,})\.?(?:\s*[:.)–—-])?\s*(?<text>.*)$`,
    'iu',
  ),
};

/** a city's own composite code: two-letter parts with numbers, `ST01BD06`, `ST01BD06AP01`, `ST01BD06AP01AC02` */
const CITY_PART = String.raw`[A-Z]{2}\d{1,3}`;
const cityHeading = (level: string): RegExp =>
  new RegExp(String.raw`^(?:${CITY_PART})*?${level}\s*[:.)–—-]?\s+(?<title>\p{Lu}.*?)\s*$`, 'u');

/**
 * A city's own composite BBC codes, each level's code in front of the line: `ST01BD06 Title` (a
 * beleidsdoelstelling, the theme), `ST01BD06AP01 Title` (an actieplan, the goal), `ST01BD06AP01AC02 Text`
 * (an action). The tree codes are the numbers of BD, AP and AC (`6`, `6.1`, `6.1.2`); the whole code is kept as
 * the node's BBC code.
 */
export const BBC_CITY_RULES: ImportRules = {
  ...GENERIC,
  name: 'bbc-city',
  description: "a city's own composite BBC codes (ST01BD06 / ST01BD06AP01 / ST01BD06AP01AC02)",
  bbcCode: new RegExp(String.raw`^(?<bbc>(?:${CITY_PART}){2,})(?![\dA-Za-z])`, 'u'),
  themeHeading: { pattern: cityHeading(String.raw`BD0*(?<code>\d{1,3})`) },
  goalHeadings: [{ pattern: cityHeading(String.raw`BD\d{1,3}AP0*(?<code>\d{1,3})`) }],
  actionLine: new RegExp(
    String.raw`^(?:${CITY_PART})*?BD\d{1,3}AP\d{1,3}AC0*(?<code>\d{1,3})\s*[:.)–—-]?\s+(?<text>\p{Lu}.*)$`,
    'u',
  ),
};

/**
 * Themes and goals by name: `Thema 1: Wonen`, `Actieplan 3 – Title`, `Hoofdstuk 2`, `Pijler 1`, ... as
 * themes; `Doelstelling 2: Title`, `DOEL 5.1. TITLE`, `Doel 1.2` as goals (a goal numbered through the
 * whole document, `Doelstelling 5` under theme 2, gets the code `2.5`); actions as numbered lines (`1.2.1`,
 * or `1.`/`1)` under a goal: `<goal>.1`), bold runs or bullets.
 */
export const THEMES_GOALS_RULES: ImportRules = {
  ...GENERIC,
  name: 'themes-goals',
  description:
    'Thema / Actieplan N with Doelstelling / DOEL N(.N) goals and numbered, bold or bulleted actions',
  themeHeading: {
    pattern: heading(
      [],
      [
        'Thema',
        'Actieplan',
        'Hoofdstuk',
        'Pijler',
        'Speerpunt',
        'Beleidsdomein',
        'Domein',
        'Prioriteit',
        'Ambitie',
        'Werf',
      ],
      String.raw`\d{1,2}`,
    ),
  },
  goalHeadings: [{ pattern: heading([], ['Doelstelling', 'Subdoelstelling', 'Doel'], CODE) }],
  actionLine: new RegExp(
    String.raw`^(?:Actie\s+)?(?<code>\d{1,2}(?:\s?\.\s?\d{1,2}){1,3}|\d{1,2}(?=[.)]\s))[.)]?(?:\s*[:–-])?(?=\s|$)\s*(?<text>.*)$`,
    'u',
  ),
};

/** a numbered heading without a label: a capital, at most 12 words, no full stop at the end */
const BARE_TITLE = String.raw`(?<title>\p{Lu}(?:(?!\.\s*$)[^\t]){1,120}?)\s*$`;

/**
 * A plan numbered without labels: `1. Wonen` (theme), `1.1 Betaalbaar huren` (goal), `1.1.1 Een actie.`
 * (action, or bullets and bold runs under the goal). A heading is short and has no full stop at its end.
 */
export const NUMBERED_RULES: ImportRules = {
  ...GENERIC,
  name: 'numbered',
  description: 'N. Theme / N.N Goal / N.N.N action, numbers without labels',
  themeHeading: { pattern: new RegExp(String.raw`^(?<code>\d{1,2})[.)]?\s+${BARE_TITLE}`, 'u') },
  goalHeadings: [{ pattern: new RegExp(String.raw`^(?<code>\d{1,2}\.\d{1,2})\.?\s+${BARE_TITLE}`, 'u') }],
  actionLine: new RegExp(String.raw`^(?<code>\d{1,2}\.\d{1,2}\.\d{1,2})\.?(?=\s|$)\s*(?<text>.*)$`, 'u'),
};

/** marks a line that is one bold run and nothing else (set by the bold-goals replacements, never shown) */
export const BOLD_LINE = '\u2064';

/**
 * A plan written in a word processor: numbered chapter headings as themes (`1. Wonen`, `Thema 1: Wonen`), goals
 * as lines in bold without a number (`**Betaalbaar huren**`, numbered `1.1`, `1.2`, ... in order and marked
 * as such), actions as bullets (or numbered lines) under them.
 */
export const BOLD_GOALS_RULES: ImportRules = {
  ...GENERIC,
  name: 'bold-goals',
  description: 'N. Theme headings, goals as unnumbered bold lines, actions as bullets',
  replacements: [
    // a whole line in bold without a full stop at its end, not a list item: a goal heading
    { pattern: /^\s{0,3}\*\*(\p{Lu}[^*]{1,150}?[^*.!?:;,\s])\*\*\s*$/u, with: `${BOLD_LINE}$1` },
    ...COMMON_REPLACEMENTS,
  ],
  themeHeading: {
    pattern: new RegExp(
      String.raw`^(?:(?:Thema|Hoofdstuk|Domein|Beleidsdomein)\s+)?(?<code>\d{1,2})[.):]?\s+(?:[–-]\s+)?${BARE_TITLE}`,
      'u',
    ),
  },
  goalHeadings: [{ pattern: new RegExp(String.raw`^${BOLD_LINE}(?<title>\p{Lu}.{0,150}?)\s*$`, 'u') }],
  actionLine: new RegExp(String.raw`^(?<code>\d{1,2}\.\d{1,2}\.\d{1,2})\.?(?=\s|$)\s*(?<text>.*)$`, 'u'),
};

/** the presets `detectRules` tries, in order of preference on a tie: the generic ones keep capitals */
export const PRESETS: readonly ImportRules[] = [
  STRATEGIC_OPERATIONAL_RULES,
  BBC_RULES,
  BBC_CITY_RULES,
  THEMES_GOALS_RULES,
  BRUGES_RULES,
  NUMBERED_RULES,
  BOLD_GOALS_RULES,
];
