import { assertNever } from '../shared/event.js';
import type { LocalizedText } from '../shared/labels.js';
import { formatDate, nameOf, quoted, withDetail, type FieldChange, type NameLookup } from '../shared/text.js';
import type { NodeReportingFields, PlanEvent, ReportingNodeKind } from './plan.events.js';

const NODE_KIND_LABELS: Readonly<Record<ReportingNodeKind, LocalizedText>> = {
  theme: { nl: 'thema', en: 'theme' },
  goal: { nl: 'doel', en: 'goal' },
  action: { nl: 'actie', en: 'action' },
};

/** the changed reporting fields, each as "BBC-code BD1 → BD2" */
function reportingParts(from: NodeReportingFields, to: NodeReportingFields): LocalizedText[] {
  const code = (value: string | null): string => value ?? '-';
  const parts: LocalizedText[] = [];
  if (from.bbcCode !== to.bbcCode)
    parts.push({
      nl: `BBC-code ${code(from.bbcCode)} → ${code(to.bbcCode)}`,
      en: `BBC code ${code(from.bbcCode)} → ${code(to.bbcCode)}`,
    });
  if (from.priority !== to.priority)
    parts.push(
      to.priority
        ? { nl: 'prioritair gemaakt', en: 'marked priority' }
        : { nl: 'niet langer prioritair', en: 'no longer priority' },
    );
  if (from.subReportingCode !== to.subReportingCode)
    parts.push({
      nl: `beleidsrapporteringscode ${code(from.subReportingCode)} → ${code(to.subReportingCode)}`,
      en: `sub-reporting code ${code(from.subReportingCode)} → ${code(to.subReportingCode)}`,
    });
  if (from.weight !== to.weight)
    parts.push({
      nl: `gewicht ${String(from.weight).replace('.', ',')} → ${String(to.weight).replace('.', ',')}`,
      en: `weight ${from.weight} → ${to.weight}`,
    });
  return parts;
}

/** A one-line summary of a plan event, for history views and minutes. */
export function describePlanEvent(event: PlanEvent, names?: NameLookup): LocalizedText {
  const theme = (id: string): string => nameOf(names, 'theme', id);
  const goal = (id: string): string => nameOf(names, 'goal', id);
  // a goal's parent is a theme or a goal; the lookup decides which name it knows
  const section = (id: string): string => names?.('goal', id) ?? names?.('theme', id) ?? id;
  const partner = (id: string | null): string | null => (id === null ? null : nameOf(names, 'partner', id));

  switch (event.type) {
    case 'PlanCreated': {
      const { title, periodStart, periodEnd } = event.data;
      const [start, end] = [formatDate(periodStart), formatDate(periodEnd)];
      return {
        nl: `Plan ${quoted(title)} aangemaakt (${start.nl} - ${end.nl})`,
        en: `Plan ${quoted(title)} created (${start.en} - ${end.en})`,
      };
    }
    case 'PlanRenamed': {
      const { from, to } = event.data;
      return {
        nl: `Plan hernoemd van ${quoted(from)} naar ${quoted(to)}`,
        en: `Plan renamed from ${quoted(from)} to ${quoted(to)}`,
      };
    }
    case 'PlanPublicationChanged':
      return event.data.public
        ? { nl: 'Publieke pagina van het plan aangezet', en: "The plan's public page switched on" }
        : { nl: 'Publieke pagina van het plan uitgezet', en: "The plan's public page switched off" };
    case 'ThemeAdded': {
      const { code, title, leadPartnerId } = event.data;
      const lead = partner(leadPartnerId);
      return {
        nl: `Thema ${code} ${quoted(title)} toegevoegd${lead ? ` met trekker ${lead}` : ''}`,
        en: `Theme ${code} ${quoted(title)} added${lead ? ` with lead ${lead}` : ''}`,
      };
    }
    case 'ThemeRenamed': {
      const { from, to } = event.data;
      return {
        nl: `Thema hernoemd van ${quoted(from)} naar ${quoted(to)}`,
        en: `Theme renamed from ${quoted(from)} to ${quoted(to)}`,
      };
    }
    case 'ThemeLeadChanged': {
      const name = theme(event.data.themeId);
      const from = partner(event.data.from);
      const to = partner(event.data.to);
      if (to === null) {
        return { nl: `Trekker van thema ${name} verwijderd`, en: `Lead of theme ${name} removed` };
      }
      if (from === null) {
        return {
          nl: `Trekker van thema ${name} toegewezen: ${to}`,
          en: `Lead of theme ${name} assigned: ${to}`,
        };
      }
      return {
        nl: `Trekker van thema ${name} gewijzigd van ${from} naar ${to}`,
        en: `Lead of theme ${name} changed from ${from} to ${to}`,
      };
    }
    case 'ThemesReordered': {
      const order = event.data.order.map(theme).join(', ');
      return { nl: `Volgorde van de thema's gewijzigd: ${order}`, en: `Themes reordered: ${order}` };
    }
    case 'ThemeRemoved': {
      const name = theme(event.data.themeId);
      return { nl: `Thema ${name} verwijderd`, en: `Theme ${name} removed` };
    }
    case 'GoalAdded': {
      const { code, title, parentId } = event.data;
      const parent = section(parentId);
      return {
        nl: `Doel ${code} ${quoted(title)} toegevoegd onder ${parent}`,
        en: `Goal ${code} ${quoted(title)} added under ${parent}`,
      };
    }
    case 'GoalRenamed': {
      const { from, to } = event.data;
      return {
        nl: `Doel hernoemd van ${quoted(from)} naar ${quoted(to)}`,
        en: `Goal renamed from ${quoted(from)} to ${quoted(to)}`,
      };
    }
    case 'GoalsReordered': {
      const parent = section(event.data.parentId);
      const order = event.data.order.map(goal).join(', ');
      return {
        nl: `Volgorde van de doelen onder ${parent} gewijzigd: ${order}`,
        en: `Goals under ${parent} reordered: ${order}`,
      };
    }
    case 'GoalRemoved': {
      const name = goal(event.data.goalId);
      return { nl: `Doel ${name} verwijderd`, en: `Goal ${name} removed` };
    }
    case 'ActionPlaced': {
      const { code, goalId } = event.data;
      return {
        nl: `Actie ${code} geplaatst onder doel ${goal(goalId)}`,
        en: `Action ${code} placed under goal ${goal(goalId)}`,
      };
    }
    case 'ActionUnplaced': {
      const { actionId, reason } = event.data;
      return {
        nl: withDetail(`Actie ${actionId} uit het plan gehaald`, reason),
        en: withDetail(`Action ${actionId} taken out of the plan`, reason),
      };
    }
    case 'GoalMoved': {
      const { fromCode, toCode } = event.data;
      const to = section(event.data.toParentId);
      const renumbered =
        fromCode === toCode ? null : { nl: `, nieuwe code ${toCode}`, en: `, new code ${toCode}` };
      return {
        nl: `Doel ${fromCode} verplaatst naar ${to}${renumbered?.nl ?? ''}`,
        en: `Goal ${fromCode} moved to ${to}${renumbered?.en ?? ''}`,
      };
    }
    case 'ActionMoved': {
      const { fromCode, toCode } = event.data;
      const to = goal(event.data.toGoalId);
      const renumbered =
        fromCode === toCode ? null : { nl: `, nieuwe code ${toCode}`, en: `, new code ${toCode}` };
      return {
        nl: `Actie ${fromCode} verplaatst naar doel ${to}${renumbered?.nl ?? ''}`,
        en: `Action ${fromCode} moved to goal ${to}${renumbered?.en ?? ''}`,
      };
    }
    case 'ThemeArchived':
    case 'GoalArchived': {
      const { reason, goalIds, actionIds } = event.data;
      const [nl, en] =
        event.type === 'ThemeArchived'
          ? [`Thema ${theme(event.data.themeId)}`, `Theme ${theme(event.data.themeId)}`]
          : [`Doel ${goal(event.data.goalId)}`, `Goal ${goal(event.data.goalId)}`];
      const goals = event.type === 'ThemeArchived' ? goalIds.length : goalIds.length - 1;
      return {
        nl: withDetail(
          `${nl} gearchiveerd met ${goals} onderliggende doelen en ${actionIds.length} acties`,
          reason,
        ),
        en: withDetail(`${en} archived with ${goals} goals below it and ${actionIds.length} actions`, reason),
      };
    }
    case 'NodeReportingChanged': {
      const { kind, nodeId, from, to } = event.data;
      const node = kind === 'theme' ? theme(nodeId) : kind === 'goal' ? goal(nodeId) : nodeId;
      const label = NODE_KIND_LABELS[kind];
      const parts = reportingParts(from, to);
      return {
        nl: `Rapportering van ${label.nl} ${node} gewijzigd: ${parts.map((part) => part.nl).join(', ')}`,
        en: `Reporting of ${label.en} ${node} changed: ${parts.map((part) => part.en).join(', ')}`,
      };
    }
    default:
      return assertNever(event);
  }
}

/** The fields a plan event changed, with before and after (null before: the value is new). */
export function planChangesOf(event: PlanEvent): FieldChange[] {
  switch (event.type) {
    case 'PlanCreated': {
      const { data } = event;
      return (['title', 'description', 'periodStart', 'periodEnd'] as const).map((field) => ({
        field,
        from: null,
        to: data[field],
      }));
    }
    case 'PlanRenamed':
      return [{ field: 'title', from: event.data.from, to: event.data.to }];
    case 'PlanPublicationChanged':
      return [{ field: 'public', from: !event.data.public, to: event.data.public }];
    case 'ThemeAdded':
      return [{ field: 'themes', from: null, to: event.data.themeId }];
    case 'ThemeRenamed':
      return [{ field: 'theme.title', from: event.data.from, to: event.data.to }];
    case 'ThemeLeadChanged':
      return [{ field: 'theme.lead', from: event.data.from, to: event.data.to }];
    // the event holds the new order only; the old one is in the state before it
    case 'ThemesReordered':
      return [{ field: 'themeOrder', from: null, to: event.data.order }];
    case 'ThemeRemoved':
      return [{ field: 'themes', from: event.data.themeId, to: null }];
    case 'GoalAdded':
      return [{ field: 'goals', from: null, to: event.data.goalId }];
    case 'GoalRenamed':
      return [{ field: 'goal.title', from: event.data.from, to: event.data.to }];
    case 'GoalsReordered':
      return [{ field: 'goalOrder', from: null, to: event.data.order }];
    case 'GoalRemoved':
      return [{ field: 'goals', from: event.data.goalId, to: null }];
    case 'ActionPlaced':
      return [{ field: 'actions', from: null, to: event.data.actionId }];
    case 'ActionUnplaced':
      return [{ field: 'actions', from: event.data.actionId, to: null }];
    case 'GoalMoved': {
      const { fromParentId, toParentId, fromCode, toCode } = event.data;
      const changes: FieldChange[] = [{ field: 'goal.parent', from: fromParentId, to: toParentId }];
      if (fromCode !== toCode) changes.push({ field: 'goal.code', from: fromCode, to: toCode });
      return changes;
    }
    case 'ActionMoved': {
      const { fromGoalId, toGoalId, fromCode, toCode } = event.data;
      const changes: FieldChange[] = [{ field: 'action.goal', from: fromGoalId, to: toGoalId }];
      if (fromCode !== toCode) changes.push({ field: 'action.code', from: fromCode, to: toCode });
      return changes;
    }
    case 'ThemeArchived':
      return [{ field: 'themes', from: event.data.themeId, to: null }];
    case 'GoalArchived':
      return [{ field: 'goals', from: event.data.goalId, to: null }];
    case 'NodeReportingChanged': {
      const { from, to } = event.data;
      return (['bbcCode', 'priority', 'subReportingCode', 'weight'] as const)
        .filter((field) => from[field] !== to[field])
        .map((field) => ({ field, from: from[field], to: to[field] }));
    }
    default:
      return assertNever(event);
  }
}
