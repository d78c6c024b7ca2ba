import { assertNever } from '../shared/event.js';
import { LOGIN_FAILURE_LABELS, USER_ROLE_LABELS, type LocalizedText } from '../shared/labels.js';
import { nameOf, quoted, withDetail, type FieldChange, type NameLookup } from '../shared/text.js';
import type { UserEvent } from './user.events.js';
import { formatMeetingTime } from '../meeting/meeting.describe.js';

/** A one-line summary of a user event, for the security log and the user's history. */
export function describeUserEvent(event: UserEvent, names?: NameLookup): LocalizedText {
  const user = nameOf(names, 'user', event.data.userId);
  const partner = (id: string): string => nameOf(names, 'partner', id);
  switch (event.type) {
    case 'UserRegistered': {
      const { name, email, role, partnerId } = event.data;
      const label = USER_ROLE_LABELS[role];
      const of = partnerId === null ? '' : ` (${partner(partnerId)})`;
      return {
        nl: `Gebruiker ${quoted(name)} <${email}> geregistreerd als ${label.nl}${of}`,
        en: `User ${quoted(name)} <${email}> registered as ${label.en}${of}`,
      };
    }
    case 'UserRenamed': {
      const { from, to } = event.data;
      return {
        nl: `Gebruiker hernoemd van ${quoted(from)} naar ${quoted(to)}`,
        en: `User renamed from ${quoted(from)} to ${quoted(to)}`,
      };
    }
    case 'UserRoleChanged': {
      const from = USER_ROLE_LABELS[event.data.from];
      const to = USER_ROLE_LABELS[event.data.to];
      return {
        nl: `Rol van ${user} gewijzigd van ${from.nl} naar ${to.nl}`,
        en: `Role of ${user} changed from ${from.en} to ${to.en}`,
      };
    }
    case 'UserPartnerChanged': {
      const { from, to } = event.data;
      if (to === null) {
        const was = from === null ? '' : ` (was ${partner(from)})`;
        return {
          nl: `${user} werkt niet langer voor een partnerorganisatie${was}`,
          en: `${user} no longer works for a partner organisation${was}`,
        };
      }
      if (from === null)
        return { nl: `${user} werkt voor ${partner(to)}`, en: `${user} works for ${partner(to)}` };
      return {
        nl: `Organisatie van ${user} gewijzigd van ${partner(from)} naar ${partner(to)}`,
        en: `Organisation of ${user} changed from ${partner(from)} to ${partner(to)}`,
      };
    }
    case 'UserDisabled':
      return {
        nl: withDetail(`Account van ${user} uitgeschakeld`, event.data.reason),
        en: withDetail(`Account of ${user} disabled`, event.data.reason),
      };
    case 'UserEnabled':
      return { nl: `Account van ${user} opnieuw ingeschakeld`, en: `Account of ${user} enabled again` };
    case 'UserPasswordChanged':
      return event.data.by === 'self'
        ? { nl: `${user} wijzigde het eigen wachtwoord`, en: `${user} changed their password` }
        : {
            nl: `Wachtwoord van ${user} opnieuw ingesteld door een beheerder`,
            en: `Password of ${user} reset by an administrator`,
          };
    case 'UserLoggedIn':
      return { nl: `${user} aangemeld`, en: `${user} signed in` };
    case 'UserLoginFailed': {
      const reason = LOGIN_FAILURE_LABELS[event.data.reason];
      return {
        nl: `Mislukte aanmelding van ${user}: ${reason.nl}`,
        en: `Failed sign-in of ${user}: ${reason.en}`,
      };
    }
    case 'UserLoggedOut':
      return { nl: `${user} afgemeld`, en: `${user} signed out` };
    case 'AuditTrailRead': {
      const { format, filters } = event.data;
      // sorted: the security log keeps the data as jsonb, which does not keep the order of keys
      const shown = Object.entries(filters)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([key, value]) => `${key}=${value}`)
        .join(', ');
      const filter = {
        nl: shown ? ` (filter: ${shown})` : ' (zonder filter)',
        en: shown ? ` (filter: ${shown})` : ' (no filter)',
      };
      if (format === 'page')
        return {
          nl: `${user} bekeek de audittrail${filter.nl}`,
          en: `${user} read the audit trail${filter.en}`,
        };
      const file = format.toUpperCase();
      return {
        nl: `${user} exporteerde de audittrail als ${file}${filter.nl}`,
        en: `${user} exported the audit trail as ${file}${filter.en}`,
      };
    }
    case 'UserInvited': {
      const until = formatMeetingTime(event.data.expiresAt);
      return {
        nl: `${user} uitgenodigd om een wachtwoord te kiezen (link geldig tot ${until.nl})`,
        en: `${user} invited to choose a password (link valid until ${until.en})`,
      };
    }
    case 'UserInvitationAccepted':
      return {
        nl: `${user} koos een wachtwoord via de uitnodiging`,
        en: `${user} chose a password through the invitation`,
      };
    default:
      return assertNever(event);
  }
}

export function userChangesOf(event: UserEvent): FieldChange[] {
  switch (event.type) {
    case 'UserRegistered': {
      const { email, name, role, partnerId, demo } = event.data;
      return [
        { field: 'email', from: null, to: email },
        { field: 'name', from: null, to: name },
        { field: 'role', from: null, to: role },
        { field: 'partnerId', from: null, to: partnerId },
        { field: 'demo', from: null, to: demo },
      ];
    }
    case 'UserRenamed':
      return [{ field: 'name', from: event.data.from, to: event.data.to }];
    case 'UserRoleChanged':
      return [{ field: 'role', from: event.data.from, to: event.data.to }];
    case 'UserPartnerChanged':
      return [{ field: 'partnerId', from: event.data.from, to: event.data.to }];
    case 'UserDisabled':
      return [{ field: 'disabled', from: false, to: true }];
    case 'UserEnabled':
      return [{ field: 'disabled', from: true, to: false }];
    case 'UserPasswordChanged':
      // never a hash, not even a masked one: only who changed it
      return [{ field: 'passwordChangedBy', from: null, to: event.data.by }];
    case 'UserLoggedIn':
      return [{ field: 'session', from: null, to: event.data.sessionId }];
    case 'UserLoginFailed':
      return [{ field: 'loginFailure', from: null, to: event.data.reason }];
    case 'UserLoggedOut':
      return [{ field: 'session', from: event.data.sessionId, to: null }];
    case 'AuditTrailRead':
      return [{ field: 'auditTrailRead', from: null, to: event.data.format }];
    case 'UserInvited':
      return [{ field: 'invitation', from: null, to: event.data.expiresAt }];
    case 'UserInvitationAccepted':
      return [{ field: 'invitation', from: event.data.invitationId, to: null }];
    default:
      return assertNever(event);
  }
}
