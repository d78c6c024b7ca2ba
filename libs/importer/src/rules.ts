// Import rules are data: one object per document style, no per-city code paths. A pattern is a RegExp or
// its source as a string (compiled with the `u` flag), so a rule set can also be stored as JSON.
// Lines are matched after `replacements` ran and after trimming; numbered headings may carry a bullet
// (`- 1.2.1 ...`), which is stripped before matching. Named groups are the interface: see each field.

export type Pattern = RegExp | string;

export type HeadingRule = {
  /** named groups `code` (e.g. `1.2`) and `title` */
  pattern: Pattern;
  /** false for a heading that also occurs outside the plan's body (a table of contents): it does not open the body */
  opensBody?: boolean;
};

export type ImportRules = {
  name: string;
  description: string;
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

const COMMON_REPLACEMENTS: ImportRules['replacements'] = [
  // markdown bold, often unbalanced after PDF extraction (`- 1.2.1 Title.** Text`)
  { pattern: /\*\*/g, with: '' },
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
  /^(?:pagina|p\.|blz\.?)\s*\d+(?:\s*(?:van|\/)\s*\d+)?$/i,
];

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
    pattern: /^Actieplan\s+(?<code>\d+)\s*[:.]\s*(?<title>[^\t]+?)(?:\t+\d*)?$/,
    opensBody: false,
  },
  goalHeadings: [{ pattern: /^DOEL\s+(?<code>\d+\.\d+)\.?\s+(?<title>\S.*)$/ }],
  actionLine: /^(?<code>\d+\.\d+\.\d+)\.?(?=\s|$)\s*(?<text>.*)$/,
  subheading: { pattern: /^\p{Lu}[^.!?:;“”"]*$/u, maxWords: 10 },
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

/**
 * Plans written with strategic and operational goals: `SD 1 Title`, `OD 1.2 Title` (with or without a dot
 * after the number, code or title possibly in **bold**), actions as bullets (`- text`, `• text`) under
 * operational goals. A strategic goal becomes a theme (code `1`), an operational goal a goal (code `1.2`),
 * a bulleted action gets the generated code `1.2.1`, `1.2.2`, ... in document order (`codeGenerated: true`).
 * Numbered actions (`Actie 1.2.1 ...` or `1.2.1 ...`) keep their own code.
 */
export const STRATEGIC_OPERATIONAL_RULES: ImportRules = {
  ...BRUGES_RULES,
  name: 'strategic-operational',
  description: 'SD N / OD N.N goals with bulleted actions',
  noiseLines: COMMON_NOISE,
  themeHeading: {
    pattern: /^(?:SD|Strategische\s+doelstelling)\s*(?<code>\d+)\s*[.:)]?(?:\s*[-–:]\s*|\s+)(?<title>\S.*)$/i,
  },
  goalHeadings: [
    {
      pattern:
        /^(?:OD|Operationele\s+doelstelling)\s*(?<code>\d+(?:\.\d+)+)\s*[.:)]?(?:\s*[-–:]\s*|\s+)(?<title>\S.*)$/i,
    },
  ],
  actionLine: /^(?:Actie\s+)?(?<code>\d+\.\d+\.\d+)\.?(?=\s)\s*(?<text>\S.*)$/,
  bulletActions: { pattern: /^[-•–*]\s+(?<text>\S.*)$/, codeStyle: 'number' },
  casing: { ...BRUGES_RULES.casing, properNouns: [] },
};

export const PRESETS: readonly ImportRules[] = [BRUGES_RULES, STRATEGIC_OPERATIONAL_RULES];
