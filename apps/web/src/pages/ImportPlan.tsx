// The import wizard for coordinators: upload a plan document -> the tree found (counts per level, the rules
// used and their confidence) -> lines that could not be placed, each made an action of a goal or dropped ->
// titles edited inline -> confirm -> import -> the new plan. A re-import of a newer version shows the diff
// before anything is written. Nothing is saved until the coordinator confirms.
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';
import { ErrorMessage } from '../components/common';
import { useResource } from '../hooks';
import { navigate } from '../router';
import type { PlanSummary } from '../types';

type Stats = { themes: number; goals: number; actions: number };
type TreeGoal = {
  code: string;
  title: string;
  titleSentenceCase?: string;
  line?: number;
  actions: number;
  actionTitles: { code: string; title: string; codeGenerated?: boolean }[];
  goals: TreeGoal[];
};
type Unplaced = { line: number; text: string; reason: string };
type Report = {
  planId: string;
  dryRun: boolean;
  rules: string;
  rulesChosenBy: 'auto' | 'user';
  confidence: number;
  candidates: { rules: string; description: string; stats: Stats; confidence: number }[];
  title: string;
  stats: Stats;
  tree: { code: string; title: string; titleSentenceCase?: string; goals: TreeGoal[] }[];
  unplaced: Unplaced[];
  changes: { kind: 'theme' | 'goal' | 'action'; code: string; change: string }[];
  position: string | null;
};

const RULES = [
  'auto',
  'strategic-operational',
  'bbc',
  'themes-goals',
  'numbered',
  'bold-goals',
  'bruges',
] as const;
/** free text between actions: dropped unless the coordinator says otherwise */
const FREE_TEXT = 'outside-action';

type Count = { done: number; total: number };
type Progress = { themes: Count; goals: Count; actions: Count; steps: Count };
type ImportJob = {
  id: string;
  status: 'running' | 'done' | 'failed';
  progress: Progress;
  report: Report | null;
  error: { statusCode: number; code: string; message: string; details?: unknown } | null;
};

const flatGoals = (goals: TreeGoal[]): TreeGoal[] => goals.flatMap((g) => [g, ...flatGoals(g.goals)]);

export function ImportPlanPage() {
  const { t } = useTranslation();
  const plans = useResource<{ items: PlanSummary[] }>('/api/plans');
  const [file, setFile] = useState<File | null>(null);
  const [target, setTarget] = useState('');
  const [rules, setRules] = useState<(typeof RULES)[number]>('auto');
  const [report, setReport] = useState<Report | null>(null);
  const [titles, setTitles] = useState<Record<string, string>>({});
  const [choices, setChoices] = useState<Record<number, string>>({});
  const [busy, setBusy] = useState<'reading' | 'importing' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [imported, setImported] = useState<Report | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);

  const form = (dryRun: boolean, edits?: object): FormData => {
    const data = new FormData();
    data.append('file', file!);
    if (target) data.append('planId', target);
    data.append('rules', rules);
    data.append('dryRun', String(dryRun));
    if (edits) data.append('edits', JSON.stringify(edits));
    return data;
  };

  const preview = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy('reading');
    setError(null);
    try {
      const answer = await api.postForm<Report>('/api/plans/import', form(true));
      setReport(answer);
      setTitles({});
      setChoices(
        Object.fromEntries(answer.unplaced.map((u) => [u.line, u.reason === FREE_TEXT ? 'drop' : ''])),
      );
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  };

  const goals = useMemo(
    () => (report ? report.tree.flatMap((theme) => flatGoals(theme.goals)) : []),
    [report],
  );
  const undecided = report ? report.unplaced.filter((u) => !choices[u.line]).length : 0;

  const edits = () => {
    if (!report) return {};
    const changed = Object.fromEntries(Object.entries(titles).filter(([, title]) => title.trim() !== ''));
    const placements = report.unplaced
      .filter((u) => choices[u.line] && choices[u.line] !== 'drop')
      .map((u) => ({ line: u.line, goal: choices[u.line]! }));
    const dropped = report.unplaced.filter((u) => choices[u.line] === 'drop').map((u) => u.line);
    return { titles: changed, placements, dropped };
  };

  const confirm = async () => {
    setBusy('importing');
    setError(null);
    try {
      // the import runs as a job: its progress is polled until it is done
      let job = await api.postForm<ImportJob>('/api/plans/import-jobs', form(false, edits()));
      setProgress(job.progress);
      while (job.status === 'running') {
        await new Promise((wait) => setTimeout(wait, 300));
        job = await api.get<ImportJob>(`/api/plans/import-jobs/${job.id}`);
        setProgress(job.progress);
      }
      if (job.status === 'failed' || !job.report) {
        const failure = job.error ?? { statusCode: 500, code: 'INTERNAL', message: 'the import failed' };
        throw new ApiError(failure.statusCode, failure.code, failure.message, failure.details);
      }
      const answer = job.report;
      // the plan's pages read the read models: wait until they hold the import
      await api.get(`/api/plans/${answer.planId}`, { minPosition: answer.position });
      setImported(answer);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  };

  const titleOf = (code: string, original: string) => titles[code] ?? original;
  const setTitle = (code: string, title: string) => setTitles((all) => ({ ...all, [code]: title }));
  const allSentenceCase = () => {
    if (!report) return;
    const next = { ...titles };
    for (const theme of report.tree) if (theme.titleSentenceCase) next[theme.code] = theme.titleSentenceCase;
    for (const goal of goals) if (goal.titleSentenceCase) next[goal.code] = goal.titleSentenceCase;
    setTitles(next);
  };

  const step = imported ? 'confirm' : report ? 'review' : 'upload';

  return (
    <section aria-labelledby="import-heading" className="import-wizard">
      <h1 id="import-heading">{t('importWizard.title')}</h1>
      <ol aria-label={t('importWizard.steps.label')} className="wizard-steps">
        {(['upload', 'review', 'confirm'] as const).map((name) => (
          <li key={name} aria-current={step === name ? 'step' : undefined}>
            {t(`importWizard.steps.${name}`)}
          </li>
        ))}
      </ol>
      <ErrorMessage error={error} />

      {step === 'upload' && (
        <form onSubmit={(event) => void preview(event)}>
          <p>{t('importWizard.intro')}</p>
          <label>
            {t('importWizard.file')}
            <input
              type="file"
              accept=".pdf,.docx,.txt,.md,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain,text/markdown"
              onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            />
          </label>
          <label>
            {t('importWizard.target')}
            <select value={target} onChange={(event) => setTarget(event.target.value)}>
              <option value="">{t('importWizard.newPlan')}</option>
              {plans.data?.items.map((plan) => (
                <option key={plan.id} value={plan.id}>
                  {t('importWizard.reimport', { title: plan.title })}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('importWizard.rules')}
            <select
              value={rules}
              onChange={(event) => setRules(event.target.value as (typeof RULES)[number])}
            >
              {RULES.map((name) => (
                <option key={name} value={name}>
                  {name === 'auto' ? t('importWizard.rulesAuto') : name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={!file || busy !== null}>
            {busy === 'reading' ? t('importWizard.reading') : t('importWizard.preview')}
          </button>
        </form>
      )}

      {step === 'review' && report && (
        <>
          <h2>{t('importWizard.found', { title: report.title })}</h2>
          <dl className="import-counts" data-testid="import-counts">
            <dt>{t('importWizard.countThemes')}</dt>
            <dd>{report.stats.themes}</dd>
            <dt>{t('importWizard.countGoals')}</dt>
            <dd>{report.stats.goals}</dd>
            <dt>{t('importWizard.countActions')}</dt>
            <dd>{report.stats.actions}</dd>
          </dl>
          <p data-testid="import-rules">
            {t('importWizard.rulesUsed', {
              rules: report.rules,
              description:
                report.candidates.find((c) => c.rules === report.rules)?.description ??
                t('importWizard.chosenByUser'),
              confidence: Math.round(report.confidence * 100),
            })}{' '}
            ({report.rulesChosenBy === 'auto' ? t('importWizard.chosenAuto') : t('importWizard.chosenByUser')}
            )
          </p>

          {target && (
            <section aria-labelledby="import-changes">
              <h3 id="import-changes">{t('importWizard.changes', { count: report.changes.length })}</h3>
              {report.changes.length === 0 ? (
                <p>{t('importWizard.noChanges')}</p>
              ) : (
                <ul data-testid="import-changes">
                  {report.changes.map((change) => (
                    <li key={`${change.kind}-${change.code}-${change.change}`}>
                      {t(`importWizard.kind.${change.kind}`)} {change.code}:{' '}
                      {t(`importWizard.change.${change.change}`)}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          )}

          <section aria-labelledby="import-unplaced">
            <h3 id="import-unplaced">{t('importWizard.unplaced', { count: report.unplaced.length })}</h3>
            {report.unplaced.length === 0 ? (
              <p>{t('importWizard.unplacedNone')}</p>
            ) : (
              <>
                <p>{t('importWizard.unplacedHelp')}</p>
                <ul className="unplaced">
                  {report.unplaced.map((line) => (
                    <li key={line.line}>
                      <label>
                        <span>
                          {t('importWizard.lineOf', { line: line.line })} (
                          {t(`importWizard.reason.${line.reason}`)}
                          ): <q>{line.text}</q>
                        </span>
                        <select
                          value={choices[line.line] ?? ''}
                          onChange={(event) =>
                            setChoices((all) => ({ ...all, [line.line]: event.target.value }))
                          }
                        >
                          <option value="">{t('importWizard.choose')}</option>
                          <option value="drop">{t('importWizard.drop')}</option>
                          {goals.map((goal) => (
                            <option key={goal.code} value={goal.code}>
                              {t('importWizard.asAction', {
                                code: goal.code,
                                title: titleOf(goal.code, goal.title),
                              })}
                            </option>
                          ))}
                        </select>
                      </label>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>

          <section aria-labelledby="import-tree">
            <h3 id="import-tree">{t('importWizard.tree')}</h3>
            <p>{t('importWizard.treeHelp')}</p>
            {(report.tree.some((theme) => theme.titleSentenceCase) ||
              goals.some((goal) => goal.titleSentenceCase)) && (
              <button type="button" className="secondary" onClick={allSentenceCase}>
                {t('importWizard.allSentenceCase')}
              </button>
            )}
            <ul className="import-tree">
              {report.tree.map((theme) => (
                <li key={theme.code}>
                  <TitleField
                    code={theme.code}
                    value={titleOf(theme.code, theme.title)}
                    sentenceCase={theme.titleSentenceCase}
                    onChange={setTitle}
                  />
                  <GoalList goals={theme.goals} titleOf={titleOf} onChange={setTitle} />
                </li>
              ))}
            </ul>
          </section>

          {undecided > 0 && <p role="status">{t('importWizard.undecided', { count: undecided })}</p>}
          <div className="actions-row">
            <button
              type="button"
              className="secondary"
              onClick={() => setReport(null)}
              disabled={busy !== null}
            >
              {t('importWizard.back')}
            </button>
            <button type="button" onClick={() => void confirm()} disabled={undecided > 0 || busy !== null}>
              {t('importWizard.confirm')}
            </button>
          </div>
          {busy === 'importing' && !progress && (
            <p role="status">
              <progress aria-label={t('importWizard.importing', { actions: report.stats.actions })} />{' '}
              {t('importWizard.importing', { actions: report.stats.actions })}
            </p>
          )}
        </>
      )}

      {progress && (busy === 'importing' || imported) && (
        <section aria-labelledby="import-progress-heading" data-testid="import-progress">
          <h2 id="import-progress-heading">{t('importWizard.progress.title')}</h2>
          <ul className="import-progress">
            {(['themes', 'goals', 'actions'] as const).map((level) => (
              <li key={level}>
                <label>
                  {t(`importWizard.progress.${level}`, progress[level])}{' '}
                  <progress max={Math.max(progress[level].total, 1)} value={progress[level].done} />
                </label>
              </li>
            ))}
          </ul>
        </section>
      )}

      {step === 'confirm' && imported && (
        <div role="status">
          <p>
            {t('importWizard.done', {
              title: imported.title,
              themes: imported.stats.themes,
              goals: imported.stats.goals,
              actions: imported.stats.actions,
            })}
          </p>
          <button type="button" onClick={() => navigate(`/plans/${imported.planId}`)}>
            {t('importWizard.openPlan')}
          </button>
        </div>
      )}
    </section>
  );
}

function TitleField({
  code,
  value,
  sentenceCase,
  onChange,
}: {
  code: string;
  value: string;
  sentenceCase?: string;
  onChange: (code: string, title: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <span className="title-field">
      <span className="code">{code}</span>{' '}
      <input
        aria-label={t('importWizard.titleOf', { code })}
        value={value}
        onChange={(event) => onChange(code, event.target.value)}
      />
      {sentenceCase && value !== sentenceCase && (
        <button type="button" className="link-button" onClick={() => onChange(code, sentenceCase)}>
          {t('importWizard.sentenceCase')}
        </button>
      )}
    </span>
  );
}

function GoalList({
  goals,
  titleOf,
  onChange,
}: {
  goals: TreeGoal[];
  titleOf: (code: string, original: string) => string;
  onChange: (code: string, title: string) => void;
}) {
  if (goals.length === 0) return null;
  return (
    <ul>
      {goals.map((goal) => (
        <li key={goal.code}>
          <TitleField
            code={goal.code}
            value={titleOf(goal.code, goal.title)}
            sentenceCase={goal.titleSentenceCase}
            onChange={onChange}
          />
          <GoalList goals={goal.goals} titleOf={titleOf} onChange={onChange} />
          {goal.actionTitles.length > 0 && (
            <ul>
              {goal.actionTitles.map((action) => (
                <li key={action.code}>
                  <TitleField
                    code={action.code}
                    value={titleOf(action.code, action.title)}
                    onChange={onChange}
                  />
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
