import { specFor } from '../shared/testing.js';
import type { WorkingGroupCommand } from './working-group.commands.js';
import { workingGroupDecider } from './working-group.decide.js';
import type { WorkingGroupEvent, WorkingGroupRole } from './working-group.events.js';

const given = specFor(workingGroupDecider);
const workingGroupId = 'wg-housing';
const created: WorkingGroupEvent = {
  type: 'WorkingGroupCreated',
  data: {
    workingGroupId,
    planId: 'brugge',
    name: 'Werkgroep dak- en thuislozen',
    description: '',
    scope: { themeIds: ['t3'], actionIds: [] },
  },
};
const added = (
  userId: string,
  role: WorkingGroupRole = 'member',
  partnerId: string | null = null,
): WorkingGroupEvent => ({
  type: 'WorkingGroupMemberAdded',
  data: { workingGroupId, userId, partnerId, role },
});
const archived: WorkingGroupEvent = {
  type: 'WorkingGroupArchived',
  data: { workingGroupId, reason: 'merged' },
};

describe('CreateWorkingGroup', () => {
  it('creates a group for themes and/or actions, with an empty description by default', () => {
    given([])
      .when({
        type: 'CreateWorkingGroup',
        data: {
          workingGroupId,
          planId: 'brugge',
          name: ' Werkgroep dak- en thuislozen ',
          scope: { themeIds: ['t3'] },
        },
      })
      .then([created]);
    given([])
      .when({
        type: 'CreateWorkingGroup',
        data: {
          workingGroupId,
          planId: 'brugge',
          name: 'Kamerwonen',
          description: 'Elke maand',
          scope: { actionIds: ['a-1', 'a-2'] },
        },
      })
      .then([
        {
          type: 'WorkingGroupCreated',
          data: {
            workingGroupId,
            planId: 'brugge',
            name: 'Kamerwonen',
            description: 'Elke maand',
            scope: { themeIds: [], actionIds: ['a-1', 'a-2'] },
          },
        },
      ]);
  });
  it('refuses a blank name, an empty scope, duplicates in the scope and a second creation', () => {
    const create = (data: Partial<Extract<WorkingGroupCommand, { type: 'CreateWorkingGroup' }>['data']>) =>
      given([]).when({
        type: 'CreateWorkingGroup',
        data: { workingGroupId, planId: 'brugge', name: 'Wonen', scope: { themeIds: ['t3'] }, ...data },
      });
    create({ name: ' ' }).thenThrows('WORKING_GROUP.INVALID', {
      field: 'name',
      rule: 'must be a non-empty text',
    });
    create({ planId: '' }).thenThrows('WORKING_GROUP.INVALID', {
      field: 'planId',
      rule: 'must be a non-empty text',
    });
    create({ scope: {} }).thenThrows('WORKING_GROUP.INVALID', {
      field: 'scope',
      rule: 'must name at least one theme or action',
    });
    create({ scope: { themeIds: [], actionIds: [] } }).thenThrows('WORKING_GROUP.INVALID', {
      field: 'scope',
      rule: 'must name at least one theme or action',
    });
    create({ scope: null as never }).thenThrows('WORKING_GROUP.INVALID', {
      field: 'scope',
      rule: expect.any(String),
    });
    create({ scope: { themeIds: ['t3', 't3'] } }).thenThrows('WORKING_GROUP.INVALID', {
      field: 'scope.themeIds',
      rule: 'must not contain duplicates',
    });
    given([created])
      .when({
        type: 'CreateWorkingGroup',
        data: { workingGroupId, planId: 'brugge', name: 'x', scope: { themeIds: ['t'] } },
      })
      .thenThrows('WORKING_GROUP.ALREADY_EXISTS', { workingGroupId });
  });
});

describe('name, description and scope', () => {
  it('renames and describes, but not to the same text', () => {
    given([created])
      .when({ type: 'RenameWorkingGroup', data: { workingGroupId, name: 'Dak- en thuislozen' } })
      .then([
        {
          type: 'WorkingGroupRenamed',
          data: { workingGroupId, from: 'Werkgroep dak- en thuislozen', to: 'Dak- en thuislozen' },
        },
      ]);
    given([created])
      .when({ type: 'RenameWorkingGroup', data: { workingGroupId, name: 'Werkgroep dak- en thuislozen' } })
      .thenThrows('WORKING_GROUP.NO_CHANGE', { field: 'name' });
    given([created])
      .when({ type: 'RenameWorkingGroup', data: { workingGroupId, name: '' } })
      .thenThrows('WORKING_GROUP.INVALID');
    given([created])
      .when({ type: 'ChangeWorkingGroupDescription', data: { workingGroupId, description: 'Maandelijks' } })
      .then([
        { type: 'WorkingGroupDescriptionChanged', data: { workingGroupId, from: '', to: 'Maandelijks' } },
      ]);
    given([created])
      .when({ type: 'ChangeWorkingGroupDescription', data: { workingGroupId, description: '  ' } })
      .thenThrows('WORKING_GROUP.NO_CHANGE', { field: 'description' });
  });
  it('changes the scope as two sets: a new order is no change, an empty scope is refused', () => {
    const scoped: WorkingGroupEvent = {
      type: 'WorkingGroupScopeChanged',
      data: {
        workingGroupId,
        from: { themeIds: ['t3'], actionIds: [] },
        to: { themeIds: ['t3', 't4'], actionIds: ['a-9'] },
      },
    };
    given([created])
      .when({
        type: 'ChangeWorkingGroupScope',
        data: { workingGroupId, scope: { themeIds: ['t3', 't4'], actionIds: ['a-9'] } },
      })
      .then([scoped]);
    given([created, scoped])
      .when({
        type: 'ChangeWorkingGroupScope',
        data: { workingGroupId, scope: { themeIds: ['t4', 't3'], actionIds: ['a-9'] } },
      })
      .thenThrows('WORKING_GROUP.NO_CHANGE', { field: 'scope' });
    given([created])
      .when({ type: 'ChangeWorkingGroupScope', data: { workingGroupId, scope: { themeIds: [] } } })
      .thenThrows('WORKING_GROUP.INVALID', {
        field: 'scope',
        rule: 'must name at least one theme or action',
      });
  });
});

describe('members', () => {
  it('adds a member as member by default, or with a role and organisation', () => {
    given([created])
      .when({ type: 'AddWorkingGroupMember', data: { workingGroupId, userId: 'u-an' } })
      .then([added('u-an')]);
    given([created])
      .when({
        type: 'AddWorkingGroupMember',
        data: { workingGroupId, userId: 'u-bo', partnerId: 'caw', role: 'chair' },
      })
      .then([added('u-bo', 'chair', 'caw')]);
    given([created])
      .when({
        type: 'AddWorkingGroupMember',
        data: { workingGroupId, userId: 'u-bo', role: 'boss' as WorkingGroupRole },
      })
      .thenThrows('WORKING_GROUP.INVALID', { field: 'role', rule: expect.stringContaining('secretary') });
  });
  it('refuses a member added twice, also with another role', () => {
    given([created, added('u-an')])
      .when({ type: 'AddWorkingGroupMember', data: { workingGroupId, userId: 'u-an', role: 'chair' } })
      .thenThrows('WORKING_GROUP.MEMBER_ALREADY_ADDED', { userId: 'u-an' });
  });
  it('adds again a member who was removed', () => {
    given([
      created,
      added('u-an'),
      { type: 'WorkingGroupMemberRemoved', data: { workingGroupId, userId: 'u-an' } },
    ])
      .when({ type: 'AddWorkingGroupMember', data: { workingGroupId, userId: 'u-an', role: 'secretary' } })
      .then([added('u-an', 'secretary')]);
  });
  it("changes a member's role, not to the same one, not of a non-member", () => {
    given([created, added('u-an')])
      .when({
        type: 'ChangeWorkingGroupMemberRole',
        data: { workingGroupId, userId: 'u-an', role: 'secretary' },
      })
      .then([
        {
          type: 'WorkingGroupMemberRoleChanged',
          data: { workingGroupId, userId: 'u-an', from: 'member', to: 'secretary' },
        },
      ]);
    given([created, added('u-an')])
      .when({
        type: 'ChangeWorkingGroupMemberRole',
        data: { workingGroupId, userId: 'u-an', role: 'member' },
      })
      .thenThrows('WORKING_GROUP.NO_CHANGE', { field: 'role' });
    given([created])
      .when({ type: 'ChangeWorkingGroupMemberRole', data: { workingGroupId, userId: 'u-an', role: 'chair' } })
      .thenThrows('WORKING_GROUP.NOT_A_MEMBER', { userId: 'u-an' });
  });
  it('removes a member, not a non-member', () => {
    given([created, added('u-an'), added('u-bo')])
      .when({ type: 'RemoveWorkingGroupMember', data: { workingGroupId, userId: 'u-an' } })
      .then([{ type: 'WorkingGroupMemberRemoved', data: { workingGroupId, userId: 'u-an' } }]);
    given([
      created,
      added('u-an'),
      { type: 'WorkingGroupMemberRemoved', data: { workingGroupId, userId: 'u-an' } },
    ])
      .when({ type: 'RemoveWorkingGroupMember', data: { workingGroupId, userId: 'u-an' } })
      .thenThrows('WORKING_GROUP.NOT_A_MEMBER', { userId: 'u-an' });
  });
});

describe('archiving', () => {
  it('archives with a reason', () => {
    given([created])
      .when({ type: 'ArchiveWorkingGroup', data: { workingGroupId, reason: ' merged ' } })
      .then([archived]);
    given([created])
      .when({ type: 'ArchiveWorkingGroup', data: { workingGroupId, reason: '' } })
      .thenThrows('WORKING_GROUP.INVALID', { field: 'reason', rule: 'must be a non-empty text' });
  });
  it('refuses anything on an archived group, and anything on a group that does not exist', () => {
    const commands: WorkingGroupCommand[] = [
      { type: 'RenameWorkingGroup', data: { workingGroupId, name: 'x' } },
      { type: 'ChangeWorkingGroupDescription', data: { workingGroupId, description: 'x' } },
      { type: 'ChangeWorkingGroupScope', data: { workingGroupId, scope: { themeIds: ['t9'] } } },
      { type: 'AddWorkingGroupMember', data: { workingGroupId, userId: 'u-new' } },
      { type: 'ChangeWorkingGroupMemberRole', data: { workingGroupId, userId: 'u-an', role: 'chair' } },
      { type: 'RemoveWorkingGroupMember', data: { workingGroupId, userId: 'u-an' } },
      { type: 'ArchiveWorkingGroup', data: { workingGroupId, reason: 'again' } },
    ];
    for (const command of commands) {
      given([created, added('u-an'), archived])
        .when(command)
        .thenThrows('WORKING_GROUP.ARCHIVED', { workingGroupId });
      given([]).when(command).thenThrows('WORKING_GROUP.NOT_FOUND');
    }
    given([created, archived])
      .when({
        type: 'CreateWorkingGroup',
        data: { workingGroupId, planId: 'p', name: 'x', scope: { themeIds: ['t'] } },
      })
      .thenThrows('WORKING_GROUP.ALREADY_EXISTS');
  });
});
