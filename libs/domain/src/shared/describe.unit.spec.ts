import { changesOf, describeEvent } from './describe.js';
import { ALL_EVENT_TYPES, type DomainEvent, type DomainEventType } from './domain-event.js';
import type { NameLookup } from './text.js';
import { MEETING_EVENT_SAMPLES } from '../meeting/meeting.samples.js';
import { SIGNAL_EVENT_SAMPLES } from '../signal/signal.samples.js';
import { INDICATOR_EVENT_SAMPLES } from '../indicator/indicator.samples.js';
import { PERIOD_EVENT_SAMPLES } from '../period/period.samples.js';

const actionId = 'a-1';
const planId = 'p-1';

// one sample per event type; the mapped type makes a new event type fail to compile until it has a sample
const SAMPLES: { [T in DomainEventType]: Extract<DomainEvent, { type: T }> } = {
  PlanCreated: {
    type: 'PlanCreated',
    data: {
      planId,
      title: 'Brugge draait om mensen',
      description: 'Samenwerkplan',
      periodStart: '2021-01-01',
      periodEnd: '2025-12-31',
    },
  },
  PlanRenamed: { type: 'PlanRenamed', data: { planId, from: 'Oud', to: 'Nieuw' } },
  PlanPublicationChanged: { type: 'PlanPublicationChanged', data: { planId, public: true } },
  ThemeAdded: {
    type: 'ThemeAdded',
    data: { planId, themeId: 't3', code: '3', title: 'Een dak boven je hoofd', leadPartnerId: 'ocmw' },
  },
  ThemeRenamed: {
    type: 'ThemeRenamed',
    data: { planId, themeId: 't3', from: 'Wonen', to: 'Een dak boven je hoofd' },
  },
  ThemeLeadChanged: { type: 'ThemeLeadChanged', data: { planId, themeId: 't3', from: 'ocmw', to: 'caw' } },
  ThemesReordered: { type: 'ThemesReordered', data: { planId, order: ['t3', 't1'] } },
  ThemeRemoved: { type: 'ThemeRemoved', data: { planId, themeId: 't3' } },
  GoalAdded: {
    type: 'GoalAdded',
    data: { planId, goalId: 'g1', parentId: 't3', code: '3.1', title: 'Betaalbaar wonen' },
  },
  GoalRenamed: { type: 'GoalRenamed', data: { planId, goalId: 'g1', from: 'Wonen', to: 'Betaalbaar wonen' } },
  GoalsReordered: { type: 'GoalsReordered', data: { planId, parentId: 't3', order: ['g2', 'g1'] } },
  GoalRemoved: { type: 'GoalRemoved', data: { planId, goalId: 'g1' } },
  ActionPlaced: { type: 'ActionPlaced', data: { planId, actionId, goalId: 'g1', code: '3.1.1' } },
  ActionUnplaced: { type: 'ActionUnplaced', data: { planId, actionId, reason: 'samengevoegd' } },
  GoalMoved: {
    type: 'GoalMoved',
    data: { planId, goalId: 'g1', fromParentId: 't3', toParentId: 't1', fromCode: '3.1', toCode: '1.4' },
  },
  ActionMoved: {
    type: 'ActionMoved',
    data: { planId, actionId, fromGoalId: 'g1', toGoalId: 'g2', fromCode: '3.1.1', toCode: '3.2.4' },
  },
  ThemeArchived: {
    type: 'ThemeArchived',
    data: {
      planId,
      themeId: 't3',
      reason: 'geschrapt bij de bijsturing',
      goalIds: ['g1'],
      actionIds: [actionId],
    },
  },
  GoalArchived: {
    type: 'GoalArchived',
    data: { planId, goalId: 'g1', reason: 'geschrapt', goalIds: ['g1'], actionIds: [actionId] },
  },
  NodeReportingChanged: {
    type: 'NodeReportingChanged',
    data: {
      planId,
      nodeId: 'g1',
      kind: 'goal',
      from: { bbcCode: null, priority: false, subReportingCode: null, weight: 1 },
      to: { bbcCode: 'AP3.1', priority: true, subReportingCode: null, weight: 1.5 },
    },
  },
  ActionAdded: {
    type: 'ActionAdded',
    data: {
      actionId,
      planId,
      goalId: 'g1',
      code: '3.1.1',
      title: 'Kamerwonen',
      description: 'Kader',
      tags: ['preventie'],
      citizenIdea: true,
    },
  },
  ActionTitleChanged: { type: 'ActionTitleChanged', data: { actionId, from: 'Kamers', to: 'Kamerwonen' } },
  ActionDescriptionChanged: { type: 'ActionDescriptionChanged', data: { actionId, from: 'a', to: 'b' } },
  ActionTagsChanged: {
    type: 'ActionTagsChanged',
    data: { actionId, from: ['preventie'], to: ['participatie'] },
  },
  ActionStatusChanged: {
    type: 'ActionStatusChanged',
    data: { actionId, from: 'in_progress', to: 'postponed', reason: 'wachten op subsidie' },
  },
  ActionOwnerChanged: { type: 'ActionOwnerChanged', data: { actionId, from: 'ocmw', to: 'caw' } },
  ActionPartnerAdded: { type: 'ActionPartnerAdded', data: { actionId, partnerId: 'vdab' } },
  ActionPartnerRemoved: { type: 'ActionPartnerRemoved', data: { actionId, partnerId: 'vdab' } },
  ActionNoteAdded: {
    type: 'ActionNoteAdded',
    data: { actionId, noteId: 'n-2', text: 'Overleg in april', correctsNoteId: 'n-1' },
  },
  ActionSignalRecorded: {
    type: 'ActionSignalRecorded',
    data: {
      actionId,
      signalId: 's-1',
      partnerId: 'caw',
      source: null,
      text: 'Meer uithuiszettingen',
      urgency: 'high',
    },
  },
  ActionProgressReported: {
    type: 'ActionProgressReported',
    data: { actionId, from: 20, to: 40, comment: 'op schema' },
  },
  ActionDueDateChanged: {
    type: 'ActionDueDateChanged',
    data: { actionId, from: '2025-06-30', to: '2025-12-31' },
  },
  ActionArchived: { type: 'ActionArchived', data: { actionId, reason: 'opgenomen in 3.1.2' } },
  ActionGoalChanged: {
    type: 'ActionGoalChanged',
    data: { actionId, fromGoalId: 'g1', toGoalId: 'g2', fromCode: '3.1.1', toCode: '3.2.4' },
  },
  PartnerRegistered: {
    type: 'PartnerRegistered',
    data: { partnerId: 'caw', name: 'CAW', kind: 'non_profit' },
  },
  PartnerRenamed: { type: 'PartnerRenamed', data: { partnerId: 'caw', from: 'CAW', to: 'CAW Brugge' } },
  PartnerMerged: { type: 'PartnerMerged', data: { partnerId: 'caw', intoPartnerId: 'caw-vl' } },
  TenantCreated: { type: 'TenantCreated', data: { tenantId: 'brugge', name: 'Stad Brugge', demo: false } },
  TenantRenamed: { type: 'TenantRenamed', data: { tenantId: 'brugge', from: 'Brugge', to: 'Stad Brugge' } },
  UserRegistered: {
    type: 'UserRegistered',
    data: {
      userId: 'u-1',
      email: 'an@caw.be',
      name: 'An Peeters',
      role: 'partner',
      partnerId: 'caw',
      demo: false,
    },
  },
  UserRenamed: { type: 'UserRenamed', data: { userId: 'u-1', from: 'An', to: 'An Peeters' } },
  UserRoleChanged: { type: 'UserRoleChanged', data: { userId: 'u-1', from: 'member', to: 'coordinator' } },
  UserPartnerChanged: { type: 'UserPartnerChanged', data: { userId: 'u-1', from: 'ocmw', to: 'caw' } },
  UserDisabled: { type: 'UserDisabled', data: { userId: 'u-1', reason: 'left the organisation' } },
  UserEnabled: { type: 'UserEnabled', data: { userId: 'u-1' } },
  UserPasswordChanged: { type: 'UserPasswordChanged', data: { userId: 'u-1', by: 'admin' } },
  UserLoggedIn: { type: 'UserLoggedIn', data: { userId: 'u-1', sessionId: 's-1' } },
  UserLoginFailed: { type: 'UserLoginFailed', data: { userId: 'u-1', reason: 'bad_password' } },
  UserLoggedOut: { type: 'UserLoggedOut', data: { userId: 'u-1', sessionId: 's-1' } },
  AuditTrailRead: {
    type: 'AuditTrailRead',
    data: { userId: 'u-1', format: 'csv', filters: { kind: 'action', from: '2025-01-01' } },
  },
  UserInvited: {
    type: 'UserInvited',
    data: { userId: 'u-1', invitationId: 'i-1', expiresAt: '2024-03-08T09:00:00.000Z' },
  },
  UserInvitationAccepted: { type: 'UserInvitationAccepted', data: { userId: 'u-1', invitationId: 'i-1' } },
  WorkingGroupCreated: {
    type: 'WorkingGroupCreated',
    data: {
      workingGroupId: 'wg-1',
      planId,
      name: 'Werkgroep dak- en thuislozen',
      description: '',
      scope: { themeIds: ['t3'], actionIds: [actionId] },
    },
  },
  WorkingGroupRenamed: {
    type: 'WorkingGroupRenamed',
    data: { workingGroupId: 'wg-1', from: 'Wonen', to: 'Dak- en thuislozen' },
  },
  WorkingGroupDescriptionChanged: {
    type: 'WorkingGroupDescriptionChanged',
    data: { workingGroupId: 'wg-1', from: '', to: 'Overleg elke maand' },
  },
  WorkingGroupScopeChanged: {
    type: 'WorkingGroupScopeChanged',
    data: {
      workingGroupId: 'wg-1',
      from: { themeIds: ['t3'], actionIds: [actionId] },
      to: { themeIds: ['t3', 't4'], actionIds: [] },
    },
  },
  WorkingGroupMemberAdded: {
    type: 'WorkingGroupMemberAdded',
    data: { workingGroupId: 'wg-1', userId: 'u-1', partnerId: 'caw', role: 'chair' },
  },
  WorkingGroupMemberRoleChanged: {
    type: 'WorkingGroupMemberRoleChanged',
    data: { workingGroupId: 'wg-1', userId: 'u-1', from: 'member', to: 'secretary' },
  },
  WorkingGroupMemberRemoved: {
    type: 'WorkingGroupMemberRemoved',
    data: { workingGroupId: 'wg-1', userId: 'u-1' },
  },
  WorkingGroupArchived: {
    type: 'WorkingGroupArchived',
    data: { workingGroupId: 'wg-1', reason: 'opgegaan in wg-2' },
  },
  ...MEETING_EVENT_SAMPLES,
  ...SIGNAL_EVENT_SAMPLES,
  ...INDICATOR_EVENT_SAMPLES,
  ...PERIOD_EVENT_SAMPLES,
};

const NAMES: Record<string, string> = {
  caw: 'CAW Brugge',
  ocmw: 'OCMW Brugge',
  vdab: 'VDAB',
  t3: 'Wonen',
  g1: 'Betaalbaar wonen',
  'u-1': 'An Peeters',
};
const names: NameLookup = (_kind, id) => NAMES[id];

describe('describeEvent', () => {
  it.each(ALL_EVENT_TYPES)('describes %s in Dutch and in English', (type) => {
    const text = describeEvent(SAMPLES[type], names);
    expect(text.nl.trim()).not.toBe('');
    expect(text.en.trim()).not.toBe('');
    expect(text.nl).not.toBe(text.en);
  });

  it('summarises a status change with labels and reason', () => {
    expect(describeEvent(SAMPLES.ActionStatusChanged)).toEqual({
      nl: 'Status gewijzigd van lopend naar uitgesteld: wachten op subsidie',
      en: 'Status changed from in progress to postponed: wachten op subsidie',
    });
  });

  it('uses names when known and falls back to the id', () => {
    expect(describeEvent(SAMPLES.ActionOwnerChanged, names)).toEqual({
      nl: 'Trekker gewijzigd van OCMW Brugge naar CAW Brugge',
      en: 'Lead changed from OCMW Brugge to CAW Brugge',
    });
    expect(describeEvent(SAMPLES.ActionOwnerChanged).nl).toBe('Trekker gewijzigd van ocmw naar caw');
    expect(describeEvent(SAMPLES.ThemeLeadChanged, names).en).toBe(
      'Lead of theme Wonen changed from OCMW Brugge to CAW Brugge',
    );
  });

  it('tells a set, a moved and a cleared due date apart, with nl-BE dates', () => {
    const due = (from: string | null, to: string | null): DomainEvent => ({
      type: 'ActionDueDateChanged',
      data: { actionId, from, to },
    });
    expect(describeEvent(due(null, '2025-06-30')).nl).toBe('Einddatum ingesteld op 30/06/2025');
    expect(describeEvent(due('2025-06-30', '2025-12-31'))).toEqual({
      nl: 'Einddatum verplaatst van 30/06/2025 naar 31/12/2025',
      en: 'Due date moved from 2025-06-30 to 2025-12-31',
    });
    expect(describeEvent(due('2025-06-30', null)).en).toBe('Due date cleared (was 2025-06-30)');
  });

  it('marks a correction note and a signal with its urgency', () => {
    expect(describeEvent(SAMPLES.ActionNoteAdded).nl).toBe('Correctie op notitie n-1: Overleg in april');
    expect(describeEvent(SAMPLES.ActionSignalRecorded, names)).toEqual({
      nl: 'Signaal van CAW Brugge (urgentie hoog): Meer uithuiszettingen',
      en: 'Signal from CAW Brugge (urgency high): Meer uithuiszettingen',
    });
  });

  it('describes goals under their parent and partner merges', () => {
    expect(describeEvent(SAMPLES.GoalAdded, names).nl).toBe(
      'Doel 3.1 "Betaalbaar wonen" toegevoegd onder Wonen',
    );
    expect(describeEvent(SAMPLES.PartnerMerged, names).en).toBe('Partner CAW Brugge merged into caw-vl');
    expect(describeEvent(SAMPLES.PartnerRegistered).nl).toBe(
      'Partner "CAW" geregistreerd (vzw of middenveldorganisatie)',
    );
  });
});

describe('changesOf', () => {
  it.each(ALL_EVENT_TYPES)('lists at least one change for %s', (type) => {
    expect(changesOf(SAMPLES[type]).length).toBeGreaterThan(0);
  });

  it('gives before and after of a status change', () => {
    expect(changesOf(SAMPLES.ActionStatusChanged)).toEqual([
      { field: 'status', from: 'in_progress', to: 'postponed' },
    ]);
  });

  it('lists every initial field of an added action, from null', () => {
    expect(changesOf(SAMPLES.ActionAdded)).toEqual([
      { field: 'planId', from: null, to: planId },
      { field: 'goalId', from: null, to: 'g1' },
      { field: 'code', from: null, to: '3.1.1' },
      { field: 'title', from: null, to: 'Kamerwonen' },
      { field: 'description', from: null, to: 'Kader' },
      { field: 'tags', from: null, to: ['preventie'] },
      { field: 'citizenIdea', from: null, to: true },
    ]);
  });

  it('shows partners and notes as additions to a collection', () => {
    expect(changesOf(SAMPLES.ActionPartnerAdded)).toEqual([{ field: 'partners', from: null, to: 'vdab' }]);
    expect(changesOf(SAMPLES.ActionPartnerRemoved)).toEqual([{ field: 'partners', from: 'vdab', to: null }]);
    expect(changesOf(SAMPLES.ActionNoteAdded)).toEqual([
      { field: 'notes', from: null, to: 'Overleg in april' },
    ]);
  });

  it('covers plan and partner events', () => {
    expect(changesOf(SAMPLES.GoalRenamed)).toEqual([
      { field: 'goal.title', from: 'Wonen', to: 'Betaalbaar wonen' },
    ]);
    expect(changesOf(SAMPLES.ActionDueDateChanged)).toEqual([
      { field: 'dueDate', from: '2025-06-30', to: '2025-12-31' },
    ]);
    expect(changesOf(SAMPLES.PartnerRenamed)).toEqual([{ field: 'name', from: 'CAW', to: 'CAW Brugge' }]);
  });
});

describe('describeEvent for tenants, users and working groups', () => {
  it('names users and roles, in Dutch with the Dutch role labels', () => {
    expect(describeEvent(SAMPLES.UserRoleChanged, names)).toEqual({
      nl: 'Rol van An Peeters gewijzigd van werkgroeplid naar coördinator',
      en: 'Role of An Peeters changed from working-group member to coordinator',
    });
    expect(describeEvent(SAMPLES.UserRegistered, names).nl).toBe(
      'Gebruiker "An Peeters" <an@caw.be> geregistreerd als partner (CAW Brugge)',
    );
    expect(describeEvent(SAMPLES.UserLoginFailed, names)).toEqual({
      nl: 'Mislukte aanmelding van An Peeters: verkeerd wachtwoord',
      en: 'Failed sign-in of An Peeters: wrong password',
    });
    expect(describeEvent(SAMPLES.UserPasswordChanged).en).toBe('Password of u-1 reset by an administrator');
  });

  it('never shows more than who changed a password', () => {
    expect(changesOf(SAMPLES.UserPasswordChanged)).toEqual([
      { field: 'passwordChangedBy', from: null, to: 'admin' },
    ]);
  });

  it('describes members with their organisation and role, and scope changes as additions and removals', () => {
    expect(describeEvent(SAMPLES.WorkingGroupMemberAdded, names)).toEqual({
      nl: 'An Peeters (CAW Brugge) toegevoegd als voorzitter',
      en: 'An Peeters (CAW Brugge) added as chair',
    });
    expect(describeEvent(SAMPLES.WorkingGroupScopeChanged, names)).toEqual({
      nl: "Werkterrein gewijzigd: toegevoegd thema's t4; verwijderd acties a-1",
      en: 'Scope changed: added themes t4; removed actions a-1',
    });
    expect(describeEvent(SAMPLES.WorkingGroupCreated, names).en).toBe(
      'Working group "Werkgroep dak- en thuislozen" created for themes Wonen; actions a-1',
    );
    expect(describeEvent(SAMPLES.TenantCreated).nl).toBe('Omgeving "Stad Brugge" aangemaakt');
  });
});
