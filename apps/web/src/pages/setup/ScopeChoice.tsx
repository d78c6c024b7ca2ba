// A working group's scope chosen on the plan tree: whole themes, or single actions of a theme not chosen as a
// whole. The new group's page and the group's edit page choose it with this one list.
import { useTranslation } from 'react-i18next';
import type { PlanTree, PlanTreeGoal } from '../../types';

/** every action under these goals, at any depth */
export const actionsOf = (goals: readonly PlanTreeGoal[]): { id: string; code: string; title: string }[] =>
  goals.flatMap((goal) => [...goal.actions, ...actionsOf(goal.goals)]);

const toggle = (list: string[], id: string, on: boolean) =>
  on ? [...list, id] : list.filter((x) => x !== id);

export function ScopeChoice({
  tree,
  themeIds,
  actionIds,
  onThemes,
  onActions,
}: {
  tree: PlanTree;
  themeIds: string[];
  actionIds: string[];
  onThemes: (ids: string[]) => void;
  onActions: (ids: string[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <ul className="scope-tree">
      {tree.themes.map((theme) => {
        const wholeTheme = themeIds.includes(theme.id);
        const actions = actionsOf(theme.goals);
        const chosen = actions.filter((action) => actionIds.includes(action.id)).length;
        return (
          <li key={theme.id}>
            <label>
              <input
                type="checkbox"
                checked={wholeTheme}
                onChange={(event) => onThemes(toggle(themeIds, theme.id, event.target.checked))}
              />{' '}
              {t('setupGroup.theme', { code: theme.code, title: theme.title })}
            </label>
            {!wholeTheme && actions.length > 0 && (
              <details open={chosen > 0}>
                <summary>{t('setupGroup.singleActions', { count: actions.length })}</summary>
                <ul>
                  {actions.map((action) => (
                    <li key={action.id}>
                      <label>
                        <input
                          type="checkbox"
                          checked={actionIds.includes(action.id)}
                          onChange={(event) => onActions(toggle(actionIds, action.id, event.target.checked))}
                        />{' '}
                        {action.code} {action.title}
                      </label>
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </li>
        );
      })}
    </ul>
  );
}
