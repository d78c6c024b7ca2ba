import { readFileSync } from 'node:fs';
import { chooseRules, parsePlanDocument } from './parse.js';
import type { ParsedPlan } from './types.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/plans/${name}`, import.meta.url), 'utf8');

/** `code bbcCode` of every theme, goal and action, in document order */
const codesOf = (plan: ParsedPlan): string[] => {
  const out: string[] = [];
  for (const theme of plan.themes) {
    out.push(`${theme.code} ${theme.bbcCode ?? '-'}`);
    const visit = (goals: ParsedPlan['themes'][number]['goals']): void => {
      for (const goal of goals) {
        out.push(`${goal.code} ${goal.bbcCode ?? '-'}`);
        for (const action of goal.actions) out.push(`${action.code} ${action.bbcCode ?? '-'}`);
        visit(goal.goals);
      }
    };
    visit(theme.goals);
  }
  return out;
};

describe('BBC codes read from a document (issue 16)', () => {
  it('the BBC style keeps BD / AP / AC with their numbers as each node’s BBC code', () => {
    const text = fixture('bbc-meerjarenplan.txt');
    const plan = parsePlanDocument(text, chooseRules(text).rules);
    expect(codesOf(plan).slice(0, 5)).toEqual([
      '1 BD1',
      '1.1 AP1.1',
      '1.1.1 AC1.1.1',
      '1.1.2 AC1.1.2',
      '1.1.3 AC1.1.3',
    ]);
    // `BD 3:` in the document: the space is not part of the code
    expect(codesOf(plan)).toContain('3 BD3');
  });

  it("a city's own composite codes (ST01BD06AP01AC02) are kept whole, the tree numbered by BD, AP and AC", () => {
    const text = fixture('bbc-stadscodes.txt');
    const choice = chooseRules(text);
    expect(choice.rules.name).toBe('bbc-city');
    const plan = parsePlanDocument(text, choice.rules);
    expect(codesOf(plan)).toEqual([
      '6 ST01BD06',
      '6.1 ST01BD06AP01',
      '6.1.1 ST01BD06AP01AC01',
      '6.1.2 ST01BD06AP01AC02',
      '6.2 ST01BD06AP02',
      '6.2.1 ST01BD06AP02AC01',
      '6.2.2 ST01BD06AP02AC02',
      '6.2.3 ST01BD06AP02AC03',
      '7 ST01BD07',
      '7.1 ST01BD07AP01',
      '7.1.1 ST01BD07AP01AC01',
      '7.1.2 ST01BD07AP01AC02',
      '1 ST02BD01',
      '1.1 ST02BD01AP01',
      '1.1.1 ST02BD01AP01AC01',
    ]);
    expect(plan.themes[0]!.goals[0]!.actions[0]!.description).toMatch(
      /^Het team werkt samen met het vredegerecht/,
    );
  });

  it('styles without BBC codes carry none', () => {
    const text = fixture('jaarplan-sd-od.txt');
    const plan = parsePlanDocument(text, chooseRules(text).rules);
    expect(codesOf(plan).every((line) => line.endsWith(' -'))).toBe(true);
  });
});
