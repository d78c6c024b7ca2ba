import { readFileSync } from 'node:fs';
import { parsePlanDocument } from './parse.js';
import { BRUGES_RULES } from './rules.js';
import type { ParsedAction, ParsedGoal, ParsedPlan } from './types.js';

const text = readFileSync(
  new URL('../plans/brugge-samenwerkplan-lsb-2021-2025.txt', import.meta.url),
  'utf8',
);
const sourceLines = text.split('\n');

const allGoals = (plan: ParsedPlan): ParsedGoal[] => {
  const out: ParsedGoal[] = [];
  const visit = (goals: readonly ParsedGoal[]) =>
    goals.forEach((goal) => {
      out.push(goal);
      visit(goal.goals);
    });
  plan.themes.forEach((theme) => visit(theme.goals));
  return out;
};
const allActions = (plan: ParsedPlan): ParsedAction[] => allGoals(plan).flatMap((goal) => goal.actions);

describe('parsePlanDocument on the Bruges plan', () => {
  const plan = parsePlanDocument(text);
  const actions = allActions(plan);
  const action = (code: string): ParsedAction => {
    const found = actions.find((a) => a.code === code);
    if (!found) throw new Error(`no action ${code}`);
    return found;
  };

  it('uses the Bruges rules by default and reads the title and period', () => {
    expect(plan.rules).toBe(BRUGES_RULES.name);
    expect(plan.title).toBe('Brugge draait om mensen - Samenwerkplan voor lokaal sociaal beleid');
    expect(plan.periodStart).toBe('2021-01-01');
    expect(plan.periodEnd).toBe('2025-12-31');
  });

  it('finds 7 themes, 35 goals and 240 actions', () => {
    expect(plan.stats).toEqual({ themes: 7, goals: 35, actions: 240 });
    expect(allGoals(plan)).toHaveLength(35);
    expect(actions).toHaveLength(240);
    expect(plan.themes.map((t) => [t.code, t.title])).toEqual([
      ['1', 'Kansen voor kinderen en jongeren'],
      ['2', 'Werk op maat'],
      ['3', 'Een dak boven je hoofd'],
      ['4', 'Een goede gezondheid'],
      ['5', 'Zorg voor elkaar'],
      ['6', 'Iedereen mee'],
      ['7', 'Toegang tot hulp en diensten'],
    ]);
    expect(plan.themes.map((t) => t.goals.length)).toEqual([6, 5, 6, 4, 4, 6, 4]);
    // the document names no lead per action plan ("voor elk van de 7 actieplannen werd een trekker aangeduid")
    expect(plan.themes.every((t) => t.lead === undefined)).toBe(true);
  });

  it('turns capitalised goal headings into readable sentence-case titles and keeps the codes', () => {
    const goals = allGoals(plan);
    expect(goals.find((g) => g.code === '1.1')?.title).toBe('Preventieve gezinsondersteuning');
    expect(goals.find((g) => g.code === '3.3')?.title).toBe('Tegen energie-armoede, voor woonkwaliteit');
    expect(goals.find((g) => g.code === '5.2')?.title).toBe(
      'Zorg in de samenleving: een goed samenspel tussen zelfregie, informeel netwerk en professionele zorg',
    );
    expect(goals.find((g) => g.code === '6.2')?.title).toBe('We zetten in op "vrije tijd voor allen"');
    expect(goals.every((g) => g.goals.length === 0 && g.actions.length > 0)).toBe(true);
  });

  it('cuts action titles at the first sentence, verbatim from the text', () => {
    const titles: Record<string, string> = {
      // title alone on its line, the description after blank and space-only lines
      '1.1.1': '1 adres voor alle vragen van gezinnen',
      '1.1.7': 'Werking van Z.art bestendigen',
      // label followed by a colon (then upper- and lowercase)
      '1.1.9': 'Casemanagers',
      '1.1.10': 'Betaalbare en toegankelijke kinderopvang',
      // `- 1.2.1 Title.** Text`: bullet, no dot after the code, unbalanced bold
      '1.2.1': 'Maximumfactuur promoten',
      '1.2.6':
        'In kaart brengen van vraag en aanbod binnen de kinderopvang en uitbreiden van de dienstverlening',
      '2.1.1': 'Partnerschap met VDAB uitbouwen',
      // first sentence broken across lines by the PDF extraction
      '3.1.1': 'Sociale woningen bouwen en inhuren',
      '3.1.3': 'Veranderingen in de sociale huisvesting opvolgen',
      '3.5.5': 'Leegstand voor sociale doelen gebruiken',
      '4.1.9': 'Acties die het mentaal welbevinden promoten',
      '4.2.4': 'Welzijnsbevorderende sensibiliseringscampagnes',
      // ` **5.1.2. Seniorenbehoefteonderzoek.** ...`
      '5.1.2': 'Seniorenbehoefteonderzoek',
      // bold ends in the middle of the first sentence
      '5.4.2':
        'We investeren in technologie die (langer) zelfstandig thuis wonen mogelijk maakt voor mensen met een ondersteuningsnood',
      // a colon after a preposition introduces a list: the sentence goes on to the dot
      '5.4.8':
        'Met de zorginnovatiemanager zetten we actief in op: Innovatief ondernemerschap, zorginnovatie en ecologische innovatie',
      '6.4.2': "Betaalbare PC's",
      '6.5.1': '“Woonkamer” van de buurt',
      '7.3.5': "Proefproject 'Ontmoetingsplekken Plus'",
      '7.4.4': 'Met behulp van het klachtrecht',
    };
    for (const [code, title] of Object.entries(titles))
      expect([code, action(code).title]).toEqual([code, title]);
    // `4.1.8. proefproject kwartiermaken.`: the first letter is capitalised
    expect(action('4.1.8').title).toBe('Proefproject kwartiermaken');
  });

  it('joins descriptions across broken lines and keeps paragraphs and lists', () => {
    expect(action('1.1.1').description).toBe(
      'We bouwen de dienstverlening van het Huis van het kind verder uit in Brugge.',
    );
    expect(action('1.1.7').description).toBe(
      'De huidige werking van Z.art te Zeebrugge (studie- en gezinsondersteuning voor kwetsbare gezinnen) wordt het hele jaar door aangeboden. Deze werking wordt ook structureel verankerd.',
    );
    expect(action('1.1.10').description).toBe(
      'Het individueel verminderd tarief in de kinderopvang wordt beter bekend en de toekenning toegankelijker gemaakt. Binnen de vakantie-opvang voor schoolgaande kinderen, wordt het aanbod aan een sociaal tarief verruimd.',
    );
    expect(action('3.1.1').description).toBe(
      'De acties in het stedelijk woonbeleidsplan gericht op het verhogen van het sociaal woonaanbod worden uitgevoerd.',
    );
    expect(action('4.2.3').description).toMatch(
      /^Met het nieuwe 'Huis met vele kamers' zetten we in op het herstelproces ter bevordering van psychisch welzijn en ontmoeting\. De pijlers/,
    );
    expect(action('3.4.2').description).toBe(
      [
        'Het lokaal toewijzingsreglement voor sociale woningen wordt geëvalueerd en bijgestuurd binnen de speelruimte die Vlaanderen hiervoor biedt. Volgende zaken worden ter voorbereiding onderzocht:',
        '- een maximaal gebruik van sociale woningen voor herhuisvesting;',
        '- het mee inzetten van de sociale woningen voor huisvesting van dak- en thuislozen;',
        '- het mee zorgen voor doorstroom vanuit de noodwoningen;',
        '- aangepaste woningen voor personen met een begeleidings- of zorgnood (onder andere: personen met een handicap, senioren en mensen met psychische aandoeningen)',
        '- Het streven naar een stabiele huisvesting voor kinderen en jongeren.',
      ].join('\n'),
    );
    expect(action('7.2.2').description).toBe(
      'Brugse hulpverleners helpen hun cliënten bij het realiseren van hun sociale rechten, ook voorbij de hulp die deze hulpverleners zelf aanbieden.\n\n' +
        'We zorgen ervoor dat onze hulpverleners en loketmedewerkers de andere diensten goed kennen (sociale kaart). We zorgen er ook voor dat ze weten op welke hulp en diensten mensen kunnen rekenen in een bepaalde situatie.',
    );
    // extraction debris cleaned: LaTeX (`$\leq 66\%$`) and footnote markers (`CAW⁽⁷⁾`)
    expect(action('1.2.9').description).toMatch(/met een dekkingsgraad van ≤ 66%\.$/);
    expect(action('3.6.5').description).toContain('de hulpverlening van het CAW, medische zorg');
    // a one-sentence action has no description
    expect(action('4.1.14').description).toBe('');
  });

  it('gives every action a clean title and a unique code under its goal', () => {
    for (const a of actions) {
      expect(a.title.trim()).not.toBe('');
      expect(a.title).not.toMatch(/\*|^[-•–]|[.:]$|\s{2}/);
      expect(a.description).not.toContain('**');
      expect(sourceLines[a.line - 1]).toContain(a.code);
    }
    const codes = [
      ...plan.themes.map((t) => t.code),
      ...allGoals(plan).map((g) => g.code),
      ...actions.map((a) => a.code),
    ];
    expect(new Set(codes).size).toBe(codes.length);
    for (const theme of plan.themes) {
      for (const goal of theme.goals) {
        expect(goal.code.startsWith(`${theme.code}.`)).toBe(true);
        for (const a of goal.actions)
          expect(a.code).toMatch(new RegExp(`^${goal.code.replace('.', '\\.')}\\.\\d+$`));
      }
    }
    expect(actions.some((a) => a.codeGenerated)).toBe(false);
  });

  it('keeps the unnumbered sub-headings of goal 4.1 as sections', () => {
    expect(action('4.1.1').section).toBe('Mentaal welbevinden');
    expect(action('4.1.10').section).toBe('De Vlaamse bevolkingsonderzoeken');
    expect(action('4.1.13').section).toBe('Preventieve tandzorg');
    expect(action('4.1.18').section).toBe(
      'Algemene preventieve gezondheid en het voorkomen van chronische ziekten',
    );
    expect(action('4.2.1').section).toBeUndefined();
    // the sub-heading does not leak into the previous action's description
    expect(action('4.1.9').description).not.toContain('bevolkingsonderzoeken');
  });

  it('reports the introductions between action plans as unplaced, and nothing else', () => {
    expect(plan.unplaced.every((u) => u.reason === 'outside-action')).toBe(true);
    expect(plan.unplaced.map((u) => u.text.split(' ').slice(0, 4).join(' '))).toEqual([
      'Om gezondheid voor alle', // introduction of action plan 4
      'Deze bijkomende acties uit',
      'Om het welzijn en', // action plan 5
      'Hieronder geven we een',
      'We willen dat alle', // action plan 6
      'Brugge is een sociale',
      'Door in te zetten',
    ]);
    for (const u of plan.unplaced) expect(sourceLines[u.line - 1]).toContain(u.text.slice(0, 30));
    // residents' quotes are skipped, never glued to the action before them
    expect(action('1.6.5').description).not.toContain('werkloos');
    expect(action('3.6.7').description).not.toContain('“');
  });

  it('reads the 7 focus points; the plan marks none per action in its text', () => {
    expect(plan.focusPoints).toEqual([
      'Tegen (kinder)armoede',
      'Preventie',
      'Midden in de samenleving',
      'Verschillende doelgroepen, drempels, buurten',
      'In alle beleidsdomeinen',
      'Participatie',
      'Toegankelijkheid',
    ]);
    // focus-point and resident-idea pictograms did not survive the PDF extraction
    expect(actions.filter((a) => a.tags.length > 0)).toEqual([]);
    expect(actions.filter((a) => a.citizenIdea)).toEqual([]);
  });

  it('reads the partner list into names', () => {
    expect(plan.partners).toHaveLength(163);
    expect(plan.partners.slice(0, 3)).toEqual(['!Drops', "'t SAS", "'t Veldzicht"]);
    expect(plan.partners).toEqual(
      expect.arrayContaining([
        'CAW Noord-West Vlaanderen',
        'OCMW Brugge',
        'VDAB',
        'Vivendo',
        'De Lijn',
        'Huis van het Kind',
        'Onderwijsinstellingen (Basis-, secundaire- en hogescholen en universiteiten)',
        'Vriendenkring Oprustgestelden en Weduwen – Geïntegreerde Politie',
      ]),
    );
    expect(plan.partners.at(-1)).toBe('Zorgnet Icuuro');
    expect(plan.partners.filter((p) => p === 'Open Balie')).toHaveLength(1);
    // the advisory councils thanked after the list are not partners
    expect(plan.partners).not.toContain('LOKO');
  });

  it('is deterministic', () => {
    expect(parsePlanDocument(text)).toEqual(plan);
  });
});
