import type { Dictionary } from '../dictionary';
import type { nl } from '../nl/notifications';

/** English: the same keys as nl/notifications.ts (checked by the compiler and dictionaries.unit.spec.ts). */
export const en: Dictionary<typeof nl> = {
  notifications: {
    empty: 'You have no notifications yet.',
    unread: 'new',
    unreadCount: '{{count}} unread',
    markRead: 'Read',
    markReadOne: 'Mark as read: {{title}}',
    markAllRead: 'Mark all as read',
    preferencesLink: 'How do you want to get your notifications?',
    backToList: 'Back to your notifications',
    delivery: {
      mail: 'by e-mail',
      digest: 'in your digest',
      app: 'in the app only',
    },
    mode: {
      none: 'No e-mails (in the app only)',
      instant: 'At once, one e-mail per notification',
      daily: 'One digest e-mail a day',
      weekly: 'One digest e-mail a week (Monday)',
    },
    preferences: {
      mode: 'E-mails about your notifications',
      modeHint: 'Your notifications always stay in the app. A choice applies to notifications from now on.',
      language: 'Language of the e-mails',
      languageHint: 'The e-mails come in this language; the app follows the language switch at the top.',
      save: 'Save',
      saved: 'Your choice is saved.',
    },
    mailStatus: {
      delivered: 'sent',
      pending: 'waiting',
      failed: 'failed',
      uncertain: 'uncertain',
    },
    mails: {
      transportLocal: 'No mail server is configured (demo): the e-mails are kept here instead of sent.',
      transportSmtp: "The e-mails go through the city's mail server.",
      refresh: 'Refresh',
      empty: 'There are no e-mails yet.',
      caption: '{{count}} e-mails, newest first',
      subject: 'Subject',
      to: 'To',
      status: 'Status',
      time: 'Time',
      attachments: 'Attachments',
      noAttachments: 'No attachments',
      text: 'Content',
      frame: 'The e-mail as it was sent',
      notSent: 'This e-mail has not been sent (yet): no text of it is kept.',
      notFound: 'This e-mail does not exist (any more).',
      back: 'Back to the sent e-mails',
    },
  },
};
