import { useTranslation } from 'react-i18next';
import { Link } from '../../router';
import type { Action, PlanTree, PlanTreeGoal } from '../../types';

/** Where the action sits: plan › theme › goal (from the plan tree). */
export function Breadcrumb({ action, plan }: { action: Action; plan: PlanTree | null }) {
  const { t } = useTranslation();
  const theme = plan?.themes.find((candidate) => candidate.id === action.themeId);
  const findGoal = (goals: PlanTreeGoal[]): PlanTreeGoal | undefined => {
    for (const goal of goals) {
      if (goal.id === action.goalId) return goal;
      const inner = findGoal(goal.goals);
      if (inner) return inner;
    }
    return undefined;
  };
  const goal = theme ? findGoal(theme.goals) : undefined;
  return (
    <nav aria-label={t('actionPage.breadcrumb')} className="breadcrumb" data-testid="breadcrumb">
      <ol>
        <li>
          <Link href={`/plans/${action.planId}/actions`}>{plan?.title ?? t('actions.title')}</Link>
        </li>
        {theme && (
          <li>
            <Link href={`/plans/${action.planId}/actions?themeId=${theme.id}`}>
              {t('actionPage.theme', { code: theme.code, title: theme.title })}
            </Link>
          </li>
        )}
        {goal && (
          <li>
            <Link href={`/plans/${action.planId}/actions?goalId=${goal.id}`}>
              {t('actionPage.goal', { code: goal.code, title: goal.title })}
            </Link>
          </li>
        )}
        <li aria-current="page">{action.code}</li>
      </ol>
    </nav>
  );
}
