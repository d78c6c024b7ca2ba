import { readFileSync } from 'node:fs';
import { EXPECTED_PLANS } from '../../../test/fixtures/plans/expected.js';
import { chooseRules, detectRules, parsePlanDocument } from './parse.js';
import {
  BBC_RULES,
  BOLD_GOALS_RULES,
  BRUGES_RULES,
  STRATEGIC_OPERATIONAL_RULES,
  THEMES_GOALS_RULES,
} from './rules.js';
import type { ParsedAction, ParsedPlan } from './types.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/plans/${name}`, import.meta.url), 'utf8');

const treeOf = (plan: ParsedPlan): string[] =>
  plan.themes.flatMap((theme) => [
    `${theme.code} ${theme.title}`,
    ...theme.goals.flatMap((goal) => [
      `${goal.code} ${goal.title}`,
      ...goal.actions.map((action) => `${action.code} ${action.title}`),
    ]),
  ]);

const actionsOf = (plan: ParsedPlan): Map<string, ParsedAction> =>
  new Map(plan.themes.flatMap((t) => t.goals.flatMap((g) => g.actions)).map((a) => [a.code, a]));

describe.each(EXPECTED_PLANS)('the fixture $file ($style)', (expected) => {
  const text = fixture(expected.file);
  const choice = chooseRules(text);
  const plan = parsePlanDocument(text, choice.rules);

  it('is read with the expected rules, chosen automatically, with a confidence', () => {
    expect(choice.rules.name).toBe(expected.rules);
    expect(choice.confidence).toBeGreaterThan(0.9);
    expect(plan.confidence).toBe(choice.confidence);
    expect(choice.candidates[0]?.rules).toBe(expected.rules);
  });

  it('gives exactly the expected counts, title and tree', () => {
    expect(plan.title).toBe(expected.title);
    expect(plan.stats).toEqual(expected.stats);
    expect(treeOf(plan)).toEqual(expected.tree);
  });

  it('leaves no theme, goal or action unplaced', () => {
    expect(plan.unplaced.filter((u) => u.reason !== 'outside-action')).toHaveLength(
      expected.unplacedStructure,
    );
  });
});

describe('plan styles in detail', () => {
  it('a PDF text layer: running headers and page numbers dropped, hyphenated lines joined, capitals offered in sentence case', () => {
    const text = fixture('pdf-extract-hoofdletters.txt');
    expect(text).toContain('Beleidsplan Haverdal 2026-2031                                   pagina 4');
    expect(text).toContain('brand-\nweerkazerne');
    const plan = parsePlanDocument(text, STRATEGIC_OPERATIONAL_RULES);
    expect([plan.periodStart, plan.periodEnd]).toEqual(['2026-01-01', '2031-12-31']);
    expect(plan.themes[0]).toMatchObject({
      title: 'IEDEREEN EEN BETAALBARE WONING',
      titleSentenceCase: 'Iedereen een betaalbare woning',
    });
    expect(plan.themes[0]!.goals[1]).toMatchObject({
      code: '1.2',
      title: 'DAKLOOSHEID VOORKOMEN',
      titleSentenceCase: 'Dakloosheid voorkomen',
    });
    // an action continued after a page break keeps its goal; numbered actions keep their codes
    expect(actionsOf(plan).get('1.2.3')?.title).toBe(
      'Een nachtopvang in de winter, samen met de buurgemeenten',
    );
    expect([...actionsOf(plan).values()].some((a) => a.codeGenerated)).toBe(false);
    expect(plan.unplaced).toEqual([]);
  });

  it('a Word plan: unnumbered bold lines are goals numbered in order and marked as such', () => {
    const plan = parsePlanDocument(fixture('word-vette-doelen.md'), BOLD_GOALS_RULES);
    const goals = plan.themes.flatMap((t) => t.goals);
    expect(goals.map((g) => [g.code, g.codeGenerated])).toEqual([
      ['1.1', true],
      ['1.2', true],
      ['2.1', true],
      ['2.2', true],
      ['2.3', true],
    ]);
    expect([...actionsOf(plan).values()].every((a) => a.codeGenerated === true)).toBe(true);
    // the introduction and the budget chapter are not themes
    expect(plan.themes.map((t) => t.title)).toEqual(['Wonen', 'Zorg en ondersteuning']);
    // other plans keep their own rules: a bold line is no goal for them
    expect(chooseRules(fixture('vetgedrukte-acties.md')).rules.name).toBe('strategic-operational');
  });

  it('BBC codes: BD / AP / AC, a sentence naming a goal is no heading, the budget chapter is not read', () => {
    const plan = parsePlanDocument(fixture('bbc-meerjarenplan.txt'), BBC_RULES);
    const actions = actionsOf(plan);
    expect(actions.get('1.1.1')?.description).toBe(
      'We benaderen eigenaars van leegstaande panden via de dienst wonen.',
    );
    expect(actions.get('2.2.2')?.citizenIdea).toBe(true);
    expect(plan.unplaced).toEqual([
      {
        line: 26,
        text: 'Beleidsdoelstelling 2 vraagt samenwerking met alle partners.',
        reason: 'outside-action',
      },
    ]);
    expect([plan.periodStart, plan.periodEnd]).toEqual(['2026-01-01', '2031-12-31']);
  });

  it('a table of contents is never a source of titles: the body wins, nothing is found twice', () => {
    const text = fixture('jaarplan-sd-od.txt');
    // the contents say "Eenzaamheid doorbreken", the body "Eenzaamheid bij ouderen doorbreken"
    expect(text).toContain('OD 1.2 Eenzaamheid doorbreken ....');
    const plan = parsePlanDocument(text, STRATEGIC_OPERATIONAL_RULES);
    const goals = plan.themes.flatMap((t) => t.goals);
    expect(goals.map((g) => [g.code, g.title])).toContainEqual(['1.2', 'Eenzaamheid bij ouderen doorbreken']);
    expect(goals.map((g) => g.line)).toEqual([25, 31, 38, 43, 52]);
    expect(plan.unplaced).toEqual([]);
    // `OD 1. 1.`: spaces inside the number
    expect(goals[0]).toMatchObject({ code: '1.1', title: 'Ontmoeting in elke wijk' });
    // unnumbered bullets are numbered in order and marked as such
    expect([...actionsOf(plan).values()].every((a) => a.codeGenerated === true)).toBe(true);
  });

  it('a table of contents is only used for headings the body does not have (the Bruges action plans)', () => {
    const plan = parsePlanDocument(
      ['Inhoud', '', 'Thema 1: Wonen ........ 3', '', 'Doelstelling 1.1 Huren', '1.1.1 Een actie.'].join(
        '\n',
      ),
      THEMES_GOALS_RULES,
    );
    expect(plan.themes.map((t) => [t.code, t.title])).toEqual([['1', 'Wonen']]);
    expect(plan.stats).toEqual({ themes: 1, goals: 1, actions: 1 });
  });

  it('a markdown extract of a PDF: running headers, page numbers and hyphenation are dropped or joined', () => {
    const plan = parsePlanDocument(fixture('markdown-pdf-extract.md'), THEMES_GOALS_RULES);
    const actions = actionsOf(plan);
    // a bold run broken over two lines with a hyphen, and a word hyphenated at the end of a line
    expect(actions.get('1.1.3')).toMatchObject({
      title: 'Opvoedingsondersteuning aan huis',
      description:
        'Een gezinscoach begeleidt jonge ouders met opvoedingsvragen tijdens de eerste twee levensjaren.',
    });
    // the running header between two pages falls out of the description
    expect(actions.get('2.1.1')?.description).toBe('Het CAW en het OCMW bieden samen woonbegeleiding.');
    // the title ends with the bold run when no full stop comes first
    expect(actions.get('1.2.1')).toMatchObject({
      title: 'Een maximumfactuur in het secundair onderwijs',
      description: 'We gaan in overleg met de scholen.',
    });
    const all = JSON.stringify(plan);
    expect(all).not.toMatch(/Samen voor Lindeveld \||Pagina \d|\*\*|\u2063/);
    // capitals are kept; the preview can offer sentence case
    expect(plan.themes[0]?.goals[0]).toMatchObject({
      title: 'GEZONDE START VOOR ELK KIND',
      titleSentenceCase: 'Gezonde start voor elk kind',
    });
    // `Inleiding` and `Bijlagen` are chapters, not themes; nothing after the annexes is read
    expect(plan.unplaced).toEqual([]);
  });

  it('chapters outside the plan (inleiding, situering, budget, bijlagen) are never themes', () => {
    const plan = parsePlanDocument(fixture('doelstellingen-bullets.txt'), THEMES_GOALS_RULES);
    expect(plan.themes.map((t) => t.title)).toEqual(['Wonen', 'Welzijn', 'Participatie']);
    // goals numbered through the whole document hang under their theme
    expect(plan.themes[1]?.goals.map((g) => g.code)).toEqual(['2.3', '2.4']);
    expect(plan.unplaced).toEqual([]);
    const chapter = parsePlanDocument(
      [
        'Hoofdstuk 1: Inleiding',
        'Tekst.',
        '',
        'Hoofdstuk 2: Wonen',
        'Doelstelling 2.1 Huren',
        '- Een actie',
      ].join('\n'),
      THEMES_GOALS_RULES,
    );
    expect(chapter.themes.map((t) => [t.code, t.title])).toEqual([['2', 'Wonen']]);
  });

  it('actions as bold runs: the title ends with the bold run or its first full stop', () => {
    const plan = parsePlanDocument(fixture('vetgedrukte-acties.md'), STRATEGIC_OPERATIONAL_RULES);
    const actions = actionsOf(plan);
    expect(actions.get('1.1.2')).toMatchObject({
      title: 'Rechtenverkenner in het sociaal huis',
      description:
        'Een maatschappelijk werker overloopt alle rechten met de inwoner. Dit gebeurt op afspraak.',
      codeGenerated: true,
    });
    expect(actions.get('1.1.3')).toMatchObject({
      title: 'Een jaarlijkse controle van de schoolpremies',
      description: 'Samen met de scholen.',
    });
    const bold = parsePlanDocument(
      ['SD 1 Wonen', 'OD 1.1 Huren', '', '**Een premie. Voor huurders.** Met uitleg.'].join('\n'),
      STRATEGIC_OPERATIONAL_RULES,
    );
    expect(actionsOf(bold).get('1.1.1')).toMatchObject({
      title: 'Een premie',
      description: 'Voor huurders. Met uitleg.',
    });
  });

  it('headings at any markdown level or none read the same', () => {
    const lines = ['SD 1. Wonen', 'OD 1.1 Huren', '- Een actie', 'OD 1.2: Kopen', '1.2.1 Een lening.'];
    const plain = parsePlanDocument(lines.join('\n'), STRATEGIC_OPERATIONAL_RULES);
    for (const marks of [
      ['#', '##'],
      ['##', '###'],
      ['###', '####'],
    ]) {
      const marked = lines.map((line, i) =>
        i === 0 ? `${marks[0]} ${line}` : i === 1 || i === 3 ? `${marks[1]} ${line}` : line,
      );
      expect(treeOf(parsePlanDocument(marked.join('\n'), STRATEGIC_OPERATIONAL_RULES))).toEqual(
        treeOf(plain),
      );
    }
    expect(treeOf(plain)).toEqual([
      '1 Wonen',
      '1.1 Huren',
      '1.1.1 Een actie',
      '1.2 Kopen',
      '1.2.1 Een lening',
    ]);
  });

  it('a goal heading whose title is on the next line, or broken over two lines', () => {
    const plan = parsePlanDocument(
      ['BD1', 'Wonen', 'AP1.1 Betaalbaar en energie-', 'zuinig huren', 'AC1.1.1 Een actie.'].join('\n'),
      BBC_RULES,
    );
    expect(treeOf(plan)).toEqual(['1 Wonen', '1.1 Betaalbaar en energiezuinig huren', '1.1.1 Een actie']);
  });

  it('goals numbered through the document (`OD 5`, `AP 7`) and `Actie 3:` are read inside their parent', () => {
    const yearly = parsePlanDocument(
      [
        'SD 1 Wonen',
        'OD 1 Huren',
        'Actie 1: Een premie.',
        'SD 2 Zorg',
        'OD 2 Thuiszorg',
        'Actie 2: Een zorgbus.',
      ].join('\n'),
      STRATEGIC_OPERATIONAL_RULES,
    );
    expect(treeOf(yearly)).toEqual([
      '1 Wonen',
      '1.1 Huren',
      '1.1.1 Een premie',
      '2 Zorg',
      '2.2 Thuiszorg',
      '2.2.2 Een zorgbus',
    ]);
    const bbc = parsePlanDocument(
      ['BD 3 Zorg', 'AP 7 Thuiszorg', 'AC 3.7.1 Een zorgbus.'].join('\n'),
      BBC_RULES,
    );
    expect(treeOf(bbc)).toEqual(['3 Zorg', '3.7 Thuiszorg', '3.7.1 Een zorgbus']);
  });

  it('a numbered chapter heading without a label names the theme its goals imply', () => {
    const text = [
      '# 1. KANSEN VOOR KINDEREN',
      '## DOEL 1.1. GEZONDE START',
      '**1.1.1. Een consultatiebureau.** Elke week.',
      '# 2. Werk',
      '## DOEL 2.1. Werk op maat',
      '- 2.1.1 Een jobbeurs.',
    ].join('\n');
    const choice = chooseRules(text);
    expect(choice.rules.name).toBe('themes-goals');
    expect(treeOf(parsePlanDocument(text, choice.rules))).toEqual([
      '1 KANSEN VOOR KINDEREN',
      '1.1 GEZONDE START',
      '1.1.1 Een consultatiebureau',
      '2 Werk',
      '2.1 Werk op maat',
      '2.1.1 Een jobbeurs',
    ]);
    // the Bruges rules read the same document the same way, in sentence case
    expect(treeOf(parsePlanDocument(text, BRUGES_RULES)).slice(0, 2)).toEqual([
      '1 Kansen voor kinderen',
      '1.1 Gezonde start',
    ]);
  });

  it('a contents list without dot leaders: the heading with content wins, nothing is found twice', () => {
    const text = [
      'Inhoud',
      'SD 1 Wonen 3',
      'OD 1.1 Huren 3',
      'OD 1.2 Kopen 4',
      '',
      'SD 1 Wonen',
      'OD 1.1 Huren',
      '1. Een huurpremie.',
      '2) Een huurdersbond.',
      'OD 1.2 Kopen',
      '\uF0B7 Een lening voor starters.',
      '▪ Een premie voor renovatie.',
    ].join('\n');
    const plan = parsePlanDocument(text, STRATEGIC_OPERATIONAL_RULES);
    expect(treeOf(plan)).toEqual([
      '1 Wonen',
      '1.1 Huren',
      '1.1.1 Een huurpremie',
      '1.1.2 Een huurdersbond',
      '1.2 Kopen',
      '1.2.1 Een lening voor starters',
      '1.2.2 Een premie voor renovatie',
    ]);
    expect(plan.unplaced.filter((u) => u.reason === 'duplicate-code')).toEqual([]);
  });

  it('a plan numbered without labels, and labels in italics', () => {
    const numbered = [
      'Welzijnsplan Oostmalle 2026-2031',
      '',
      '1. Wonen',
      '1.1 Betaalbaar huren',
      '1.1.1 Een huurpremie. Voor wie op de wachtlijst staat.',
      '1.2 Energiezuinig wonen',
      '- Een energiescan',
      '2. Zorg',
      '2.1 Thuiszorg',
      '2.1.1 Een zorgbus.',
    ].join('\n');
    const choice = chooseRules(numbered);
    expect(choice.rules.name).toBe('numbered');
    expect(treeOf(parsePlanDocument(numbered, choice.rules))).toEqual([
      '1 Wonen',
      '1.1 Betaalbaar huren',
      '1.1.1 Een huurpremie',
      '1.2 Energiezuinig wonen',
      '1.2.1 Een energiescan',
      '2 Zorg',
      '2.1 Thuiszorg',
      '2.1.1 Een zorgbus',
    ]);
    const italics = ['**SD1 Kansen**', '**OD1.1 Kinderopvang**', '*Actie 1.1.1* Meer plaatsen.'].join('\n');
    expect(chooseRules(italics).rules.name).toBe('strategic-operational');
    expect(treeOf(parsePlanDocument(italics, STRATEGIC_OPERATIONAL_RULES))).toEqual([
      '1 Kansen',
      '1.1 Kinderopvang',
      '1.1.1 Meer plaatsen',
    ]);
  });

  it('detectRules still picks Bruges for the Bruges plan and when nothing is recognised', () => {
    const bruges = readFileSync(
      new URL('../plans/brugge-samenwerkplan-lsb-2021-2025.txt', import.meta.url),
      'utf8',
    );
    expect(detectRules(bruges)).toBe(BRUGES_RULES);
    expect(chooseRules('nothing to see here')).toMatchObject({ rules: BRUGES_RULES, confidence: 0 });
  });
});
