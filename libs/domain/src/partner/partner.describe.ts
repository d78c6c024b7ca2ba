import { assertNever } from '../shared/event.js';
import { PARTNER_KIND_LABELS, type LocalizedText } from '../shared/labels.js';
import { nameOf, quoted, type FieldChange, type NameLookup } from '../shared/text.js';
import type { PartnerEvent } from './partner.events.js';

/** A one-line summary of a partner event. */
export function describePartnerEvent(event: PartnerEvent, names?: NameLookup): LocalizedText {
  switch (event.type) {
    case 'PartnerRegistered': {
      const { name, kind } = event.data;
      const label = PARTNER_KIND_LABELS[kind];
      return {
        nl: `Partner ${quoted(name)} geregistreerd (${label.nl})`,
        en: `Partner ${quoted(name)} registered (${label.en})`,
      };
    }
    case 'PartnerRenamed': {
      const { from, to } = event.data;
      return {
        nl: `Partner hernoemd van ${quoted(from)} naar ${quoted(to)}`,
        en: `Partner renamed from ${quoted(from)} to ${quoted(to)}`,
      };
    }
    case 'PartnerMerged': {
      const partner = nameOf(names, 'partner', event.data.partnerId);
      const into = nameOf(names, 'partner', event.data.intoPartnerId);
      return {
        nl: `Partner ${partner} samengevoegd met ${into}`,
        en: `Partner ${partner} merged into ${into}`,
      };
    }
    default:
      return assertNever(event);
  }
}

export function partnerChangesOf(event: PartnerEvent): FieldChange[] {
  switch (event.type) {
    case 'PartnerRegistered':
      return [
        { field: 'name', from: null, to: event.data.name },
        { field: 'kind', from: null, to: event.data.kind },
      ];
    case 'PartnerRenamed':
      return [{ field: 'name', from: event.data.from, to: event.data.to }];
    case 'PartnerMerged':
      return [{ field: 'mergedInto', from: null, to: event.data.intoPartnerId }];
    default:
      return assertNever(event);
  }
}
