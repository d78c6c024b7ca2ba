import { assertNever } from '../shared/event.js';
import type { LocalizedText } from '../shared/labels.js';
import { quoted, type FieldChange } from '../shared/text.js';
import type { ErasureLegalGround, ErasureSubjectKind, TenantEvent } from './tenant.events.js';

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
    case 'ErasureRecorded': {
      const { kind, legalGround, keysErased } = event.data;
      const ground = ERASURE_GROUND_LABELS[legalGround];
      const who = ERASURE_KIND_LABELS[kind];
      return {
        nl: `Persoonsgegevens gewist (${who.nl}; grond: ${ground.nl}; ${keysErased} ${keysErased === 1 ? 'sleutel' : 'sleutels'} vernietigd)`,
        en: `Personal data erased (${who.en}; ground: ${ground.en}; ${keysErased} ${keysErased === 1 ? 'key' : 'keys'} destroyed)`,
      };
    }
    default:
      return assertNever(event);
  }
}

export const ERASURE_KIND_LABELS: Record<ErasureSubjectKind, LocalizedText> = {
  user: { nl: 'gebruiker', en: 'user' },
  guest: { nl: 'gast', en: 'guest' },
  'signal-reporter': { nl: 'melder van een signaal', en: 'reporter of a signal' },
  text: { nl: 'vrije tekst', en: 'free text' },
};

export const ERASURE_GROUND_LABELS: Record<ErasureLegalGround, LocalizedText> = {
  'no-longer-necessary': {
    nl: 'niet langer nodig (AVG art. 17.1.a)',
    en: 'no longer necessary (GDPR art. 17(1)(a))',
  },
  'consent-withdrawn': {
    nl: 'toestemming ingetrokken (AVG art. 17.1.b)',
    en: 'consent withdrawn (GDPR art. 17(1)(b))',
  },
  objection: { nl: 'bezwaar (AVG art. 17.1.c)', en: 'objection (GDPR art. 17(1)(c))' },
  'unlawful-processing': {
    nl: 'onrechtmatige verwerking (AVG art. 17.1.d)',
    en: 'unlawful processing (GDPR art. 17(1)(d))',
  },
  'legal-obligation': {
    nl: 'wettelijke verplichting (AVG art. 17.1.e)',
    en: 'legal obligation (GDPR art. 17(1)(e))',
  },
  'child-consent': {
    nl: 'toestemming van een kind (AVG art. 17.1.f)',
    en: "a child's consent (GDPR art. 17(1)(f))",
  },
};

export function tenantChangesOf(event: TenantEvent): FieldChange[] {
  switch (event.type) {
    case 'TenantCreated':
      return [
        { field: 'name', from: null, to: event.data.name },
        { field: 'demo', from: null, to: event.data.demo },
      ];
    case 'TenantRenamed':
      return [{ field: 'name', from: event.data.from, to: event.data.to }];
    case 'ErasureRecorded':
      return [
        { field: 'kind', from: null, to: event.data.kind },
        { field: 'legalGround', from: null, to: event.data.legalGround },
        { field: 'keysErased', from: null, to: event.data.keysErased },
      ];
    default:
      return assertNever(event);
  }
}
