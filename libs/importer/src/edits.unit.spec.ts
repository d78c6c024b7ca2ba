import { applyEdits, PlanEditError } from './edits.js';
import { parsePlanDocument } from './parse.js';
import { STRATEGIC_OPERATIONAL_RULES } from './rules.js';

const text = [
  'SD 1 WONEN',
  'OD 1.1 Huren',
  '- Een huurpremie.',
  'OD 1.2 Kopen',
  '- Een lening. Met uitleg.',
  'SD 2 Zorg',
  '- Een zorgbus. Rijdt elke dag.',
  '- Een mantelzorgcafé.',
].join('\n');

describe('applyEdits', () => {
  const plan = parsePlanDocument(text, STRATEGIC_OPERATIONAL_RULES);

  it('changes titles, places unplaced lines under the chosen goal, drops others, and counts again', () => {
    expect(plan.unplaced.map((u) => [u.line, u.reason])).toEqual([
      [7, 'action-without-goal'],
      [8, 'action-without-goal'],
    ]);
    const edited = applyEdits(plan, {
      titles: { '1': 'Wonen', '1.1.1': 'Een hogere huurpremie' },
      placements: [{ line: 7, goal: '1.2' }],
      dropped: [8],
    });
    expect(edited.themes[0]).toMatchObject({ title: 'Wonen' });
    expect(edited.themes[0]?.titleSentenceCase).toBeUndefined();
    expect(edited.themes[0]?.goals[0]?.actions[0]?.title).toBe('Een hogere huurpremie');
    expect(edited.themes[0]?.goals[1]?.actions.map((a) => [a.code, a.title, a.description])).toEqual([
      ['1.2.1', 'Een lening', 'Met uitleg.'],
      ['1.2.2', 'Een zorgbus', 'Rijdt elke dag.'],
    ]);
    expect(edited.unplaced).toEqual([]);
    expect(edited.stats).toEqual({ themes: 2, goals: 2, actions: 3 });
    // the parsed plan itself is untouched
    expect(plan.stats.actions).toBe(2);
    expect(plan.themes[0]?.title).toBe('WONEN');
  });

  it('refuses edits that name what the document does not have', () => {
    expect(() => applyEdits(plan, { titles: { '9.9': 'X' } })).toThrow(PlanEditError);
    expect(() => applyEdits(plan, { titles: { '1': '  ' } })).toThrow(/1 to 500 characters/);
    expect(() => applyEdits(plan, { placements: [{ line: 3, goal: '1.1' }] })).toThrow(
      /not an unplaced line/,
    );
    expect(() => applyEdits(plan, { placements: [{ line: 7, goal: '7.7' }] })).toThrow(/no goal 7.7/);
    expect(() => applyEdits(plan, { dropped: [1] })).toThrow(PlanEditError);
  });
});
