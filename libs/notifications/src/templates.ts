import { formatDate, formatMeetingTime } from '#domain';
import type { MailLanguage } from './events.js';
import type { NotificationPayload } from './outbox.projection.js';

/** A rendered mail: subject, plain text and HTML, Dutch or English. */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

export interface MailLinks {
  /** the web app's address, no trailing slash */
  appUrl: string;
  /** the one-click unsubscribe page (no login) */
  unsubscribeUrl: string;
  /** an account invitation's signed link to the set-password page (made by the sender) */
  invitationUrl?: string;
}

type Texts = { nl: string; en: string };
const pick = (texts: Texts, lang: MailLanguage): string => texts[lang];

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);

/** One line of the in-app list and of a digest: what happened, in a sentence. */
export function notificationTitle(payload: NotificationPayload, lang: MailLanguage): string {
  switch (payload.kind) {
    case 'meeting_invitation': {
      const when = formatMeetingTime(payload.startsAt)[lang];
      return payload.moved
        ? pick(
            {
              nl: `Vergadering verplaatst: ${payload.title} (${when})`,
              en: `Meeting moved: ${payload.title} (${when})`,
            },
            lang,
          )
        : pick(
            { nl: `Uitnodiging: ${payload.title} (${when})`, en: `Invitation: ${payload.title} (${when})` },
            lang,
          );
    }
    case 'meeting_minutes':
      return pick({ nl: `Verslag: ${payload.title}`, en: `Minutes: ${payload.title}` }, lang);
    case 'signal_answered':
      return pick({ nl: `Je signaal kreeg een antwoord`, en: `Your signal was answered` }, lang);
    case 'signal_closed':
      return pick({ nl: `Je signaal werd afgesloten`, en: `Your signal was closed` }, lang);
    case 'next_step_due':
      return pick(
        {
          nl: `Volgende stap tegen ${formatDate(payload.dueDate).nl}: ${payload.text}`,
          en: `Next step due ${formatDate(payload.dueDate).en}: ${payload.text}`,
        },
        lang,
      );
    case 'action_due':
      return pick(
        {
          nl: `Actie ${payload.code} verwacht tegen ${formatDate(payload.dueDate).nl}: ${payload.title}`,
          en: `Action ${payload.code} due ${formatDate(payload.dueDate).en}: ${payload.title}`,
        },
        lang,
      );
    case 'update_round': {
      const of = roundOf(payload.periodLabel, lang);
      return pick(
        {
          nl: `Vraag om je update${of}: tegen ${formatDate(payload.deadline).nl}`,
          en: `Your update${of} is asked by ${formatDate(payload.deadline).en}`,
        },
        lang,
      );
    }
    case 'update_round_reminder': {
      const of = roundOf(payload.periodLabel, lang);
      return payload.daysLeft <= 0
        ? pick(
            {
              nl: `Herinnering: je update${of} is vandaag verwacht (${formatDate(payload.deadline).nl})`,
              en: `Reminder: your update${of} is due today (${formatDate(payload.deadline).en})`,
            },
            lang,
          )
        : pick(
            {
              nl: `Herinnering: je update${of} is verwacht tegen ${formatDate(payload.deadline).nl}`,
              en: `Reminder: your update${of} is due by ${formatDate(payload.deadline).en}`,
            },
            lang,
          );
    }
    case 'digest':
      return pick(
        {
          nl: `Overzicht van je meldingen (${payload.period})`,
          en: `Your notifications (${payload.period})`,
        },
        lang,
      );
    case 'account_invitation':
      return pick(
        {
          nl: 'Je account in het platform sociaal beleid: kies je wachtwoord',
          en: 'Your account in the social policy platform: choose your password',
        },
        lang,
      );
  }
}

/** " voor 2025" / " for 2025": the period of an update round, when known */
const roundOf = (label: string | null, lang: MailLanguage): string =>
  label ? pick({ nl: ` voor ${label}`, en: ` for ${label}` }, lang) : '';

/** an update round mail's list of actions, one line each */
const actionLines = (actions: readonly { code: string; title: string }[]): string[] =>
  actions.map((action) => `• ${action.title ? `${action.code} ${action.title}` : action.code}`);

/** The web app's page a notification points to. */
export function notificationLink(payload: NotificationPayload, appUrl: string): string {
  switch (payload.kind) {
    case 'meeting_invitation':
    case 'meeting_minutes':
      return `${appUrl}/meetings/${payload.meetingId}`;
    case 'action_due':
      return `${appUrl}/actions/${payload.actionId}`;
    case 'update_round':
    case 'update_round_reminder':
      return `${appUrl}/my-updates`;
    default:
      return `${appUrl}/notifications`;
  }
}

/** The body's paragraphs (plain text; the HTML escapes them). */
function paragraphs(payload: NotificationPayload, lang: MailLanguage, digestLines: string[]): string[] {
  switch (payload.kind) {
    case 'meeting_invitation': {
      const when = formatMeetingTime(payload.startsAt)[lang];
      const where = payload.location ?? pick({ nl: 'nog niet bekend', en: 'not known yet' }, lang);
      return [
        payload.moved
          ? pick(
              {
                nl: `De vergadering "${payload.title}" is verplaatst.`,
                en: `The meeting "${payload.title}" has moved.`,
              },
              lang,
            )
          : pick(
              {
                nl: `Je bent uitgenodigd op de vergadering "${payload.title}".`,
                en: `You are invited to the meeting "${payload.title}".`,
              },
              lang,
            ),
        pick({ nl: `Wanneer: ${when}`, en: `When: ${when}` }, lang),
        pick({ nl: `Waar: ${where}`, en: `Where: ${where}` }, lang),
        pick(
          {
            nl: 'De uitnodiging voor je agenda zit in de bijlage (.ics).',
            en: 'The calendar invitation is attached (.ics).',
          },
          lang,
        ),
      ];
    }
    case 'meeting_minutes':
      return [
        pick(
          {
            nl: `Het verslag van "${payload.title}" (${formatMeetingTime(payload.startsAt).nl}) zit in de bijlage (pdf).`,
            en: `The minutes of "${payload.title}" (${formatMeetingTime(payload.startsAt).en}) are attached (PDF).`,
          },
          lang,
        ),
        payload.attendance === 'excused'
          ? pick({ nl: 'Je was verontschuldigd.', en: 'You were excused.' }, lang)
          : pick({ nl: 'Je was aanwezig.', en: 'You were present.' }, lang),
      ];
    case 'signal_answered':
      return [
        pick({ nl: `Je signaal: "${payload.text}"`, en: `Your signal: "${payload.text}"` }, lang),
        pick({ nl: `Antwoord: ${payload.response}`, en: `Answer: ${payload.response}` }, lang),
      ];
    case 'signal_closed':
      return [
        pick({ nl: `Je signaal: "${payload.text}"`, en: `Your signal: "${payload.text}"` }, lang),
        payload.reason
          ? pick({ nl: `Afgesloten: ${payload.reason}`, en: `Closed: ${payload.reason}` }, lang)
          : pick({ nl: 'Het werd afgesloten na een antwoord.', en: 'It was closed after an answer.' }, lang),
      ];
    case 'next_step_due':
    case 'action_due':
      return [
        notificationTitle(payload, lang),
        pick(
          {
            nl: 'Deze herinnering komt één keer, binnen 7 dagen voor de datum.',
            en: 'This reminder comes once, within 7 days of the date.',
          },
          lang,
        ),
      ];
    case 'update_round': {
      const deadline = formatDate(payload.deadline);
      return [
        pick(
          {
            nl: `De coördinator vraagt je organisatie een update${roundOf(payload.periodLabel, 'nl')} van de acties die ze trekt (${payload.actions.length}):`,
            en: `The coordinator asks your organisation for an update${roundOf(payload.periodLabel, 'en')} of the actions it leads (${payload.actions.length}):`,
          },
          lang,
        ),
        ...actionLines(payload.actions),
        pick(
          {
            nl: `Schrijf per actie een toelichting en zet de status en de voortgang, tegen ${deadline.nl}, op de pagina Mijn updates.`,
            en: `For each action write a narrative and set its status and progress by ${deadline.en}, on the My updates page.`,
          },
          lang,
        ),
      ];
    }
    case 'update_round_reminder': {
      const deadline = formatDate(payload.deadline);
      return [
        payload.daysLeft <= 0
          ? pick(
              {
                nl: `Vandaag (${deadline.nl}) is de laatste dag voor de updates${roundOf(payload.periodLabel, 'nl')}. Voor deze acties ontbreekt je update nog (${payload.actions.length}):`,
                en: `Today (${deadline.en}) is the last day for the updates${roundOf(payload.periodLabel, 'en')}. Your update is still missing for these actions (${payload.actions.length}):`,
              },
              lang,
            )
          : pick(
              {
                nl: `De updates${roundOf(payload.periodLabel, 'nl')} zijn verwacht tegen ${deadline.nl}. Voor deze acties ontbreekt je update nog (${payload.actions.length}):`,
                en: `The updates${roundOf(payload.periodLabel, 'en')} are due by ${deadline.en}. Your update is still missing for these actions (${payload.actions.length}):`,
              },
              lang,
            ),
        ...actionLines(payload.actions),
        pick(
          {
            nl: 'Je schrijft ze op de pagina Mijn updates.',
            en: 'You write them on the My updates page.',
          },
          lang,
        ),
      ];
    }
    case 'digest':
      return [
        pick(
          {
            nl: `Sinds het vorige overzicht (${digestLines.length}):`,
            en: `Since the previous digest (${digestLines.length}):`,
          },
          lang,
        ),
        ...digestLines.map((line) => `• ${line}`),
      ];
    case 'account_invitation': {
      const until = formatMeetingTime(payload.expiresAt)[lang];
      return [
        payload.invitedBy
          ? pick(
              {
                nl: `${payload.invitedBy} heeft een account voor je aangemaakt in het platform sociaal beleid.`,
                en: `${payload.invitedBy} created an account for you in the social policy platform.`,
              },
              lang,
            )
          : pick(
              {
                nl: 'Er is een account voor je aangemaakt in het platform sociaal beleid.',
                en: 'An account was created for you in the social policy platform.',
              },
              lang,
            ),
        pick(
          {
            nl: `Kies je wachtwoord met de link hieronder. De link werkt één keer en is geldig tot ${until}. Daarna meld je je aan met je e-mailadres en dat wachtwoord.`,
            en: `Choose your password with the link below. The link works once and is valid until ${until}. Then sign in with your e-mail address and that password.`,
          },
          lang,
        ),
        pick(
          {
            nl: 'Verwachtte je deze e-mail niet? Dan hoef je niets te doen.',
            en: 'Did you not expect this e-mail? Then you need not do anything.',
          },
          lang,
        ),
      ];
    }
  }
}

/**
 * The mail of one notification: Dutch or English by the recipient's language, with a link to the app and
 * the one-click unsubscribe link at the bottom. `digestLines`: the lines of the notifications a digest holds.
 */
export function renderMail(
  payload: NotificationPayload,
  lang: MailLanguage,
  links: MailLinks,
  digestLines: string[] = [],
): MailContent {
  const subject = notificationTitle(payload, lang);
  const body = paragraphs(payload, lang, digestLines);
  const invitation = payload.kind === 'account_invitation';
  const open = invitation
    ? pick({ nl: 'Wachtwoord kiezen', en: 'Choose your password' }, lang)
    : pick({ nl: 'Openen in de app', en: 'Open in the app' }, lang);
  const link = (invitation ? links.invitationUrl : undefined) ?? notificationLink(payload, links.appUrl);
  const footer = pick(
    {
      nl: 'Je krijgt deze e-mail omdat je een account hebt in het platform sociaal beleid. Geen e-mails meer?',
      en: 'You get this e-mail because you have an account in the social policy platform. No more e-mails?',
    },
    lang,
  );
  const unsubscribe = pick({ nl: 'Afmelden', en: 'Unsubscribe' }, lang);
  const text = [
    ...body,
    '',
    `${open}: ${link}`,
    '',
    `${footer} ${unsubscribe}: ${links.unsubscribeUrl}`,
  ].join('\n');
  const html = [
    `<!doctype html><html lang="${lang === 'nl' ? 'nl-BE' : 'en'}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.5">',
    `<h1 style="font-size: 1.2em">${escapeHtml(subject)}</h1>`,
    ...body.map((line) => `<p>${escapeHtml(line)}</p>`),
    `<p><a href="${escapeHtml(link)}">${escapeHtml(open)}</a></p>`,
    `<hr><p style="font-size: 0.85em; color: #555">${escapeHtml(footer)} <a href="${escapeHtml(links.unsubscribeUrl)}">${escapeHtml(unsubscribe)}</a></p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
