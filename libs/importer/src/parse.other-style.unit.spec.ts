import { readFileSync } from 'node:fs';
import { detectRules, parsePlanDocument } from './parse.js';
import { BRUGES_RULES, STRATEGIC_OPERATIONAL_RULES, type ImportRules } from './rules.js';

const fixture = (name: string) =>
  readFileSync(
    new URL(
      name.startsWith('brugge') ? `../plans/${name}` : `../../../test/fixtures/plans/${name}`,
      import.meta.url,
    ),
    'utf8',
  );
const text = fixture('other-style-plan.txt');

describe('parsePlanDocument on a plan with strategic and operational goals', () => {
  const plan = parsePlanDocument(text, STRATEGIC_OPERATIONAL_RULES);

  it('is recognised by detectRules', () => {
    expect(detectRules(text)).toBe(STRATEGIC_OPERATIONAL_RULES);
    expect(detectRules(fixture('brugge-samenwerkplan-lsb-2021-2025.txt'))).toBe(BRUGES_RULES);
    expect(detectRules('no structure at all')).toBe(BRUGES_RULES);
  });

  it('reads title, period, focus points and partners', () => {
    expect(plan.title).toBe('Lokaal sociaal beleidsplan Heuvelbeke - Samen sterk in elke wijk');
    expect([plan.periodStart, plan.periodEnd]).toEqual(['2026-01-01', '2031-12-31']);
    expect(plan.focusPoints).toEqual([
      'Armoedebestrijding',
      'Participatie',
      'Toegankelijkheid',
      'Buurtgericht werken',
    ]);
    expect(plan.partners).toHaveLength(9);
    expect(plan.partners).toContain("Kinderopvang 't Kapoentje");
  });

  it('builds the expected tree: strategic goals as themes, operational goals as goals, generated action codes', () => {
    const tree = plan.themes.map((theme) => ({
      code: theme.code,
      title: theme.title,
      lead: theme.lead,
      goals: theme.goals.map((goal) => ({
        code: goal.code,
        title: goal.title,
        actions: goal.actions.map((a) => `${a.code} ${a.title}`),
      })),
    }));
    expect(tree).toEqual([
      {
        code: '1',
        title: 'Iedereen woont betaalbaar en kwaliteitsvol',
        lead: 'OCMW Heuvelbeke',
        goals: [
          {
            code: '1.1',
            title: 'Meer betaalbare huurwoningen',
            actions: [
              '1.1.1 Uitbreiden van het aanbod van het sociaal verhuurkantoor met 15 woningen',
              '1.1.2 Huurpremie voor huurders op de wachtlijst bekendmaken',
              '1.1.3 Een conventie met de sociale huisvestingsmaatschappij over versnelde toewijzing bij dringende woonnoden',
            ],
          },
          {
            code: '1.2',
            title: 'Kwaliteitsvolle en energiezuinige woningen',
            actions: [
              '1.2.1 Gratis energiescan voor eigenaars-bewoners met een laag inkomen',
              '1.2.2 Renovatiebegeleiding via het woonloket',
              '1.2.3 Opsporen van onbewoonbare woningen via de wijkagenten',
            ],
          },
          {
            code: '1.3',
            title: 'Dak- en thuisloosheid voorkomen',
            actions: [
              '1.3.1 Een meldpunt dreigende uithuiszetting bij het OCMW',
              '1.3.2 Crisiswoning in samenwerking met de buurgemeenten',
            ],
          },
        ],
      },
      {
        code: '2',
        title: 'Werk en inkomen voor wie het moeilijk heeft',
        lead: 'Dienst Welzijn',
        goals: [
          {
            code: '2.1',
            // capitals are kept (the preview offers sentence case: `titleSentenceCase`)
            title: 'BETAALBARE KINDEROPVANG VOOR WERKZOEKENDE OUDERS',
            actions: [
              '2.1.1 Occasionele opvang voor ouders die een opleiding volgen',
              '2.1.2 Inkomensgerelateerd tarief in de buitenschoolse opvang',
            ],
          },
          {
            code: '2.2',
            title: 'Begeleiding naar werk op maat',
            actions: [
              '2.2.1 Wijk-werken uitbreiden naar de deelgemeente Molenhoek',
              '2.2.2 Een jobcoach van het OCMW op vaste momenten in het dienstencentrum',
              '2.2.3 Taalcoaching op de werkvloer, samen met VDAB en het Huis van het Nederlands',
            ],
          },
          { code: '2.3', title: 'Schulden voorkomen', actions: [] },
        ],
      },
      {
        code: '3',
        title: 'Niemand staat alleen',
        lead: 'Sociaal Huis Heuvelbeke',
        goals: [
          {
            code: '3.1',
            title: 'Eenzaamheid doorbreken',
            actions: [
              "3.1.1 Babbelbuddy's koppelen aan alleenwonende 75-plussers",
              '3.1.2 Een buurtrestaurant in het dienstencentrum, twee keer per week open',
              '3.1.3 Huisbezoeken door vrijwilligers aan alle 80-plussers',
            ],
          },
          {
            code: '3.2',
            title: 'Mantelzorgers ondersteunen',
            actions: [
              '3.2.1 Een mantelzorgcafé om de twee maanden',
              '3.2.2 De mantelzorgpremie verhogen',
              '3.2.3 Respijtzorg',
              '3.2.4 Een overzicht van alle ondersteuning voor mantelzorgers, op papier en online',
            ],
          },
        ],
      },
    ]);
    expect(plan.stats).toEqual({ themes: 3, goals: 8, actions: 20 });
  });

  it('joins hard-wrapped bullets, keeps nested lists, reads tags and resident ideas', () => {
    const actions = plan.themes.flatMap((t) => t.goals.flatMap((g) => g.actions));
    const byCode = new Map(actions.map((a) => [a.code, a]));
    expect(actions.every((a) => a.codeGenerated === true)).toBe(true);
    expect(byCode.get('1.1.2')?.description).toBe('Het OCMW contacteert elke kandidaat-huurder persoonlijk.');
    expect(byCode.get('1.3.1')?.description).toBe(
      'Signalen van verhuurders, de vrederechter en het CAW komen op één plek binnen:\n- telefonisch en via e-mail;\n- via het onthaal van het sociaal huis.',
    );
    expect(byCode.get('3.2.3')?.description).toBe('Een vrijwilliger neemt een namiddag de zorg over.');
    // `[Buurtgericht]` is the focus point "Buurtgericht werken"
    expect(byCode.get('1.2.1')?.tags).toEqual(['Armoedebestrijding', 'Buurtgericht werken']);
    expect(byCode.get('1.2.1')?.description).toBe('');
    expect(byCode.get('2.2.2')).toMatchObject({
      tags: ['Participatie'],
      description: 'Zo verlagen we de drempel.',
    });
    expect(actions.filter((a) => a.citizenIdea).map((a) => a.code)).toEqual(['1.2.2', '2.1.2', '3.1.3']);
    expect(byCode.get('1.2.2')?.title).toBe('Renovatiebegeleiding via het woonloket');
    expect(actions.map((a) => a.title).join(' ')).not.toMatch(/\*|\[|\(idee/);
  });

  it('reports the bullet under a strategic goal with no operational goal as unplaced; page numbers are dropped', () => {
    expect(plan.unplaced).toEqual([
      {
        line: 25,
        text: '- Jaarlijkse woonbevraging bij alle huurders van sociale woningen.',
        reason: 'action-without-goal',
      },
    ]);
  });
});

describe('rules are data', () => {
  const nested = [
    'Domein 1: Samenleven',
    'SD 1.1 Ontmoeting',
    'OD 1.1.1 Buurtfeesten',
    '- Een buurtfeest per wijk. Met steun van de gemeente.',
    '- Een straatfeestpremie.',
    'OD 7 Een doelstelling met een eigen nummering',
    '- Een actie onder een niet-hiërarchische code.',
    'Domein 2: Zorg',
    'SD 2.1 Mantelzorg',
    '1.2.3.4 Een actie in een domein waar ze niet thuishoort.',
  ].join('\n');
  // the patterns as strings, as they would come out of a JSON configuration
  const rules: ImportRules = {
    ...STRATEGIC_OPERATIONAL_RULES,
    name: 'domains',
    themeHeading: { pattern: '^Domein (?<code>\\d+): (?<title>.+)$' },
    goalHeadings: [
      { pattern: '^SD (?<code>\\d+\\.\\d+) (?<title>.+)$' },
      { pattern: '^OD (?<code>\\d+(?:\\.\\d+)*) (?<title>.+)$' },
    ],
    actionLine: '^(?<code>\\d+\\.\\d+\\.\\d+\\.\\d+) (?<text>.+)$',
    bulletActions: { pattern: '^- (?<text>.+)$', codeStyle: 'letter' },
  };

  it('nests goals to any depth, by code and else by position, with letter codes', () => {
    const plan = parsePlanDocument(nested, rules);
    const [samenleven, zorg] = plan.themes;
    const ontmoeting = samenleven?.goals[0];
    // `OD 7` does not repeat its parent's number: it is read inside it, as goal 7 of goal 1.1
    expect(ontmoeting?.goals.map((g) => g.code)).toEqual(['1.1.1', '1.1.7']);
    expect(ontmoeting?.goals[0]?.actions.map((a) => [a.code, a.title, a.description])).toEqual([
      ['1.1.1.a', 'Een buurtfeest per wijk', 'Met steun van de gemeente.'],
      ['1.1.1.b', 'Een straatfeestpremie', ''],
    ]);
    expect(ontmoeting?.goals[1]?.actions.map((a) => a.code)).toEqual(['1.1.7.a']);
    expect(zorg?.goals.map((g) => g.code)).toEqual(['2.1']);
    // the numbered action names goal 1.2.3, which does not exist: it falls back on its position (goal 2.1)
    expect(zorg?.goals[0]?.actions.map((a) => a.code)).toEqual(['1.2.3.4']);
    expect(plan.stats).toEqual({ themes: 2, goals: 4, actions: 4 });
  });

  it('reports duplicate codes and implies a theme that has goals but no heading', () => {
    const plan = parsePlanDocument(
      [
        'DOEL 1.1. EERSTE DOEL',
        '1.1.1. Een actie.',
        '1.1.1. Dezelfde code.',
        'DOEL 2.1. TWEEDE DOEL',
        '2.1.1. Nog een.',
      ].join('\n'),
    );
    expect(plan.themes.map((t) => [t.code, t.title])).toEqual([
      ['1', 'Thema 1'],
      ['2', 'Thema 2'],
    ]);
    expect(plan.unplaced).toEqual([{ line: 3, text: '1.1.1. Dezelfde code.', reason: 'duplicate-code' }]);
    expect(plan.stats.actions).toBe(2);
  });
});
