// Codes, priorities and indicators (issue 16, docs/plan-cycle.md): the BBC code, priority flag, sub-reporting
// code and weight of a theme, goal or action, and the indicators on it (define, targets per year, measurements
// with date, source and comment, corrections, history and status). Used by the plan tree editor and the action
// page; reading is for everyone who reads the plan, editing for coordinators.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorMessage, Loading, useFormat } from '../../components/common';
import { useResource } from '../../hooks';
import type { IndicatorDetail, IndicatorStatus, PlanIndicators, WriteResult } from '../../types';
import { Field, WriteForm, useWriteForm } from '../../forms/write-form';

/** what a node of the tree (or an action) carries for reporting */
export interface ReportingNode {
  id: string;
  bbcCode: string | null;
  priority: boolean;
  effectivePriority?: boolean;
  priorityInherited?: boolean;
  subReportingCode: string | null;
  weight: number;
}

/** "prioritair" for a node marked priority itself, "prioritair (via een actie)" for one that inherits it */
export function PriorityBadge({ node }: { node: Pick<ReportingNode, 'priority' | 'priorityInherited'> }) {
  const { t } = useTranslation();
  if (node.priority) return <span className="badge priority">{t('reporting.priority')}</span>;
  if (node.priorityInherited)
    return (
      <span className="badge priority inherited" title={t('reporting.inheritedHint')}>
        {t('reporting.priorityInherited')}
      </span>
    );
  return null;
}

export function IndicatorStatusBadge({ status }: { status: IndicatorStatus }) {
  const { t } = useTranslation();
  return <span className={`badge indicator-${status}`}>{t(`reporting.status.${status}`)}</span>;
}

/** Editing the BBC code, priority, sub-reporting code and weight of one node (coordinator). */
export function ReportingForm({
  planId,
  node,
  onDone,
}: {
  planId: string;
  node: ReportingNode;
  onDone: (result: WriteResult, text: string) => void;
}) {
  const { t } = useTranslation();
  const formId = 'node-reporting';
  const [bbcCode, setBbcCode] = useState(node.bbcCode ?? '');
  const [priority, setPriority] = useState(node.priority);
  const [subReportingCode, setSubReportingCode] = useState(node.subReportingCode ?? '');
  const [weight, setWeight] = useState(String(node.weight).replace('.', ','));
  const form = useWriteForm(
    () =>
      api.write<WriteResult>('PATCH', `/api/plans/${planId}/nodes/${node.id}/reporting`, {
        bbcCode: bbcCode.trim() === '' ? null : bbcCode.trim(),
        priority,
        subReportingCode: subReportingCode.trim() === '' ? null : subReportingCode.trim(),
        weight: Number(weight.replace(',', '.')),
      }),
    (result) => onDone(result, t('reporting.saved')),
    { fieldOf: { 'PLAN.BBC_CODE_TAKEN': 'bbcCode', 'PLAN.NO_CHANGE': 'bbcCode' } },
  );
  return (
    <WriteForm id={formId} title={t('reporting.title')} level={3} form={form} submit={t('reporting.save')}>
      <Field label={t('reporting.bbcCode')} field="bbcCode">
        <input value={bbcCode} placeholder="AP1.2" onChange={(event) => setBbcCode(event.target.value)} />
      </Field>
      <Field label={t('reporting.subReportingCode')} field="subReportingCode">
        <input value={subReportingCode} onChange={(event) => setSubReportingCode(event.target.value)} />
      </Field>
      <Field label={t('reporting.weight')} field="weight">
        <input inputMode="decimal" value={weight} onChange={(event) => setWeight(event.target.value)} />
      </Field>
      <div className="field checkbox">
        <label>
          <input type="checkbox" checked={priority} onChange={(event) => setPriority(event.target.checked)} />{' '}
          {t('reporting.markPriority')}
        </label>
      </div>
    </WriteForm>
  );
}

/** The indicators on one node: status, latest measurement, and (coordinator) define, target, measure. */
export function IndicatorsPanel({
  planId,
  nodeId,
  canEdit,
  asOf = null,
}: {
  planId: string;
  nodeId: string;
  canEdit: boolean;
  /** the indicators as they stood at the end of that day (`?asOf=`), or null for today */
  asOf?: string | null;
}) {
  const { t } = useTranslation();
  const list = useResource<PlanIndicators>(`/api/plans/${planId}/indicators`, {
    nodeId,
    ...(asOf ? { asOf } : {}),
  });
  const [open, setOpen] = useState<string | null>(null);
  const format = useFormat();
  return (
    <section aria-labelledby={`indicators-${nodeId}`} className="indicators" data-testid="indicators">
      <h3 id={`indicators-${nodeId}`}>{t('reporting.indicators')}</h3>
      <ErrorMessage error={list.error} />
      {!list.data ? (
        <Loading />
      ) : list.data.items.length === 0 ? (
        <p className="muted">{t('reporting.noIndicators')}</p>
      ) : (
        <ul className="indicator-list">
          {list.data.items.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                className="link"
                aria-expanded={open === item.id}
                onClick={() => setOpen(open === item.id ? null : item.id)}
              >
                {item.name}
              </button>{' '}
              <IndicatorStatusBadge status={item.status} />{' '}
              <span className="muted">
                {item.latest
                  ? t('reporting.latest', {
                      value: format.number(item.latest.value),
                      unit: item.unit,
                      date: format.date(item.latest.date),
                    })
                  : t('reporting.noMeasurement')}
                {item.statusTarget !== null &&
                  ` · ${t('reporting.targetOf', { year: item.statusYear, value: format.number(item.statusTarget) })}`}
              </span>
              {open === item.id && (
                <IndicatorDetailView
                  id={item.id}
                  canEdit={canEdit}
                  asOf={asOf}
                  onChange={(p) => list.reload(p)}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <details className="disclosure">
          <summary>{t('reporting.define')}</summary>
          <DefineIndicatorForm planId={planId} nodeId={nodeId} onDone={(p) => list.reload(p)} />
        </details>
      )}
    </section>
  );
}

function IndicatorDetailView({
  id,
  canEdit,
  asOf,
  onChange,
}: {
  id: string;
  canEdit: boolean;
  asOf: string | null;
  onChange: (position: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const detail = useResource<IndicatorDetail>(`/api/indicators/${id}`, asOf ? { asOf } : {});
  if (detail.error) return <ErrorMessage error={detail.error} />;
  if (!detail.data) return <Loading />;
  const data = detail.data;
  const changed = (result: WriteResult) => {
    detail.reload(result.position);
    onChange(result.position);
  };
  return (
    <div className="indicator-detail" data-testid="indicator-detail">
      <p className="muted">
        {t(`reporting.direction.${data.direction}`)}
        {data.baselineValue !== null &&
          ` · ${t('reporting.baselineOf', { year: data.baselineYear, value: format.number(data.baselineValue) })}`}
      </p>
      <p className="muted rule">{i18n.language === 'en' ? data.statusRule.en : data.statusRule.nl}</p>
      <h4>{t('reporting.targets')}</h4>
      {data.targets.length === 0 ? (
        <p className="muted">{t('reporting.noTargets')}</p>
      ) : (
        <ul>
          {data.targets.map((target) => (
            <li key={target.year}>
              {target.year}: {format.number(target.value)} {data.unit}
            </li>
          ))}
        </ul>
      )}
      <h4>{t('reporting.measurements')}</h4>
      {data.measurements.length === 0 ? (
        <p className="muted">{t('reporting.noMeasurement')}</p>
      ) : (
        <table className="data stack">
          <thead>
            <tr>
              <th scope="col">{t('reporting.date')}</th>
              <th scope="col">{t('reporting.value')}</th>
              <th scope="col">{t('reporting.source')}</th>
              <th scope="col">{t('reporting.comment')}</th>
            </tr>
          </thead>
          <tbody>
            {data.measurements.map((m) => (
              <tr key={m.measurementId} data-testid="measurement">
                <td data-label={t('reporting.date')}>{format.date(m.date)}</td>
                <td data-label={t('reporting.value')}>
                  {format.number(m.value)} {data.unit}
                  {m.correction && (
                    <span className="muted">
                      {' '}
                      {t('reporting.corrected', {
                        value:
                          m.correction.originalValue === null
                            ? ''
                            : format.number(m.correction.originalValue),
                        reason: m.correction.reason,
                      })}
                    </span>
                  )}
                </td>
                <td data-label={t('reporting.source')}>{m.source || '–'}</td>
                <td data-label={t('reporting.comment')}>{m.comment || '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && (
        <>
          <MeasurementForm id={id} onDone={changed} />
          <TargetForm id={id} onDone={changed} />
        </>
      )}
    </div>
  );
}

function MeasurementForm({ id, onDone }: { id: string; onDone: (result: WriteResult) => void }) {
  const { t } = useTranslation();
  const formId = `measure-${id}`;
  const [value, setValue] = useState('');
  const [date, setDate] = useState('');
  const [source, setSource] = useState('');
  const [comment, setComment] = useState('');
  const number = Number(value.replace(',', '.'));
  const form = useWriteForm(
    () =>
      api.write<WriteResult>('POST', `/api/indicators/${id}/measurements`, {
        value: value.trim() === '' || Number.isNaN(number) ? value : number,
        date,
        source,
        comment,
      }),
    (result) => {
      setValue('');
      setComment('');
      onDone(result);
    },
  );
  return (
    <WriteForm id={formId} title={t('reporting.record')} level={4} form={form} submit={t('reporting.record')}>
      <Field label={t('reporting.value')} field="value">
        <input inputMode="decimal" value={value} onChange={(event) => setValue(event.target.value)} />
      </Field>
      <Field label={t('reporting.date')} field="date">
        <input type="date" value={date} onChange={(event) => setDate(event.target.value)} />
      </Field>
      <Field label={t('reporting.source')} field="source">
        <input value={source} onChange={(event) => setSource(event.target.value)} />
      </Field>
      <Field label={t('reporting.comment')} field="comment">
        <input value={comment} onChange={(event) => setComment(event.target.value)} />
      </Field>
    </WriteForm>
  );
}

function TargetForm({ id, onDone }: { id: string; onDone: (result: WriteResult) => void }) {
  const { t } = useTranslation();
  const formId = `target-${id}`;
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [value, setValue] = useState('');
  const number = Number(value.replace(',', '.'));
  const form = useWriteForm(
    () =>
      api.write<WriteResult>('PUT', `/api/indicators/${id}/targets/${encodeURIComponent(year.trim())}`, {
        value: value.trim() === '' ? null : Number.isNaN(number) ? value : number,
      }),
    onDone,
    { fieldOf: { 'INDICATOR.NO_CHANGE': 'value' } },
  );
  return (
    <WriteForm
      id={formId}
      title={t('reporting.setTarget')}
      level={4}
      form={form}
      submit={t('reporting.setTargetButton')}
      submitClass="secondary"
    >
      <Field label={t('reporting.year')} field="year">
        <input inputMode="numeric" value={year} onChange={(event) => setYear(event.target.value)} />
      </Field>
      <Field label={t('reporting.targetValue')} field="value">
        <input inputMode="decimal" value={value} onChange={(event) => setValue(event.target.value)} />
      </Field>
    </WriteForm>
  );
}

function DefineIndicatorForm({
  planId,
  nodeId,
  onDone,
}: {
  planId: string;
  nodeId: string;
  onDone: (position: string) => void;
}) {
  const { t } = useTranslation();
  const formId = `define-indicator-${nodeId}`;
  const [name, setName] = useState('');
  const [unit, setUnit] = useState('');
  const [direction, setDirection] = useState<'higher_is_better' | 'lower_is_better'>('higher_is_better');
  const [margin, setMargin] = useState('10');
  const form = useWriteForm(
    () =>
      api.write<WriteResult>('POST', `/api/plans/${planId}/indicators`, {
        nodeId,
        name,
        unit,
        direction,
        attentionMarginPct: Number(margin.replace(',', '.')),
      }),
    (result) => {
      setName('');
      onDone(result.position);
    },
  );
  return (
    <WriteForm
      id={formId}
      title={t('reporting.define')}
      level={4}
      form={form}
      submit={t('reporting.define')}
      submitClass="secondary"
    >
      <Field label={t('reporting.name')} field="name">
        <input value={name} onChange={(event) => setName(event.target.value)} />
      </Field>
      <Field label={t('reporting.unit')} field="unit">
        <input value={unit} onChange={(event) => setUnit(event.target.value)} />
      </Field>
      <Field label={t('reporting.directionLabel')} field="direction">
        <select value={direction} onChange={(event) => setDirection(event.target.value as typeof direction)}>
          <option value="higher_is_better">{t('reporting.direction.higher_is_better')}</option>
          <option value="lower_is_better">{t('reporting.direction.lower_is_better')}</option>
        </select>
      </Field>
      <Field label={t('reporting.margin')} field="attentionMarginPct">
        <input inputMode="decimal" value={margin} onChange={(event) => setMargin(event.target.value)} />
      </Field>
    </WriteForm>
  );
}
