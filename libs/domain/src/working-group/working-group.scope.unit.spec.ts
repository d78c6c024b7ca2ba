import { isActionInScope } from './working-group.scope.js';
import { SCOPE_SAMPLES } from './working-group.scope.samples.js';

describe('isActionInScope', () => {
  it.each(SCOPE_SAMPLES.map((sample) => [sample.name, sample] as const))('%s', (_, sample) => {
    expect(isActionInScope(sample.scope, sample.action)).toBe(sample.inScope);
  });

  it('without a section path, decides on the action and its theme alone (what the web app knows)', () => {
    const scope = { themeIds: ['t-3'], actionIds: ['a-2'] };
    expect(isActionInScope(scope, { id: 'a-1', themeId: 't-3' })).toBe(true);
    expect(isActionInScope(scope, { id: 'a-2', themeId: 't-1' })).toBe(true);
    expect(isActionInScope(scope, { id: 'a-1', themeId: 't-1' })).toBe(false);
    expect(isActionInScope(scope, { id: 'a-1', themeId: null })).toBe(false);
  });
});
