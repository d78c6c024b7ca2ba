import { assertNever } from '../shared/event.js';
import type { LocalizedText } from '../shared/labels.js';
import { quoted, type FieldChange } from '../shared/text.js';
import type { TenantEvent } from './tenant.events.js';

export function describeTenantEvent(event: TenantEvent): LocalizedText {
  switch (event.type) {
    case 'TenantCreated': {
      const { name, demo } = event.data;
      return demo
        ? { nl: `Demo-omgeving ${quoted(name)} aangemaakt`, en: `Demo tenant ${quoted(name)} created` }
        : { nl: `Omgeving ${quoted(name)} aangemaakt`, en: `Tenant ${quoted(name)} created` };
    }
    case 'TenantRenamed': {
      const { from, to } = event.data;
      return {
        nl: `Omgeving hernoemd van ${quoted(from)} naar ${quoted(to)}`,
        en: `Tenant renamed from ${quoted(from)} to ${quoted(to)}`,
      };
    }
    default:
      return assertNever(event);
  }
}

export function tenantChangesOf(event: TenantEvent): FieldChange[] {
  switch (event.type) {
    case 'TenantCreated':
      return [
        { field: 'name', from: null, to: event.data.name },
        { field: 'demo', from: null, to: event.data.demo },
      ];
    case 'TenantRenamed':
      return [{ field: 'name', from: event.data.from, to: event.data.to }];
    default:
      return assertNever(event);
  }
}
