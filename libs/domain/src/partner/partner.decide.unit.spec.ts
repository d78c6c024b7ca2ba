import { specFor } from '../shared/testing.js';
import { partnerDecider } from './partner.decide.js';
import type { PartnerEvent, PartnerKind } from './partner.events.js';

const given = specFor(partnerDecider);
const partnerId = 'caw';
const registered: PartnerEvent = {
  type: 'PartnerRegistered',
  data: { partnerId, name: 'CAW Noord-West-Vlaanderen', kind: 'non_profit' },
};
const merged: PartnerEvent = { type: 'PartnerMerged', data: { partnerId, intoPartnerId: 'caw-vl' } };

describe('partner', () => {
  it('registers a partner', () => {
    given([])
      .when({ type: 'RegisterPartner', data: { ...registered.data, name: ' CAW Noord-West-Vlaanderen ' } })
      .then([registered]);
  });
  it('refuses a second registration, a blank name and an unknown kind', () => {
    given([registered])
      .when({ type: 'RegisterPartner', data: registered.data })
      .thenThrows('PARTNER.ALREADY_EXISTS');
    given([])
      .when({ type: 'RegisterPartner', data: { ...registered.data, name: '' } })
      .thenThrows('PARTNER.INVALID', { field: 'name', rule: 'must be a non-empty text' });
    given([])
      .when({ type: 'RegisterPartner', data: { ...registered.data, kind: 'church' as PartnerKind } })
      .thenThrows('PARTNER.INVALID', { field: 'kind', rule: expect.stringContaining('non_profit') });
  });
  it('renames, but not to the same name', () => {
    given([registered])
      .when({ type: 'RenamePartner', data: { partnerId, name: 'CAW Brugge' } })
      .then([
        { type: 'PartnerRenamed', data: { partnerId, from: 'CAW Noord-West-Vlaanderen', to: 'CAW Brugge' } },
      ]);
    given([registered])
      .when({ type: 'RenamePartner', data: { partnerId, name: 'CAW Noord-West-Vlaanderen' } })
      .thenThrows('PARTNER.NO_CHANGE');
  });
  it('refuses commands on a partner that does not exist', () => {
    given([])
      .when({ type: 'RenamePartner', data: { partnerId, name: 'x' } })
      .thenThrows('PARTNER.NOT_FOUND');
    given([])
      .when({ type: 'MergePartner', data: { partnerId, intoPartnerId: 'x' } })
      .thenThrows('PARTNER.NOT_FOUND');
  });
  it('merges into another partner, never into itself', () => {
    given([registered])
      .when({ type: 'MergePartner', data: { partnerId, intoPartnerId: 'caw-vl' } })
      .then([merged]);
    given([registered])
      .when({ type: 'MergePartner', data: { partnerId, intoPartnerId: partnerId } })
      .thenThrows('PARTNER.MERGE_INTO_SELF');
  });
  it('rejects further commands once merged', () => {
    given([registered, merged])
      .when({ type: 'RenamePartner', data: { partnerId, name: 'x' } })
      .thenThrows('PARTNER.MERGED', { partnerId, intoPartnerId: 'caw-vl' });
    given([registered, merged])
      .when({ type: 'MergePartner', data: { partnerId, intoPartnerId: 'other' } })
      .thenThrows('PARTNER.MERGED');
    given([registered, merged])
      .when({ type: 'RegisterPartner', data: registered.data })
      .thenThrows('PARTNER.ALREADY_EXISTS');
  });
});
