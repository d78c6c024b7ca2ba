import { assertNever } from '../shared/event.js';
import { WORKING_GROUP_ROLE_LABELS, type LocalizedText } from '../shared/labels.js';
import { nameOf, quoted, type FieldChange, type NameLookup } from '../shared/text.js';
import type { WorkingGroupEvent } from './working-group.events.js';

type Scope = Readonly<{ themeIds: readonly string[]; actionIds: readonly string[] }>;

const added = (from: readonly string[], to: readonly string[]): string[] =>
  to.filter((id) => !from.includes(id));

function describeScope(scope: Scope, names: NameLookup | undefined): LocalizedText {
  const themes = scope.themeIds.map((id) => nameOf(names, 'theme', id)).join(', ');
  const actions = scope.actionIds.join(', ');
  const nl = [themes ? `thema's ${themes}` : '', actions ? `acties ${actions}` : ''];
  const en = [themes ? `themes ${themes}` : '', actions ? `actions ${actions}` : ''];
  return { nl: nl.filter(Boolean).join('; '), en: en.filter(Boolean).join('; ') };
}

function describeScopeChange(from: Scope, to: Scope, names: NameLookup | undefined): LocalizedText {
  const plus = describeScope(
    { themeIds: added(from.themeIds, to.themeIds), actionIds: added(from.actionIds, to.actionIds) },
    names,
  );
  const minus = describeScope(
    { themeIds: added(to.themeIds, from.themeIds), actionIds: added(to.actionIds, from.actionIds) },
    names,
  );
  const nl = [plus.nl ? `toegevoegd ${plus.nl}` : '', minus.nl ? `verwijderd ${minus.nl}` : ''];
  const en = [plus.en ? `added ${plus.en}` : '', minus.en ? `removed ${minus.en}` : ''];
  return {
    nl: `Werkterrein gewijzigd: ${nl.filter(Boolean).join('; ') || 'andere volgorde'}`,
    en: `Scope changed: ${en.filter(Boolean).join('; ') || 'new order'}`,
  };
}

/** A one-line summary of a working-group event. */
export function describeWorkingGroupEvent(event: WorkingGroupEvent, names?: NameLookup): LocalizedText {
  const user = (id: string): string => nameOf(names, 'user', id);
  switch (event.type) {
    case 'WorkingGroupCreated': {
      const scope = describeScope(event.data.scope, names);
      return {
        nl: `Werkgroep ${quoted(event.data.name)} opgericht voor ${scope.nl}`,
        en: `Working group ${quoted(event.data.name)} created for ${scope.en}`,
      };
    }
    case 'WorkingGroupRenamed': {
      const { from, to } = event.data;
      return {
        nl: `Werkgroep hernoemd van ${quoted(from)} naar ${quoted(to)}`,
        en: `Working group renamed from ${quoted(from)} to ${quoted(to)}`,
      };
    }
    case 'WorkingGroupDescriptionChanged':
      return { nl: 'Beschrijving van de werkgroep gewijzigd', en: 'Working group description changed' };
    case 'WorkingGroupScopeChanged':
      return describeScopeChange(event.data.from, event.data.to, names);
    case 'WorkingGroupMemberAdded': {
      const { userId, partnerId, role } = event.data;
      const label = WORKING_GROUP_ROLE_LABELS[role];
      const of = partnerId === null ? '' : ` (${nameOf(names, 'partner', partnerId)})`;
      return {
        nl: `${user(userId)}${of} toegevoegd als ${label.nl}`,
        en: `${user(userId)}${of} added as ${label.en}`,
      };
    }
    case 'WorkingGroupMemberRoleChanged': {
      const from = WORKING_GROUP_ROLE_LABELS[event.data.from];
      const to = WORKING_GROUP_ROLE_LABELS[event.data.to];
      const who = user(event.data.userId);
      return {
        nl: `Rol van ${who} in de werkgroep gewijzigd van ${from.nl} naar ${to.nl}`,
        en: `Role of ${who} in the working group changed from ${from.en} to ${to.en}`,
      };
    }
    case 'WorkingGroupMemberRemoved': {
      const who = user(event.data.userId);
      return { nl: `${who} uit de werkgroep verwijderd`, en: `${who} removed from the working group` };
    }
    case 'WorkingGroupArchived':
      return {
        nl: `Werkgroep gearchiveerd: ${event.data.reason}`,
        en: `Working group archived: ${event.data.reason}`,
      };
    default:
      return assertNever(event);
  }
}

export function workingGroupChangesOf(event: WorkingGroupEvent): FieldChange[] {
  switch (event.type) {
    case 'WorkingGroupCreated': {
      const { planId, name, description, scope } = event.data;
      return [
        { field: 'planId', from: null, to: planId },
        { field: 'name', from: null, to: name },
        { field: 'description', from: null, to: description },
        { field: 'scope', from: null, to: scope },
      ];
    }
    case 'WorkingGroupRenamed':
      return [{ field: 'name', from: event.data.from, to: event.data.to }];
    case 'WorkingGroupDescriptionChanged':
      return [{ field: 'description', from: event.data.from, to: event.data.to }];
    case 'WorkingGroupScopeChanged':
      return [{ field: 'scope', from: event.data.from, to: event.data.to }];
    case 'WorkingGroupMemberAdded':
      return [{ field: 'members', from: null, to: event.data.userId }];
    case 'WorkingGroupMemberRoleChanged':
      return [{ field: `members.${event.data.userId}.role`, from: event.data.from, to: event.data.to }];
    case 'WorkingGroupMemberRemoved':
      return [{ field: 'members', from: event.data.userId, to: null }];
    case 'WorkingGroupArchived':
      return [{ field: 'archived', from: false, to: true }];
    default:
      return assertNever(event);
  }
}
