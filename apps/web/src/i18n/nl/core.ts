/**
 * Dutch (nl-BE), the shell's texts: bundled with the first download (navigation, page titles, login, errors and the
 * words every page shares). A page's own texts are in their area file next to this one (docs in apps/web/README.md).
 */
export const nl = {
  app: {
    title: 'Samenwerkplan lokaal sociaal beleid',
  },
  language: {
    switch: 'English',
    nl: 'Nederlands',
    en: 'Engels',
  },
  nav: {
    label: 'Hoofdnavigatie',
    skip: 'Naar de inhoud',
    dashboard: 'Dashboard',
    actions: 'Acties',
    workingGroups: 'Werkgroepen',
    signals: 'Signalen',
    logout: 'Afmelden',
    audit: 'Audittrail',
    periods: 'Rapportering',
    myUpdates: 'Mijn updates',
  },
  connection: {
    connecting: 'Verbinden…',
    connected: 'Live',
    reconnecting: 'Opnieuw verbinden…',
    closed: 'Niet live',
  },
  role: {
    coordinator: 'coördinator',
    member: 'werkgroeplid',
    partner: 'partner',
    viewer: 'kijker',
  },
  groupRole: {
    chair: 'voorzitter',
    secretary: 'secretaris',
    member: 'lid',
  },
  status: {
    not_started: 'niet gestart',
    in_progress: 'lopend',
    realised: 'gerealiseerd',
    postponed: 'uitgesteld',
    stopped: 'stopgezet',
  },
  urgency: {
    low: 'laag',
    normal: 'normaal',
    high: 'hoog',
  },
  meetingStatus: {
    scheduled: 'gepland',
    open: 'bezig',
    ended: 'afgelopen',
    cancelled: 'geannuleerd',
  },
  field: {
    auditTrailRead: 'audittrail gelezen',
    title: 'titel',
    description: 'omschrijving',
    tags: 'aandachtspunten',
    status: 'status',
    owner: 'trekker',
    partners: 'partners',
    notes: 'notitie',
    signals: 'signaal',
    progress: 'voortgang',
    dueDate: 'deadline',
    archived: 'gearchiveerd',
    action: 'actie',
  },
  common: {
    loading: 'Laden…',
    all: 'Alle',
    save: 'Opslaan',
    add: 'Toevoegen',
    notFound: 'Deze pagina bestaat niet.',
  },
  demo: {
    label: 'Demomodus',
    title: 'Demo',
    text: 'Dit is een demonstratieomgeving met het plan van Brugge. Wijzigingen zijn niet echt.',
    accounts: 'Demo-accounts',
    password: 'Het wachtwoord van elk demo-account is "demo". Kies een account om het in te vullen:',
  },
  login: {
    title: 'Aanmelden',
    intro: 'Meld je aan met je e-mailadres en wachtwoord.',
    email: 'E-mailadres',
    password: 'Wachtwoord',
    submit: 'Aanmelden',
    busy: 'Bezig met aanmelden…',
  },
  dashboard: {
    title: 'Dashboard',
    noPlan: 'Er is nog geen plan.',
  },
  actions: {
    title: 'Acties',
  },
  action: {
    title: 'Actie',
  },
  audit: {
    title: 'Audittrail',
  },
  erasure: {
    erased: 'gewist',
  },
  history: {
    title: 'Geschiedenis',
    empty: 'leeg',
    system: 'systeem',
    someone: 'iemand anders',
    inMeeting: 'in vergadering',
  },
  fieldName: {
    text: 'tekst',
    comment: 'toelichting',
    reason: 'reden',
    percent: 'voortgang in procent',
    source: 'afzender',
    title: 'titel',
    description: 'omschrijving',
    tags: 'aandachtspunten',
    dueDate: 'deadline',
    ownerId: 'trekker',
    partnerId: 'partner',
    status: 'status',
    urgency: 'dringendheid',
    name: 'naam',
    email: 'e-mailadres',
    password: 'wachtwoord',
    newPassword: 'nieuw wachtwoord',
    role: 'rol',
    kind: 'soort',
    code: 'nummer',
    intoPartnerId: 'organisatie om mee samen te voegen',
    userId: 'persoon',
    periodStart: 'begindatum',
    periodEnd: 'einddatum',
    response: 'antwoord',
    to: 'doorverwezen naar',
    startsAt: 'datum en uur',
    location: 'plaats of link',
    notes: 'bespreking',
    guestName: 'naam van de gast',
    organisation: 'organisatie',
    category: 'categorie',
    voters: 'aantal stemmers',
    scores: 'punten',
    proposalIds: 'voorstellen',
  },
  fieldError: {
    maxLength: '{{field}}: maximaal {{limit}} tekens.',
    minLength: '{{field}}: minstens {{limit}} tekens.',
    max: '{{field}}: maximaal {{limit}}.',
    min: '{{field}}: minstens {{limit}}.',
    arrayMaxSize: '{{field}}: maximaal {{limit}}.',
    invalid: '{{field}}: deze waarde is niet geldig.',
  },
  groups: {
    title: 'Werkgroepen',
  },
  signals: {
    title: 'Signalen',
    status: {
      submitted: 'Ingediend',
      acknowledged: 'Ontvangen',
      on_agenda: 'Geagendeerd',
      answered: 'Beantwoord',
      escalated: 'Doorgegeven aan een hogere overheid',
      closed: 'Afgesloten',
    },
  },
  meeting: {
    title: 'Vergadering',
  },
  importWizard: {
    title: 'Plan importeren',
    nav: 'Plan importeren',
  },
  setupGroup: {
    title: 'Nieuwe werkgroep',
  },
  setup: {
    nav: {
      link: 'Instellen',
    },
    users: {
      title: 'Gebruikers',
    },
    partners: {
      title: 'Partnerorganisaties',
    },
    tree: {
      pageTitle: 'Plan bewerken',
    },
  },
  errors: {
    generic: 'Er ging iets mis ({{code}}).',
    invalid: 'Sommige velden zijn niet geldig ingevuld.',
    network: 'De server is niet bereikbaar. Controleer je verbinding.',
    unexpected: 'Er ging iets onverwachts mis.',
    AUTH: {
      INVALID_CREDENTIALS: 'E-mailadres of wachtwoord is niet juist.',
      TOO_MANY_ATTEMPTS: 'Te veel mislukte pogingen. Probeer het later opnieuw.',
      FORBIDDEN: 'Je rol laat deze wijziging niet toe.',
      TOKEN_MISSING: 'Meld je opnieuw aan.',
      TOKEN_INVALID: 'Meld je opnieuw aan.',
      TOKEN_EXPIRED: 'Je sessie is verlopen. Meld je opnieuw aan.',
      SESSION_ENDED: 'Je sessie is beëindigd. Meld je opnieuw aan.',
    },
    IMPORT: {
      UNSUPPORTED_FILE: 'Dit bestand kunnen we niet lezen: enkel PDF, Word (DOCX), TXT en MD.',
      NO_TEXT_LAYER:
        'Deze PDF bevat geen tekst (een scan?). Exporteer hem opnieuw uit het originele document of laat er eerst tekstherkenning (OCR) op lopen.',
      UNREADABLE_FILE: 'Het bestand is beschadigd en kan niet gelezen worden.',
      NOTHING_FOUND: 'We vonden geen thema’s, doelen of acties in dit document. Probeer andere regels.',
      EMPTY: 'Het document is leeg.',
    },
    PERIOD: {
      CATCHING_UP:
        'Het rapport van deze periode kan nog niet bevroren worden: de laatste wijzigingen worden nog verwerkt. Probeer het binnen enkele seconden opnieuw.',
    },
    USER: {
      PASSWORD_TOO_SHORT: 'Een wachtwoord moet minstens 10 tekens hebben.',
      CANNOT_DISABLE_SELF: 'Je kunt je eigen account niet uitschakelen.',
    },
    SETUP: {
      INVALID_CODE: 'Deze code klopt niet. Neem de code uit het serverlog over.',
      DONE: 'Deze installatie is al ingesteld. Meld je aan.',
    },
    RATE_LIMITED: 'Te veel verzoeken. Wacht even en probeer opnieuw.',
  },
  notifications: {
    title: 'Meldingen',
    bell: 'Meldingen',
    unreadSuffix: 'ongelezen',
    arrived: 'Nieuwe melding ({{count}} ongelezen): {{title}}',
    preferences: {
      title: 'Instellingen voor meldingen',
    },
    mails: {
      nav: 'Verzonden e-mails',
      title: 'Verzonden e-mails',
    },
  },
  changes: {
    link: 'Wat veranderde sinds …',
  },
  periods: {
    title: 'Rapportering',
  },
  myUpdates: {
    title: 'Mijn updates',
  },
};
