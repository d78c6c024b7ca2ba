import MarkdownIt from 'markdown-it';
import {
  ACTION_STATUS_LABELS,
  AGENDA_ITEM_KIND_LABELS,
  MEETING_STATUS_LABELS,
  URGENCY_LABELS,
  formatDate,
  formatMeetingTime,
  isActionStatus,
  localiseErasedIn,
  type Language,
  type LocalizedText,
  type SignalUrgency,
} from '#domain';
import type { Minutes, MinutesActionChanges, MinutesPerson } from './minutes.js';

/** A signal as the minutes name it: who raised it, how urgent, which actions it concerns. */
export interface MinutesSignal {
  /** the partner organisation's name, or the free source (a citizen, an advisory council) */
  from: string | null;
  urgency: SignalUrgency;
  actionIds: string[];
}

/** Names the minutes show for the ids they hold (from the read models, at render time). */
export interface MinutesNames {
  workingGroup: string | null;
  users: Readonly<Record<string, string>>;
  partners: Readonly<Record<string, string>>;
  actions: Readonly<Record<string, { code: string; title: string }>>;
  meetings: Readonly<Record<string, { title: string; startsAt: string }>>;
  /** the signals on the agenda (absent in names resolved before signals were named) */
  signals?: Readonly<Record<string, MinutesSignal>>;
}

export const NO_NAMES: MinutesNames = {
  workingGroup: null,
  users: {},
  partners: {},
  actions: {},
  meetings: {},
  signals: {},
};

export type MinutesFormat = 'md' | 'html';

/** A document as blocks, so Markdown, HTML and PDF say exactly the same. */
export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; head: string[]; rows: string[][] }
  /** what people typed as Markdown (discussion notes): Markdown as is, HTML rendered (raw HTML escaped) */
  | { kind: 'markdown'; text: string };

/** CommonMark without raw HTML (it is shown as text), so notes cannot inject markup into the minutes */
export const notesMarkdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

const T = {
  minutes: { nl: 'Verslag', en: 'Minutes' },
  workingGroup: { nl: 'Werkgroep', en: 'Working group' },
  date: { nl: 'Datum', en: 'Date' },
  place: { nl: 'Plaats', en: 'Place' },
  status: { nl: 'Status', en: 'Status' },
  present: { nl: 'Aanwezig', en: 'Present' },
  excused: { nl: 'Verontschuldigd', en: 'Excused' },
  absent: { nl: 'Afwezig', en: 'Absent' },
  corrections: { nl: 'Correcties op vorige verslagen', en: 'Corrections to earlier minutes' },
  agenda: { nl: 'Agenda', en: 'Agenda' },
  otherChanges: { nl: 'Andere wijzigingen aan acties', en: 'Other changes to actions' },
  decisions: { nl: 'Beslissingen', en: 'Decisions' },
  proposals: { nl: 'Voorstellen', en: 'Proposals' },
  noCategory: { nl: 'Zonder categorie', en: 'Without category' },
  source: { nl: 'bron', en: 'source' },
  signalFrom: { nl: 'Signaal van', en: 'Signal from' },
  urgency: { nl: 'urgentie', en: 'urgency' },
  concerns: { nl: 'over', en: 'concerning' },
  unknownSender: { nl: 'onbekende afzender', en: 'unknown sender' },
  outsidePlatform: { nl: 'buiten het platform', en: 'outside the platform' },
  decision: { nl: 'Beslissing', en: 'Decision' },
  prioritisation: { nl: 'Prioritering', en: 'Prioritisation' },
  nextSteps: { nl: 'Volgende stappen', en: 'Next steps' },
  correctedBy: { nl: 'Later gecorrigeerd', en: 'Corrected later' },
  none: { nl: 'Geen.', en: 'None.' },
  nothing: { nl: 'geen', en: 'none' },
  guest: { nl: 'gast', en: 'guest' },
  note: { nl: 'Notitie', en: 'Note' },
  partnerAdded: { nl: 'Partner toegevoegd', en: 'Partner added' },
  partnerRemoved: { nl: 'Partner verwijderd', en: 'Partner removed' },
  rank: { nl: 'Plaats', en: 'Rank' },
  proposal: { nl: 'Voorstel', en: 'Proposal' },
  points: { nl: 'Punten', en: 'Points' },
  actions: { nl: 'acties', en: 'actions' },
  action: { nl: 'actie', en: 'action' },
  by: { nl: 'tegen', en: 'by' },
  minutesOf: { nl: 'verslag van', en: 'minutes of' },
  atMeeting: { nl: 'Op de vergadering van', en: 'At the meeting of' },
  tieNote: {
    nl: 'Gelijke scores delen een plaats; bij gelijkstand volgt de volgorde waarin de voorstellen ingediend werden.',
    en: 'Equal scores share a rank; tied proposals are listed in the order they were made.',
  },
} as const satisfies Record<string, LocalizedText>;

const FIELD_LABELS: Readonly<Record<string, LocalizedText>> = {
  status: { nl: 'Status', en: 'Status' },
  owner: { nl: 'Trekker', en: 'Lead' },
  progress: { nl: 'Voortgang', en: 'Progress' },
  dueDate: { nl: 'Einddatum', en: 'Due date' },
  title: { nl: 'Titel', en: 'Title' },
  description: { nl: 'Beschrijving', en: 'Description' },
  tags: { nl: 'Aandachtspunten', en: 'Focus points' },
};

/** a value of an event as text (the fields the minutes show are strings, numbers or lists of strings) */
const scalar = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : JSON.stringify(value);

/** one line of text: newlines in what people typed become spaces */
const line = (text: string): string => text.replace(/\s*\r?\n\s*/g, ' ').trim();

export function renderMinutes(
  minutes: Minutes,
  options: { format: MinutesFormat; lang?: Language; names?: MinutesNames },
): string {
  const lang = options.lang ?? 'nl';
  const blocks = minutesBlocks(minutes, lang, options.names ?? NO_NAMES);
  return options.format === 'html' ? toHtml(blocks, lang, minutes.title) : toMarkdown(blocks);
}

/**
 * The minutes as blocks, in one language: what every format (Markdown, HTML, PDF) lays out. An erased person's
 * data (docs/privacy.md) reads "gewist" / "erased".
 */
export function minutesBlocks(minutes: Minutes, lang: Language, names: MinutesNames): Block[] {
  const local = (text: string): string => localiseErasedIn(text, lang);
  return blocksOf(minutes, lang, names).map((block): Block => {
    switch (block.kind) {
      case 'list':
        return { ...block, items: block.items.map(local) };
      case 'table':
        return { ...block, head: block.head.map(local), rows: block.rows.map((row) => row.map(local)) };
      default:
        return { ...block, text: local(block.text) };
    }
  });
}

function blocksOf(minutes: Minutes, lang: Language, names: MinutesNames): Block[] {
  const t = (text: LocalizedText): string => text[lang];
  const user = (id: string): string => names.users[id] ?? id;
  const partner = (id: string): string => names.partners[id] ?? id;
  const action = (id: string): string => {
    const known = names.actions[id];
    return known ? `${known.code} ${known.title}` : id;
  };
  const actionCode = (id: string): string => names.actions[id]?.code ?? id;
  const when = (instant: string): string => formatMeetingTime(instant)[lang];
  const meeting = (id: string): string => {
    const known = names.meetings[id];
    return known ? `${when(known.startsAt)} (${known.title})` : id;
  };
  const personLine = (p: MinutesPerson): string => {
    const name = p.userId !== null ? user(p.userId) : `${p.guestName ?? ''}`;
    const org = p.partnerId !== null ? partner(p.partnerId) : p.organisation;
    return `${name}${org ? ` (${org})` : ''}${p.userId === null ? `, ${t(T.guest)}` : ''}`;
  };
  const value = (field: string, raw: unknown): string => {
    if (raw === null || raw === undefined || (Array.isArray(raw) && raw.length === 0)) return t(T.nothing);
    if (field === 'status' && isActionStatus(raw)) return ACTION_STATUS_LABELS[raw][lang];
    const text = scalar(raw);
    if (field === 'owner') return partner(text);
    if (field === 'progress') return `${text}%`;
    if (field === 'dueDate') return formatDate(text)[lang];
    if (Array.isArray(raw)) return raw.map(scalar).join(', ');
    return `"${line(text)}"`;
  };
  const changeLines = (changes: MinutesActionChanges): string[] => [
    ...changes.changes.map((change) => {
      if (change.field === 'partners')
        return change.to !== null
          ? `${t(T.partnerAdded)}: ${partner(scalar(change.to))}`
          : `${t(T.partnerRemoved)}: ${partner(scalar(change.from))}`;
      const label = FIELD_LABELS[change.field]?.[lang] ?? change.field;
      return `${label}: ${value(change.field, change.from)} → ${value(change.field, change.to)}`;
    }),
    ...changes.notes.map((note) => `${t(T.note)}: ${line(note)}`),
  ];
  const listOrNone = (items: string[]): Block =>
    items.length > 0 ? { kind: 'list', items } : { kind: 'paragraph', text: t(T.none) };

  const blocks: Block[] = [{ kind: 'heading', level: 1, text: `${t(T.minutes)}: ${line(minutes.title)}` }];
  blocks.push({
    kind: 'list',
    items: [
      ...(names.workingGroup ? [`${t(T.workingGroup)}: ${names.workingGroup}`] : []),
      `${t(T.date)}: ${when(minutes.startsAt)}`,
      ...(minutes.location ? [`${t(T.place)}: ${line(minutes.location)}`] : []),
      `${t(T.status)}: ${MEETING_STATUS_LABELS[minutes.status][lang]}`,
    ],
  });
  blocks.push({ kind: 'heading', level: 2, text: t(T.present) }, listOrNone(minutes.present.map(personLine)));
  blocks.push({ kind: 'heading', level: 2, text: t(T.excused) }, listOrNone(minutes.excused.map(personLine)));
  if (minutes.absent.length > 0)
    blocks.push({ kind: 'heading', level: 2, text: t(T.absent) }, listOrNone(minutes.absent.map(personLine)));

  const minutesOf = `${t(T.minutesOf)[0]!.toUpperCase()}${t(T.minutesOf).slice(1)}`;
  blocks.push(
    { kind: 'heading', level: 2, text: t(T.corrections) },
    listOrNone(
      minutes.corrections.map((c) =>
        c.correctsMeetingId !== null
          ? `${minutesOf} ${meeting(c.correctsMeetingId)}: ${line(c.text)}`
          : `${minutesOf} ${formatDate(c.outsideMeeting!.date)[lang]} (${line(c.outsideMeeting!.title)}, ${t(T.outsidePlatform)}): ${line(c.text)}`,
      ),
    ),
  );
  const signalLine = (signalId: string): string | null => {
    const signal = names.signals?.[signalId];
    if (!signal) return null;
    const concerns =
      signal.actionIds.length > 0
        ? `, ${t(T.concerns)} ${signal.actionIds.length === 1 ? t(T.action) : t(T.actions)} ${signal.actionIds.map(actionCode).join(', ')}`
        : '';
    return `${t(T.signalFrom)} ${signal.from ?? t(T.unknownSender)} (${t(T.urgency)} ${URGENCY_LABELS[signal.urgency][lang]})${concerns}`;
  };

  blocks.push({ kind: 'heading', level: 2, text: t(T.agenda) });
  if (minutes.agenda.length === 0) blocks.push({ kind: 'paragraph', text: t(T.none) });
  minutes.agenda.forEach((item, index) => {
    const title =
      item.kind === 'action' && item.refId && names.actions[item.refId]
        ? action(item.refId)
        : line(item.title);
    blocks.push({
      kind: 'heading',
      level: 3,
      text: `${index + 1}. ${title} (${AGENDA_ITEM_KIND_LABELS[item.kind][lang]})`,
    });
    const signal = item.kind === 'signal' && item.refId ? signalLine(item.refId) : null;
    if (signal) blocks.push({ kind: 'paragraph', text: signal });
    // what was said under the item, then what changed and was decided
    if (item.notes) blocks.push({ kind: 'markdown', text: item.notes });
    const items = [
      ...(item.action ? changeLines(item.action) : []),
      ...item.decisions.map((text) => `${t(T.decision)}: ${line(text)}`),
    ];
    if (items.length > 0) blocks.push({ kind: 'list', items });
  });

  if (minutes.otherChanges.length > 0) {
    blocks.push({ kind: 'heading', level: 2, text: t(T.otherChanges) });
    for (const changes of minutes.otherChanges) {
      blocks.push(
        { kind: 'heading', level: 3, text: action(changes.actionId) },
        { kind: 'list', items: changeLines(changes) },
      );
    }
  }

  blocks.push(
    { kind: 'heading', level: 2, text: t(T.decisions) },
    listOrNone(
      minutes.decisions.map(
        (d) =>
          `${line(d.text)}${d.actionIds.length > 0 ? ` (${t(T.actions)} ${d.actionIds.map(actionCode).join(', ')})` : ''}`,
      ),
    ),
  );

  // proposals made before older minutes had this section are absent there
  const proposals = minutes.proposals ?? [];
  if (proposals.length > 0) {
    blocks.push({ kind: 'heading', level: 2, text: t(T.proposals) });
    const categories = [...new Set(proposals.map((p) => p.category))];
    const grouped = categories.some((category) => category !== null);
    // categories in the order they first appear; proposals without one last
    for (const category of [
      ...categories.filter((c) => c !== null),
      ...categories.filter((c) => c === null),
    ]) {
      if (grouped)
        blocks.push({
          kind: 'heading',
          level: 3,
          text: category === null ? t(T.noCategory) : line(category),
        });
      blocks.push({
        kind: 'list',
        items: proposals
          .filter((p) => p.category === category)
          .map((p) => `${line(p.text)}${p.source ? ` (${t(T.source)}: ${line(p.source)})` : ''}`),
      });
    }
  }

  if (minutes.rounds.length > 0) {
    blocks.push({ kind: 'heading', level: 2, text: t(T.prioritisation) });
    minutes.rounds.forEach((round, index) => {
      const kind =
        lang === 'nl'
          ? round.ranked
            ? 'met rangorde'
            : 'zonder rangorde'
          : round.ranked
            ? 'ranked'
            : 'unranked';
      const behalf = round.recordedOnBehalf ?? 0;
      const how =
        round.method === 'tally'
          ? lang === 'nl'
            ? `op papier, telling van ${round.ballots} ${round.ballots === 1 ? 'stemmer' : 'stemmers'}`
            : `on paper, tally of ${round.ballots} ${round.ballots === 1 ? 'voter' : 'voters'}`
          : lang === 'nl'
            ? `${round.ballots} ${round.ballots === 1 ? 'stem' : 'stemmen'}${behalf > 0 ? `, waarvan ${behalf} genoteerd door voorzitter of secretaris` : ''}`
            : `${round.ballots} ${round.ballots === 1 ? 'ballot' : 'ballots'}${behalf > 0 ? `, ${behalf} recorded by the chair or secretary` : ''}`;
      const heading =
        lang === 'nl'
          ? `Ronde ${index + 1}: top ${round.size} ${kind}, ${how}`
          : `Round ${index + 1}: ${kind} top ${round.size}, ${how}`;
      blocks.push(
        { kind: 'heading', level: 3, text: heading },
        {
          kind: 'table',
          head: [t(T.rank), t(T.proposal), t(T.points)],
          rows: round.ranking.map((r) => [String(r.rank), line(r.text), String(r.score)]),
        },
      );
    });
    blocks.push({ kind: 'paragraph', text: t(T.tieNote) });
  }

  blocks.push(
    { kind: 'heading', level: 2, text: t(T.nextSteps) },
    listOrNone(
      minutes.nextSteps.map((step) => {
        const owners = [
          step.ownerUserId && user(step.ownerUserId),
          step.ownerPartnerId && partner(step.ownerPartnerId),
        ]
          .filter(Boolean)
          .join(', ');
        const due = step.dueDate ? `, ${t(T.by)} ${formatDate(step.dueDate)[lang]}` : '';
        const linked = step.linkedActionId ? ` (${t(T.action)} ${actionCode(step.linkedActionId)})` : '';
        return `${line(step.text)}: ${owners}${due}${linked}`;
      }),
    ),
  );

  if (minutes.correctedBy.length > 0) {
    blocks.push(
      { kind: 'heading', level: 2, text: t(T.correctedBy) },
      {
        kind: 'list',
        items: minutes.correctedBy.map((c) => `${t(T.atMeeting)} ${meeting(c.meetingId)}: ${line(c.text)}`),
      },
    );
  }
  return blocks;
}

function toMarkdown(blocks: Block[]): string {
  const cell = (text: string): string => text.replace(/\|/g, '\\|');
  return (
    blocks
      .map((block) => {
        switch (block.kind) {
          case 'heading':
            return `${'#'.repeat(block.level)} ${block.text}`;
          case 'paragraph':
            return block.text;
          case 'markdown':
            return block.text;
          case 'list':
            return block.items.map((item) => `- ${item}`).join('\n');
          case 'table':
            return [
              `| ${block.head.map(cell).join(' | ')} |`,
              `| ${block.head.map(() => '---').join(' | ')} |`,
              ...block.rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
            ].join('\n');
        }
      })
      .join('\n\n') + '\n'
  );
}

export const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const PRINT_CSS = `body{font-family:Georgia,'Times New Roman',serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#111;line-height:1.45}
h1{font-size:1.6rem;border-bottom:2px solid #111;padding-bottom:.3rem}
h2{font-size:1.2rem;margin-top:1.6rem;border-bottom:1px solid #999}
h3{font-size:1.05rem;margin-bottom:.3rem}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.25rem .5rem;text-align:left}
td:first-child,td:last-child{width:5rem}
.notes{border-left:3px solid #bbb;padding-left:.8rem;margin:.4rem 0}
@page{size:A4;margin:2cm}
@media print{body{margin:0;max-width:none}h2,h3{page-break-after:avoid}table,li{page-break-inside:avoid}}`;

function toHtml(blocks: Block[], lang: Language, title: string): string {
  const e = escapeHtml;
  const body = blocks
    .map((block) => {
      switch (block.kind) {
        case 'heading':
          return `<h${block.level}>${e(block.text)}</h${block.level}>`;
        case 'paragraph':
          return `<p>${e(block.text)}</p>`;
        case 'markdown':
          return `<div class="notes">\n${notesMarkdown.render(block.text)}</div>`;
        case 'list':
          return `<ul>\n${block.items.map((item) => `<li>${e(item)}</li>`).join('\n')}\n</ul>`;
        case 'table':
          return [
            '<table>',
            `<thead><tr>${block.head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead>`,
            '<tbody>',
            ...block.rows.map((row) => `<tr>${row.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`),
            '</tbody>',
            '</table>',
          ].join('\n');
      }
    })
    .join('\n');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${e(`${T.minutes[lang]}: ${line(title)}`)}</title>
<style>
${PRINT_CSS}
</style>
</head>
<body>
${body}
</body>
</html>
`;
}
