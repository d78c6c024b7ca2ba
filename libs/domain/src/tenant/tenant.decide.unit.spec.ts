import { specFor } from '../shared/testing.js';
import { tenantDecider } from './tenant.decide.js';
import type { TenantEvent } from './tenant.events.js';

const given = specFor(tenantDecider);
const tenantId = 'brugge';
const created: TenantEvent = { type: 'TenantCreated', data: { tenantId, name: 'Stad Brugge', demo: false } };

describe('tenant', () => {
  it('creates a tenant, not a demo one unless asked', () => {
    given([])
      .when({ type: 'CreateTenant', data: { tenantId, name: ' Stad Brugge ' } })
      .then([created]);
    given([])
      .when({ type: 'CreateTenant', data: { tenantId: 'demo', name: 'Demo', demo: true } })
      .then([{ type: 'TenantCreated', data: { tenantId: 'demo', name: 'Demo', demo: true } }]);
  });
  it('refuses a second creation and a blank name', () => {
    given([created])
      .when({ type: 'CreateTenant', data: { tenantId, name: 'x' } })
      .thenThrows('TENANT.ALREADY_EXISTS', { tenantId });
    given([])
      .when({ type: 'CreateTenant', data: { tenantId, name: '' } })
      .thenThrows('TENANT.INVALID', { field: 'name', rule: 'must be a non-empty text' });
  });
  it('renames, not to the same name, not an unknown tenant', () => {
    given([created])
      .when({ type: 'RenameTenant', data: { tenantId, name: 'Brugge' } })
      .then([{ type: 'TenantRenamed', data: { tenantId, from: 'Stad Brugge', to: 'Brugge' } }]);
    given([created])
      .when({ type: 'RenameTenant', data: { tenantId, name: 'Stad Brugge' } })
      .thenThrows('TENANT.NO_CHANGE', { field: 'name' });
    given([])
      .when({ type: 'RenameTenant', data: { tenantId, name: 'x' } })
      .thenThrows('TENANT.NOT_FOUND');
  });
});
