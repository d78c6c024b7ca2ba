// Editing the plan tree (coordinator): add themes, goals (under a theme or a goal) and actions; rename them;
// move a theme or goal up or down among its siblings; move a goal under another theme or goal and an action
// under another goal; remove an empty theme or goal; archive an action, or a theme or goal with what it holds.
// The tree is a list of buttons: the one chosen opens its forms in the editor next to (on a phone: under) it.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorMessage, Loading } from '../../components/common';
import { useResource } from '../../hooks';
import { navigate } from '../../router';
import type { PlanSummary, PlanTree, PlanTreeGoal, WriteResult } from '../../types';
import { FormErrorRegion, useFormErrors } from '../../forms/form-errors';
import { Field, WriteForm, useWrite, useWriteForm } from '../../forms/write-form';
import { SetupNav } from './setup-common';
import {
  IndicatorStatusBadge,
  IndicatorsPanel,
  PriorityBadge,
  ReportingForm,
  type ReportingNode,
} from '../reporting/Reporting';

type Node = ReportingNode &
  (
    | { kind: 'theme'; id: string; code: string; title: string; goals: PlanTreeGoal[]; siblings: string[] }
    | {
        kind: 'goal';
        id: string;
        code: string;
        title: string;
        goals: PlanTreeGoal[];
        actions: PlanTreeGoal['actions'];
        parentId: string;
        siblings: string[];
      }
    | { kind: 'action'; id: string; code: string; title: string; goalId: string }
  );

/** the BBC code, priority badge, progress and indicator status after a node's title in the tree */
function reportingLabel(node: PlanTreeGoal | PlanTreeGoal['actions'][number], progress: string | null) {
  return (
    <>
      {node.bbcCode && <span className="bbc-code"> [{node.bbcCode}]</span>} <PriorityBadge node={node} />
      {progress !== null && <span className="muted"> {progress}</span>}
      {node.indicators.status !== 'no_data' && (
        <>
          {' '}
          <IndicatorStatusBadge status={node.indicators.status} />
        </>
      )}
    </>
  );
}

type Done = (result: WriteResult, text: string, select?: string | null) => void;

const CODE_FIELDS = { 'PLAN.CODE_TAKEN': 'code', 'ACTION.CODE_TAKEN': 'code' };

/** every node of the tree by id, with what its forms need */
function indexTree(tree: PlanTree): Map<string, Node> {
  const nodes = new Map<string, Node>();
  const themeIds = tree.themes.map((theme) => theme.id);
  const goals = (list: PlanTreeGoal[], parentId: string) => {
    const siblings = list.map((goal) => goal.id);
    for (const goal of list) {
      nodes.set(goal.id, { kind: 'goal', ...goal, parentId, siblings });
      for (const action of goal.actions) nodes.set(action.id, { kind: 'action', ...action, goalId: goal.id });
      goals(goal.goals, goal.id);
    }
  };
  for (const theme of tree.themes) {
    nodes.set(theme.id, { kind: 'theme', ...theme, siblings: themeIds });
    goals(theme.goals, theme.id);
  }
  return nodes;
}

export function PlanTreePage({ planId }: { planId: string }) {
  const { t, i18n } = useTranslation();
  const tree = useResource<PlanTree>(`/api/plans/${planId}`);
  const [selected, setSelected] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const done: Done = (result, text, select) => {
    tree.reload(result.position);
    setAnnounce(text);
    if (select !== undefined) setSelected(select);
  };
  if (tree.error) return <ErrorMessage error={tree.error} />;
  if (!tree.data) return <Loading />;
  const nodes = indexTree(tree.data);
  const node = selected ? (nodes.get(selected) ?? null) : null;

  const item = (id: string, label: ReactNode, children?: ReactNode) => (
    <li key={id}>
      <button
        type="button"
        className={selected === id ? 'tree-node selected' : 'tree-node'}
        aria-pressed={selected === id}
        onClick={() => setSelected(selected === id ? null : id)}
      >
        {label}
      </button>
      {children}
    </li>
  );
  const goalList = (goals: PlanTreeGoal[]) =>
    goals.length > 0 && (
      <ul>
        {goals.map((goal) =>
          item(
            goal.id,
            <>
              {`${goal.code} ${goal.title}`}
              {reportingLabel(goal, goal.progress === null ? null : `${goal.progress} %`)}
            </>,
            <>
              {goalList(goal.goals)}
              {goal.actions.length > 0 && (
                <ul className="tree-actions">
                  {goal.actions.map((action) =>
                    item(
                      action.id,
                      <>
                        {`${action.code} ${action.title}`}
                        {reportingLabel(action, null)}
                      </>,
                    ),
                  )}
                </ul>
              )}
            </>,
          ),
        )}
      </ul>
    );

  return (
    <div className="setup-page">
      <h1>{t('setup.tree.title', { plan: tree.data.title })}</h1>
      <SetupNav current="tree" planId={planId} />
      <p className="muted">{t('setup.tree.intro')}</p>
      <p role="status" className="sr-only" data-testid="setup-announce">
        {announce}
      </p>
      <div className="tree-editor">
        <section aria-labelledby="tree-heading">
          <h2 id="tree-heading">{t('setup.tree.tree')}</h2>
          {tree.data.themes.length === 0 ? (
            <p className="muted">{t('setup.tree.empty')}</p>
          ) : (
            <ul className="plan-tree" data-testid="plan-tree">
              {tree.data.themes.map((theme) =>
                item(
                  theme.id,
                  <>
                    {t('setupGroup.theme', { code: theme.code, title: theme.title })}
                    {reportingLabel(theme, theme.progress === null ? null : `${theme.progress} %`)}
                  </>,
                  goalList(theme.goals),
                ),
              )}
            </ul>
          )}
          <p className="muted rule" data-testid="tree-rules">
            {i18n.language === 'en' ? tree.data.rules.progress.en : tree.data.rules.progress.nl}{' '}
            {i18n.language === 'en' ? tree.data.rules.indicatorRollUp.en : tree.data.rules.indicatorRollUp.nl}
          </p>
          <AddForm
            formId="add-theme"
            title={t('setup.tree.addTheme')}
            button={t('setup.tree.addThemeButton')}
            write={(code, title) =>
              api.write<WriteResult>('POST', `/api/plans/${planId}/themes`, { code, title })
            }
            onDone={(result, title) => done(result, t('setup.tree.added', { title }))}
          />
        </section>
        <section aria-labelledby="node-editor-heading" className="setup-editor" id="node-editor">
          <h2 id="node-editor-heading">
            {node
              ? t(`setup.tree.editing.${node.kind}`, { code: node.code, title: node.title })
              : t('setup.tree.choose')}
          </h2>
          {node && (
            <NodeEditor
              key={`${node.id}|${node.title}|${node.code}`}
              planId={planId}
              node={node}
              nodes={nodes}
              onDone={done}
            />
          )}
        </section>
      </div>
    </div>
  );
}

function NodeEditor({
  planId,
  node,
  nodes,
  onDone,
}: {
  planId: string;
  node: Node;
  nodes: Map<string, Node>;
  onDone: Done;
}) {
  const { t } = useTranslation();
  const base = `/api/plans/${planId}`;
  const rename = (title: string) =>
    node.kind === 'theme'
      ? api.write<WriteResult>('PATCH', `${base}/themes/${node.id}`, { title })
      : node.kind === 'goal'
        ? api.write<WriteResult>('PATCH', `${base}/goals/${node.id}`, { title })
        : api.write<WriteResult>('PATCH', `/api/actions/${node.id}`, { title });
  return (
    <>
      <RenameForm node={node} write={rename} onDone={onDone} />
      <ReportingForm planId={planId} node={node} onDone={onDone} />
      <IndicatorsPanel planId={planId} nodeId={node.id} canEdit />
      {node.kind !== 'action' && <MoveButtons planId={planId} node={node} onDone={onDone} />}
      {node.kind !== 'theme' && <RelocateForm planId={planId} node={node} nodes={nodes} onDone={onDone} />}
      {node.kind !== 'action' && (
        <AddForm
          formId="add-goal"
          title={t('setup.tree.addGoal')}
          button={t('setup.tree.addGoalButton')}
          write={(code, title) =>
            api.write<WriteResult>('POST', `${base}/goals`, { parentId: node.id, code, title })
          }
          onDone={(result, title) => onDone(result, t('setup.tree.added', { title }))}
        />
      )}
      {node.kind === 'goal' && (
        <AddForm
          formId="add-action"
          title={t('setup.tree.addAction')}
          button={t('setup.tree.addActionButton')}
          write={(code, title) =>
            api.write<WriteResult>('POST', `${base}/actions`, { goalId: node.id, code, title })
          }
          onDone={(result, title) => onDone(result, t('setup.tree.added', { title }))}
        />
      )}
      {node.kind === 'action' ? (
        <ArchiveActionForm node={node} onDone={onDone} />
      ) : (
        <>
          <RemoveForm planId={planId} node={node} onDone={onDone} />
          <ArchiveSectionForm planId={planId} node={node} onDone={onDone} />
        </>
      )}
    </>
  );
}

/** the goals under a theme or goal at any depth, and the actions under those and under the goal itself */
function contentsOf(node: Extract<Node, { kind: 'theme' | 'goal' }>): { goals: number; actions: number } {
  const count = (goals: PlanTreeGoal[]): { goals: number; actions: number } =>
    goals.reduce(
      (sum, goal) => {
        const below = count(goal.goals);
        return {
          goals: sum.goals + 1 + below.goals,
          actions: sum.actions + goal.actions.length + below.actions,
        };
      },
      { goals: 0, actions: 0 },
    );
  const below = count(node.goals);
  return node.kind === 'goal' ? { ...below, actions: below.actions + node.actions.length } : below;
}

/**
 * Moving a goal under another theme or goal (never under itself or a goal below it), or an action under
 * another goal; the number is offered as it is and may be changed with the move.
 */
function RelocateForm({
  planId,
  node,
  nodes,
  onDone,
}: {
  planId: string;
  node: Extract<Node, { kind: 'goal' | 'action' }>;
  nodes: Map<string, Node>;
  onDone: Done;
}) {
  const { t } = useTranslation();
  const below = new Set<string>();
  if (node.kind === 'goal') {
    const walk = (goals: PlanTreeGoal[]) => {
      for (const goal of goals) {
        below.add(goal.id);
        walk(goal.goals);
      }
    };
    walk(node.goals);
  }
  const current = node.kind === 'goal' ? node.parentId : node.goalId;
  const targets = [...nodes.values()].filter(
    (candidate) =>
      candidate.kind !== 'action' &&
      (node.kind === 'goal' || candidate.kind === 'goal') &&
      candidate.id !== node.id &&
      candidate.id !== current &&
      !below.has(candidate.id),
  );
  const [target, setTarget] = useState('');
  const [code, setCode] = useState(node.code);
  const form = useWriteForm(
    () =>
      node.kind === 'goal'
        ? api.write<WriteResult>('POST', `/api/plans/${planId}/goals/${node.id}/move`, {
            parentId: target,
            code,
          })
        : api.write<WriteResult>('POST', `/api/plans/${planId}/actions/${node.id}/move`, {
            goalId: target,
            code,
          }),
    (result) => {
      const to = nodes.get(target);
      onDone(
        result,
        t('setup.tree.relocated', { title: node.title, target: to ? `${to.code} ${to.title}` : '' }),
      );
    },
    {
      fieldOf: {
        ...CODE_FIELDS,
        'PLAN.GOAL_MOVE_INTO_ITSELF': 'target',
        'ACTION.NO_CHANGE': 'target',
        'PLAN.NO_CHANGE': 'target',
      },
    },
  );
  return (
    <WriteForm
      id="relocate-node"
      level={3}
      title={t(node.kind === 'goal' ? 'setup.tree.relocateGoal' : 'setup.tree.relocateAction')}
      form={form}
      submit={t('setup.tree.relocateButton')}
      submitClass="secondary"
      submitDisabled={target === ''}
    >
      <Field label={t(node.kind === 'goal' ? 'setup.tree.newParent' : 'setup.tree.newGoal')} field="target">
        <select value={target} onChange={(event) => setTarget(event.target.value)}>
          <option value="">{t('setup.tree.chooseTarget')}</option>
          {targets.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {t(`setup.tree.target.${candidate.kind}`, { code: candidate.code, title: candidate.title })}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('setup.tree.code')} field="code">
        <input value={code} onChange={(event) => setCode(event.target.value)} />
      </Field>
    </WriteForm>
  );
}

/** Archiving a theme or goal archives everything it holds, each action with the reason; said before it is done. */
function ArchiveSectionForm({
  planId,
  node,
  onDone,
}: {
  planId: string;
  node: Extract<Node, { kind: 'theme' | 'goal' }>;
  onDone: Done;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const holds = contentsOf(node);
  const form = useWriteForm(
    () =>
      api.write<WriteResult>(
        'POST',
        `/api/plans/${planId}/${node.kind === 'theme' ? 'themes' : 'goals'}/${node.id}/archive`,
        { reason },
      ),
    (result) => onDone(result, t('setup.tree.archived', { title: node.title }), null),
  );
  return (
    <WriteForm
      id="archive-section"
      level={3}
      title={t(`setup.tree.archiveSection.${node.kind}`)}
      form={form}
      submit={t(`setup.tree.archiveSectionButton.${node.kind}`)}
      submitClass="secondary"
    >
      <p className="muted" data-testid="archive-holds">
        {holds.goals + holds.actions === 0
          ? t('setup.tree.archiveEmpty')
          : t('setup.tree.archiveHolds', { goals: holds.goals, actions: holds.actions })}
      </p>
      <Field label={t('setup.tree.reason')} field="reason">
        <input value={reason} onChange={(event) => setReason(event.target.value)} />
      </Field>
    </WriteForm>
  );
}

function RenameForm({
  node,
  write,
  onDone,
}: {
  node: Node;
  write: (title: string) => Promise<WriteResult>;
  onDone: Done;
}) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(node.title);
  const form = useWriteForm(
    () => write(title),
    (result) => onDone(result, t('setup.tree.renamed', { title })),
    { fieldOf: { 'PLAN.NO_CHANGE': 'title', 'ACTION.NO_CHANGE': 'title' } },
  );
  return (
    <WriteForm
      id="rename-node"
      level={3}
      title={t('setup.tree.rename')}
      form={form}
      submit={t('setup.tree.renameButton')}
    >
      <Field label={t('setup.tree.nodeTitle')} field="title">
        <input value={title} onChange={(event) => setTitle(event.target.value)} />
      </Field>
    </WriteForm>
  );
}

function MoveButtons({
  planId,
  node,
  onDone,
}: {
  planId: string;
  node: Extract<Node, { kind: 'theme' | 'goal' }>;
  onDone: Done;
}) {
  const { t } = useTranslation();
  const formId = 'move-node';
  const errors = useFormErrors();
  const writing = useWrite(errors);
  const index = node.siblings.indexOf(node.id);
  const move = (by: -1 | 1) => {
    const order = [...node.siblings];
    order.splice(index, 1);
    order.splice(index + by, 0, node.id);
    const path =
      node.kind === 'theme'
        ? `/api/plans/${planId}/themes/order`
        : `/api/plans/${planId}/goals/${node.parentId}/order`;
    writing.run(
      () => api.write<WriteResult>('PUT', path, { order }),
      (result) =>
        onDone(result, t(by < 0 ? 'setup.tree.movedUp' : 'setup.tree.movedDown', { title: node.title })),
    );
  };
  return (
    <div className="setup-form" role="group" aria-labelledby={`${formId}-heading`}>
      <h3 id={`${formId}-heading`}>{t('setup.tree.order')}</h3>
      <div className="buttons">
        <button
          type="button"
          className="secondary"
          disabled={writing.busy || index <= 0}
          onClick={() => move(-1)}
        >
          {t('setup.tree.up')}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={writing.busy || index < 0 || index >= node.siblings.length - 1}
          onClick={() => move(1)}
        >
          {t('setup.tree.down')}
        </button>
      </div>
      <FormErrorRegion id={`${formId}-error`} errors={errors} />
    </div>
  );
}

function AddForm({
  formId,
  title,
  button,
  write,
  onDone,
}: {
  formId: string;
  title: string;
  button: string;
  write: (code: string, title: string) => Promise<WriteResult>;
  onDone: (result: WriteResult, title: string) => void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const form = useWriteForm(
    () => write(code, name),
    (result) => {
      onDone(result, name);
      setCode('');
      setName('');
    },
    { fieldOf: CODE_FIELDS },
  );
  return (
    <WriteForm id={formId} level={3} title={title} form={form} submit={button} submitClass="secondary">
      <Field label={t('setup.tree.code')} field="code">
        <input value={code} onChange={(event) => setCode(event.target.value)} />
      </Field>
      <Field label={t('setup.tree.nodeTitle')} field="title">
        <input value={name} onChange={(event) => setName(event.target.value)} />
      </Field>
    </WriteForm>
  );
}

function RemoveForm({
  planId,
  node,
  onDone,
}: {
  planId: string;
  node: Extract<Node, { kind: 'theme' | 'goal' }>;
  onDone: Done;
}) {
  const { t } = useTranslation();
  const empty = node.goals.length === 0 && (node.kind === 'theme' || node.actions.length === 0);
  const form = useWriteForm(
    () =>
      api.write<WriteResult>(
        'DELETE',
        `/api/plans/${planId}/${node.kind === 'theme' ? 'themes' : 'goals'}/${node.id}`,
        {},
      ),
    (result) => onDone(result, t('setup.tree.removed', { title: node.title }), null),
  );
  return (
    <WriteForm
      id="remove-node"
      level={3}
      title={t('setup.tree.remove')}
      form={form}
      submit={t('setup.tree.removeButton')}
      submitClass="secondary"
      submitDisabled={!empty}
    >
      <p className="muted">{empty ? t('setup.tree.removeHelp') : t('setup.tree.notEmpty')}</p>
    </WriteForm>
  );
}

function ArchiveActionForm({ node, onDone }: { node: Node; onDone: Done }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const form = useWriteForm(
    () => api.write<WriteResult>('POST', `/api/actions/${node.id}/archive`, { reason }),
    (result) => onDone(result, t('setup.tree.archived', { title: node.title }), null),
  );
  return (
    <WriteForm
      id="archive-action"
      level={3}
      title={t('setup.tree.archiveAction')}
      form={form}
      submit={t('setup.tree.archiveButton')}
      submitClass="secondary"
    >
      <Field label={t('setup.tree.reason')} field="reason">
        <input value={reason} onChange={(event) => setReason(event.target.value)} />
      </Field>
    </WriteForm>
  );
}

/** `/setup/plan`: the tree of the first plan (the setup navigation's link before a plan is chosen). */
export function FirstPlanTreePage() {
  const { t } = useTranslation();
  const plans = useResource<{ items: PlanSummary[] }>('/api/plans');
  if (plans.error) return <ErrorMessage error={plans.error} />;
  if (!plans.data) return <Loading />;
  const first = plans.data.items[0];
  if (!first)
    return (
      <div className="setup-page">
        <h1>{t('setup.tree.noPlanTitle')}</h1>
        <SetupNav current="tree" />
        <p>{t('setup.tree.noPlan')}</p>
        <NewPlanForm />
      </div>
    );
  return <PlanTreePage planId={first.id} />;
}

/** A new, empty plan (its title and period), whose tree is then built by hand. */
function NewPlanForm() {
  const { t } = useTranslation();
  const [value, setValue] = useState({ title: '', periodStart: '', periodEnd: '' });
  const form = useWriteForm(
    () => api.write<WriteResult>('POST', '/api/plans', value),
    async (result) => {
      await api.get(`/api/plans/${result.id}`, { minPosition: result.position });
      navigate(`/plans/${result.id}/tree`);
    },
  );
  const input = (field: keyof typeof value, type = 'text') => (
    <input
      type={type}
      value={value[field]}
      onChange={(event) => setValue({ ...value, [field]: event.target.value })}
    />
  );
  return (
    <WriteForm id="new-plan" title={t('setup.tree.newPlan')} form={form} submit={t('setup.tree.createPlan')}>
      <Field label={t('setup.tree.planTitle')} field="title">
        {input('title')}
      </Field>
      <Field label={t('setup.tree.periodStart')} field="periodStart">
        {input('periodStart', 'date')}
      </Field>
      <Field label={t('setup.tree.periodEnd')} field="periodEnd">
        {input('periodEnd', 'date')}
      </Field>
    </WriteForm>
  );
}
