import { specFor } from '../shared/testing.js';
import { actionDecider } from './action.decide.js';
import type { ActionEvent } from './action.events.js';

const given = specFor(actionDecider);
const actionId = 'a-1';
const added: ActionEvent = {
  type: 'ActionAdded',
  data: {
    actionId,
    planId: 'p-1',
    goalId: 'g-1.1',
    code: '1.1.1',
    title: '1 adres voor alle vragen van gezinnen',
    description: 'Een centraal aanspreekpunt.',
    tags: ['preventie'],
    citizenIdea: false,
  },
};
const archived: ActionEvent = {
  type: 'ActionArchived',
  data: { actionId, reason: 'samengevoegd met 1.1.2' },
};
const note = (noteId: string, text: string, correctsNoteId: string | null = null): ActionEvent => ({
  type: 'ActionNoteAdded',
  data: { actionId, noteId, text, correctsNoteId },
});

describe('AddAction', () => {
  const add = {
    type: 'AddAction',
    data: { ...added.data, title: '  1 adres voor alle vragen van gezinnen ' },
  } as const;

  it('adds an action with trimmed text and defaults', () => {
    const { actionId, planId, goalId, code, title } = add.data;
    given([])
      .when({ type: 'AddAction', data: { actionId, planId, goalId, code, title } })
      .then([
        { type: 'ActionAdded', data: { ...added.data, description: '', tags: [], citizenIdea: false } },
      ]);
  });
  it('refuses to add it twice', () => {
    given([added]).when(add).thenThrows('ACTION.ALREADY_EXISTS');
  });
  it('refuses a blank title', () => {
    given([])
      .when({ type: 'AddAction', data: { ...add.data, title: ' ' } })
      .thenThrows('ACTION.INVALID', {
        field: 'title',
        rule: 'must be a non-empty text',
      });
  });
  it('refuses duplicate tags', () => {
    given([])
      .when({ type: 'AddAction', data: { ...add.data, tags: ['preventie', 'participatie', 'preventie'] } })
      .thenThrows('ACTION.INVALID', { field: 'tags', rule: 'must not contain duplicates' });
  });
});

describe('commands on an action that does not exist or is archived', () => {
  const commands = [
    { type: 'EditAction', data: { actionId, title: 'x' } },
    { type: 'ChangeActionStatus', data: { actionId, to: 'in_progress' } },
    { type: 'ChangeActionOwner', data: { actionId, ownerId: 'caw' } },
    { type: 'AddActionPartner', data: { actionId, partnerId: 'caw' } },
    { type: 'RemoveActionPartner', data: { actionId, partnerId: 'caw' } },
    { type: 'AddActionNote', data: { actionId, noteId: 'n-1', text: 'x' } },
    { type: 'RecordActionSignal', data: { actionId, signalId: 's-1', partnerId: 'caw', text: 'x' } },
    { type: 'ReportActionProgress', data: { actionId, percent: 10 } },
    { type: 'SetActionDueDate', data: { actionId, dueDate: '2025-12-31' } },
    { type: 'ArchiveAction', data: { actionId, reason: 'x' } },
  ] as const;

  it.each(commands)('$type on an absent action -> ACTION.NOT_FOUND', (command) => {
    given([]).when(command).thenThrows('ACTION.NOT_FOUND');
  });
  it.each(commands)('$type on an archived action -> ACTION.ARCHIVED', (command) => {
    given([added, archived]).when(command).thenThrows('ACTION.ARCHIVED');
  });
});

describe('EditAction', () => {
  it('emits one event per changed field', () => {
    given([added])
      .when({
        type: 'EditAction',
        data: { actionId, title: 'Eén adres', description: 'Nieuw.', tags: ['armoede'] },
      })
      .then([
        { type: 'ActionTitleChanged', data: { actionId, from: added.data.title, to: 'Eén adres' } },
        {
          type: 'ActionDescriptionChanged',
          data: { actionId, from: 'Een centraal aanspreekpunt.', to: 'Nieuw.' },
        },
        { type: 'ActionTagsChanged', data: { actionId, from: ['preventie'], to: ['armoede'] } },
      ]);
  });
  it('leaves out the fields that did not change', () => {
    given([added])
      .when({ type: 'EditAction', data: { actionId, title: added.data.title, description: 'Nieuw.' } })
      .then([
        {
          type: 'ActionDescriptionChanged',
          data: { actionId, from: 'Een centraal aanspreekpunt.', to: 'Nieuw.' },
        },
      ]);
  });
  it('refuses an edit that changes nothing (a reordered tag list is not a change)', () => {
    given([added])
      .when({ type: 'EditAction', data: { actionId, title: added.data.title, tags: ['preventie'] } })
      .thenThrows('ACTION.NO_CHANGE');
    given([added]).when({ type: 'EditAction', data: { actionId } }).thenThrows('ACTION.NO_CHANGE');
  });
});

describe('owner and partners', () => {
  it('assigns, changes and clears the lead', () => {
    const assigned: ActionEvent = { type: 'ActionOwnerChanged', data: { actionId, from: null, to: 'caw' } };
    given([added])
      .when({ type: 'ChangeActionOwner', data: { actionId, ownerId: 'caw' } })
      .then([assigned]);
    given([added, assigned])
      .when({ type: 'ChangeActionOwner', data: { actionId, ownerId: 'ocmw' } })
      .then([{ type: 'ActionOwnerChanged', data: { actionId, from: 'caw', to: 'ocmw' } }]);
    given([added, assigned])
      .when({ type: 'ChangeActionOwner', data: { actionId, ownerId: null } })
      .then([{ type: 'ActionOwnerChanged', data: { actionId, from: 'caw', to: null } }]);
    given([added, assigned])
      .when({ type: 'ChangeActionOwner', data: { actionId, ownerId: 'caw' } })
      .thenThrows('ACTION.NO_CHANGE');
  });
  it('adds and removes partners, each once', () => {
    const partnerAdded: ActionEvent = { type: 'ActionPartnerAdded', data: { actionId, partnerId: 'vdab' } };
    given([added])
      .when({ type: 'AddActionPartner', data: { actionId, partnerId: 'vdab' } })
      .then([partnerAdded]);
    given([added, partnerAdded])
      .when({ type: 'AddActionPartner', data: { actionId, partnerId: 'vdab' } })
      .thenThrows('ACTION.PARTNER_ALREADY_ADDED');
    given([added, partnerAdded])
      .when({ type: 'RemoveActionPartner', data: { actionId, partnerId: 'vdab' } })
      .then([{ type: 'ActionPartnerRemoved', data: { actionId, partnerId: 'vdab' } }]);
    given([added])
      .when({ type: 'RemoveActionPartner', data: { actionId, partnerId: 'vdab' } })
      .thenThrows('ACTION.PARTNER_NOT_ON_ACTION');
  });
});

describe('AddActionNote', () => {
  it('adds a note', () => {
    given([added])
      .when({ type: 'AddActionNote', data: { actionId, noteId: 'n-1', text: 'Overleg met CAW gepland.' } })
      .then([note('n-1', 'Overleg met CAW gepland.')]);
  });
  it('adds a correction that references an earlier note of the action', () => {
    given([added, note('n-1', 'Overleg in maart.')])
      .when({
        type: 'AddActionNote',
        data: { actionId, noteId: 'n-2', text: 'Overleg in april.', correctsNoteId: 'n-1' },
      })
      .then([note('n-2', 'Overleg in april.', 'n-1')]);
  });
  it('refuses a correction of a note the action does not have', () => {
    given([added, note('n-1', 'Overleg in maart.')])
      .when({ type: 'AddActionNote', data: { actionId, noteId: 'n-2', text: 'x', correctsNoteId: 'n-9' } })
      .thenThrows('ACTION.NOTE_NOT_FOUND', { correctsNoteId: 'n-9' });
  });
  it('refuses a reused note id and an empty text', () => {
    given([added, note('n-1', 'a')])
      .when({ type: 'AddActionNote', data: { actionId, noteId: 'n-1', text: 'b' } })
      .thenThrows('ACTION.NOTE_ALREADY_EXISTS');
    given([added])
      .when({ type: 'AddActionNote', data: { actionId, noteId: 'n-1', text: '' } })
      .thenThrows('ACTION.INVALID', { field: 'text', rule: 'must be a non-empty text' });
  });
});

describe('RecordActionSignal', () => {
  const text = 'Uithuiszettingen door de huisvestingsmaatschappij nemen toe.';
  it('records a signal from a partner, normal urgency by default', () => {
    given([added])
      .when({ type: 'RecordActionSignal', data: { actionId, signalId: 's-1', partnerId: 'caw', text } })
      .then([
        {
          type: 'ActionSignalRecorded',
          data: { actionId, signalId: 's-1', partnerId: 'caw', source: null, text, urgency: 'normal' },
        },
      ]);
  });
  it('records a signal from a named source without a partner', () => {
    given([added])
      .when({
        type: 'RecordActionSignal',
        data: { actionId, signalId: 's-1', source: 'Seniorenraad', text, urgency: 'high' },
      })
      .then([
        {
          type: 'ActionSignalRecorded',
          data: { actionId, signalId: 's-1', partnerId: null, source: 'Seniorenraad', text, urgency: 'high' },
        },
      ]);
  });
  it('refuses a signal from nobody, and one recorded twice', () => {
    given([added])
      .when({ type: 'RecordActionSignal', data: { actionId, signalId: 's-1', text } })
      .thenThrows('ACTION.INVALID', { field: 'source', rule: 'a partner or a source is required' });
    const recorded: ActionEvent = {
      type: 'ActionSignalRecorded',
      data: { actionId, signalId: 's-1', partnerId: 'caw', source: null, text, urgency: 'low' },
    };
    given([added, recorded])
      .when({ type: 'RecordActionSignal', data: { actionId, signalId: 's-1', partnerId: 'caw', text } })
      .thenThrows('ACTION.SIGNAL_ALREADY_RECORDED');
  });
});
