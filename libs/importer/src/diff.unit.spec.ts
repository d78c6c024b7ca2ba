import { readFileSync } from 'node:fs';
import { diffPlans } from './diff.js';
import { parsePlanDocument } from './parse.js';
import { STRATEGIC_OPERATIONAL_RULES } from './rules.js';

const fixture = (name: string) =>
  readFileSync(
    new URL(
      name.startsWith('brugge') ? `../plans/${name}` : `../../../test/fixtures/plans/${name}`,
      import.meta.url,
    ),
    'utf8',
  );

/** replaces exactly one occurrence, so a fixture edit that no longer applies fails loudly */
const edit = (text: string, from: string, to: string): string => {
  expect(text.split(from)).toHaveLength(2);
  return text.replace(from, to);
};

describe('diffPlans', () => {
  const bruges = fixture('brugge-samenwerkplan-lsb-2021-2025.txt');
  const previous = parsePlanDocument(bruges);

  it('finds nothing between two imports of the same text', () => {
    const diff = diffPlans(previous, parsePlanDocument(bruges));
    expect(diff.unchanged).toBe(true);
    expect(diff.actions).toEqual({ added: [], removed: [], changed: [], renumbered: [] });
  });

  it('reports new, changed and disappeared actions, goals and themes by code', () => {
    let next = bruges;
    next = edit(next, '3.2.1. Meldpunt huurachterstal.', '3.2.1. Meldpunt huurachterstal en uithuiszetting.');
    next = edit(
      next,
      'We maken het aanbod bekend en nemen aanwezige drempels weg.',
      'We maken het aanbod bekend.',
    );
    next = edit(
      next,
      '6.2.11. Vrijwilligerswerk. Er worden in samenwerking met de vrijwilligerscentrale initiatieven genomen om mensen toe te leiden naar vrijwilligerswerk.\n',
      '',
    );
    next = edit(
      next,
      'DOEL 7.4. TOEGANKELIJKHEID VERHOGEN IN DIALOOG MET INWONERS EN ORGANISATIES',
      'DOEL 7.4. TOEGANKELIJKHEID VERHOGEN SAMEN MET INWONERS\n\n7.4.5. Jaarlijkse toegankelijkheidsdag. We organiseren elk jaar een dag rond toegankelijkheid.',
    );
    next = edit(next, 'Actieplan 2: Werk op maat\t33', 'Actieplan 2: Werk en inkomen op maat\t33');
    next = edit(next, 'Vivendo, ', '');
    const diff = diffPlans(previous, parsePlanDocument(next));

    expect(diff.unchanged).toBe(false);
    expect(diff.actions.changed.map((c) => [c.code, c.changes])).toEqual([
      [
        '1.1.2',
        [
          {
            field: 'description',
            before:
              'We stimuleren de zorg van zwangerschapsconsulenten, vroedvrouwen, kraamhulp, startgesprek bij K&G etc. aan huis. We maken het aanbod bekend en nemen aanwezige drempels weg.',
            after:
              'We stimuleren de zorg van zwangerschapsconsulenten, vroedvrouwen, kraamhulp, startgesprek bij K&G etc. aan huis. We maken het aanbod bekend.',
          },
        ],
      ],
      [
        '3.2.1',
        [
          {
            field: 'title',
            before: 'Meldpunt huurachterstal',
            after: 'Meldpunt huurachterstal en uithuiszetting',
          },
        ],
      ],
    ]);
    expect(diff.actions.removed.map((a) => [a.code, a.title])).toEqual([['6.2.11', 'Vrijwilligerswerk']]);
    expect(diff.actions.added.map((a) => [a.code, a.title, a.goalCode])).toEqual([
      ['7.4.5', 'Jaarlijkse toegankelijkheidsdag', '7.4'],
    ]);
    expect(diff.actions.renumbered).toEqual([]);
    expect(diff.goals.changed).toEqual([
      {
        code: '7.4',
        before: {
          code: '7.4',
          title: 'Toegankelijkheid verhogen in dialoog met inwoners en organisaties',
          parentCode: '7',
        },
        after: { code: '7.4', title: 'Toegankelijkheid verhogen samen met inwoners', parentCode: '7' },
        changes: [
          {
            field: 'title',
            before: 'Toegankelijkheid verhogen in dialoog met inwoners en organisaties',
            after: 'Toegankelijkheid verhogen samen met inwoners',
          },
        ],
      },
    ]);
    expect(diff.themes.changed.map((c) => [c.code, c.changes])).toEqual([
      ['2', [{ field: 'title', before: 'Werk op maat', after: 'Werk en inkomen op maat' }]],
    ]);
    expect(diff.themes.added).toEqual([]);
    expect(diff.themes.removed).toEqual([]);
    expect(diff.plan.partners).toEqual({ added: [], removed: ['Vivendo'] });
    expect(diff.plan.changes).toEqual([]);
  });

  it('sees a whole goal and its actions disappear', () => {
    const start = bruges.indexOf('DOEL 6.6.');
    const end = bruges.indexOf('“Er is zodanig veel info');
    const diff = diffPlans(previous, parsePlanDocument(bruges.slice(0, start) + bruges.slice(end)));
    expect(diff.goals.removed.map((g) => g.code)).toEqual(['6.6']);
    expect(diff.actions.removed.map((a) => a.code)).toEqual(['6.6.1', '6.6.2', '6.6.3', '6.6.4']);
    expect(diff.actions.added).toEqual([]);
  });

  describe('with generated codes', () => {
    const other = fixture('other-style-plan.txt');
    const before = parsePlanDocument(other, STRATEGIC_OPERATIONAL_RULES);

    it('reports an inserted bullet as one new action and the ones after it as renumbered', () => {
      const next = edit(
        other,
        '- Uitbreiden van het aanbod',
        '- Een huurdersbond-spreekuur in het sociaal huis. [Participatie]\n- Uitbreiden van het aanbod',
      );
      const diff = diffPlans(before, parsePlanDocument(next, STRATEGIC_OPERATIONAL_RULES));
      expect(diff.actions.added.map((a) => [a.code, a.title])).toEqual([
        ['1.1.1', 'Een huurdersbond-spreekuur in het sociaal huis'],
      ]);
      expect(diff.actions.renumbered.map((r) => [r.from, r.to, r.changes])).toEqual([
        ['1.1.1', '1.1.2', []],
        ['1.1.2', '1.1.3', []],
        ['1.1.3', '1.1.4', []],
      ]);
      expect(diff.actions.changed).toEqual([]);
      expect(diff.actions.removed).toEqual([]);
    });

    it('reports tag, resident-idea and lead changes with before and after', () => {
      let next = edit(
        other,
        'Een mantelzorgcafé om de twee maanden.',
        'Een mantelzorgcafé om de twee maanden. [Participatie] (idee van inwoners)',
      );
      next = edit(next, 'Trekker: Dienst Welzijn', 'Trekker: OCMW Heuvelbeke');
      const diff = diffPlans(before, parsePlanDocument(next, STRATEGIC_OPERATIONAL_RULES));
      expect(diff.actions.changed.map((c) => [c.code, c.changes])).toEqual([
        [
          '3.2.1',
          [
            { field: 'tags', before: [], after: ['Participatie'] },
            { field: 'citizenIdea', before: false, after: true },
          ],
        ],
      ]);
      expect(diff.themes.changed.map((c) => [c.code, c.changes])).toEqual([
        ['2', [{ field: 'lead', before: 'Dienst Welzijn', after: 'OCMW Heuvelbeke' }]],
      ]);
    });
  });
});
