import type { Dictionary } from '../dictionary';
import type { nl } from '../nl/core';

/** English: the same keys as nl/core.ts (checked by the compiler and dictionaries.unit.spec.ts). */
export const en: Dictionary<typeof nl> = {
  app: {
    title: 'Local social policy plan',
  },
  language: {
    switch: 'Nederlands',
    nl: 'Dutch',
    en: 'English',
  },
  nav: {
    label: 'Main navigation',
    skip: 'Skip to content',
    dashboard: 'Dashboard',
    actions: 'Actions',
    workingGroups: 'Working groups',
    signals: 'Signals',
    logout: 'Log out',
    audit: 'Audit trail',
    periods: 'Reporting',
    myUpdates: 'My updates',
  },
  connection: {
    connecting: 'Connecting…',
    connected: 'Live',
    reconnecting: 'Reconnecting…',
    closed: 'Not live',
  },
  role: {
    coordinator: 'coordinator',
    member: 'working-group member',
    partner: 'partner',
    viewer: 'viewer',
  },
  groupRole: {
    chair: 'chair',
    secretary: 'secretary',
    member: 'member',
  },
  status: {
    not_started: 'not started',
    in_progress: 'in progress',
    realised: 'realised',
    postponed: 'postponed',
    stopped: 'stopped',
  },
  urgency: {
    low: 'low',
    normal: 'normal',
    high: 'high',
  },
  meetingStatus: {
    scheduled: 'scheduled',
    open: 'in progress',
    ended: 'ended',
    cancelled: 'cancelled',
  },
  field: {
    auditTrailRead: 'audit trail read',
    title: 'title',
    description: 'description',
    tags: 'focus points',
    status: 'status',
    owner: 'lead',
    partners: 'partners',
    notes: 'note',
    signals: 'signal',
    progress: 'progress',
    dueDate: 'due date',
    archived: 'archived',
    action: 'action',
  },
  common: {
    loading: 'Loading…',
    all: 'All',
    save: 'Save',
    add: 'Add',
    notFound: 'This page does not exist.',
  },
  demo: {
    label: 'Demo mode',
    title: 'Demo',
    text: 'This is a demonstration environment with the Bruges plan. Changes are not real.',
    accounts: 'Demo accounts',
    password: 'Every demo account has the password "demo". Pick an account to fill it in:',
  },
  login: {
    title: 'Log in',
    intro: 'Log in with your email address and password.',
    email: 'Email address',
    password: 'Password',
    submit: 'Log in',
    busy: 'Logging in…',
  },
  dashboard: {
    title: 'Dashboard',
    noPlan: 'There is no plan yet.',
  },
  actions: {
    title: 'Actions',
  },
  action: {
    title: 'Action',
  },
  audit: {
    title: 'Audit trail',
  },
  erasure: {
    erased: 'erased',
  },
  history: {
    title: 'History',
    empty: 'empty',
    system: 'system',
    someone: 'someone else',
    inMeeting: 'in a meeting',
  },
  fieldName: {
    text: 'text',
    comment: 'comment',
    reason: 'reason',
    percent: 'progress in percent',
    source: 'sender',
    title: 'title',
    description: 'description',
    tags: 'points of attention',
    dueDate: 'due date',
    ownerId: 'lead',
    partnerId: 'partner',
    status: 'status',
    urgency: 'urgency',
    name: 'name',
    email: 'email address',
    password: 'password',
    newPassword: 'new password',
    role: 'role',
    kind: 'kind',
    code: 'number',
    intoPartnerId: 'organisation to merge into',
    userId: 'person',
    periodStart: 'start date',
    periodEnd: 'end date',
    response: 'answer',
    to: 'referred to',
    startsAt: 'date and time',
    location: 'place or link',
    notes: 'discussion notes',
    guestName: "guest's name",
    organisation: 'organisation',
    category: 'category',
    voters: 'number of voters',
    scores: 'points',
    proposalIds: 'proposals',
  },
  fieldError: {
    maxLength: '{{field}}: at most {{limit}} characters.',
    minLength: '{{field}}: at least {{limit}} characters.',
    max: '{{field}}: at most {{limit}}.',
    min: '{{field}}: at least {{limit}}.',
    arrayMaxSize: '{{field}}: at most {{limit}}.',
    invalid: '{{field}}: this value is not valid.',
  },
  groups: {
    title: 'Working groups',
  },
  signals: {
    title: 'Signals',
    status: {
      submitted: 'Submitted',
      acknowledged: 'Acknowledged',
      on_agenda: 'On a meeting agenda',
      answered: 'Answered',
      escalated: 'Escalated to a higher government',
      closed: 'Closed',
    },
  },
  meeting: {
    title: 'Meeting',
  },
  importWizard: {
    title: 'Import a plan',
    nav: 'Import plan',
  },
  setupGroup: {
    title: 'New working group',
  },
  setup: {
    nav: {
      link: 'Set up',
    },
    users: {
      title: 'Users',
    },
    partners: {
      title: 'Partner organisations',
    },
    tree: {
      pageTitle: 'Edit the plan',
    },
  },
  errors: {
    generic: 'Something went wrong ({{code}}).',
    invalid: 'Some fields are not filled in correctly.',
    network: 'The server cannot be reached. Check your connection.',
    unexpected: 'Something unexpected went wrong.',
    AUTH: {
      INVALID_CREDENTIALS: 'The email address or password is not correct.',
      TOO_MANY_ATTEMPTS: 'Too many failed attempts. Try again later.',
      FORBIDDEN: 'Your role does not allow this change.',
      TOKEN_MISSING: 'Please log in again.',
      TOKEN_INVALID: 'Please log in again.',
      TOKEN_EXPIRED: 'Your session expired. Please log in again.',
      SESSION_ENDED: 'Your session ended. Please log in again.',
    },
    IMPORT: {
      UNSUPPORTED_FILE: 'We cannot read this file: only PDF, Word (DOCX), TXT and MD.',
      NO_TEXT_LAYER:
        'This PDF holds no text (a scan?). Export it again from the original document, or run text recognition (OCR) on it first.',
      UNREADABLE_FILE: 'The file is damaged and cannot be read.',
      NOTHING_FOUND: 'We found no themes, goals or actions in this document. Try other rules.',
      EMPTY: 'The document is empty.',
    },
    PERIOD: {
      CATCHING_UP:
        'The report of this period cannot be frozen yet: the latest changes are still being processed. Try again in a few seconds.',
    },
    USER: {
      PASSWORD_TOO_SHORT: 'A password needs at least 10 characters.',
      CANNOT_DISABLE_SELF: 'You cannot disable your own account.',
    },
    SETUP: {
      INVALID_CODE: 'This code is not right. Copy the code from the server log.',
      DONE: 'This installation is already set up. Please log in.',
    },
    RATE_LIMITED: 'Too many requests. Wait a moment and try again.',
  },
  notifications: {
    title: 'Notifications',
    bell: 'Notifications',
    unreadSuffix: 'unread',
    arrived: 'New notification ({{count}} unread): {{title}}',
    preferences: {
      title: 'Notification settings',
    },
    mails: {
      nav: 'Sent e-mails',
      title: 'Sent e-mails',
    },
  },
  changes: {
    link: 'What changed since …',
  },
  periods: {
    title: 'Reporting',
  },
  myUpdates: {
    title: 'My updates',
  },
};
