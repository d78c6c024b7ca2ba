import type { Dictionary } from '../dictionary';
import type { nl } from '../nl/public';

/** English: the same keys as nl/public.ts (checked by the compiler and dictionaries.unit.spec.ts). */
export const en: Dictionary<typeof nl> = {
  public: {
    title: 'Local social policy plan',
    notFound: 'This page does not exist or is not public (any more).',
    period: 'Runs from {{from}} to {{to}}',
    themes: 'Themes of the plan',
    due: 'Due {{date}}',
    progressOf: 'Progress of action {{code}}',
    link: 'Link to action {{code}}',
    react: 'Respond to action {{code}}',
    feedbackLabel: 'Your response',
    feedbackHint:
      'Your name or address is not needed. At most 1,000 characters. The working group reads every response.',
    send: 'Send',
    thanks: 'Thank you! Your response was passed on to the working group.',
    limited: 'You just sent several responses. Try again in a quarter of an hour.',
    failed: 'Your response could not be sent. Try again later.',
    switchLabel: 'Public page',
    isOn: "This plan's public page is on: anyone can read it without logging in.",
    isOff: "This plan's public page is off.",
    turnOn: 'Switch the public page on',
    turnOff: 'Switch the public page off',
    open: 'Open the public page',
  },
};
