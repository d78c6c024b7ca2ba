import type { Dictionary } from '../dictionary';
import type { nl } from '../nl/invitation';

/** English: the same keys as nl/invitation.ts (checked by the compiler and dictionaries.unit.spec.ts). */
export const en: Dictionary<typeof nl> = {
  invitation: {
    title: 'Choose your password',
    checking: 'Checking the invitation…',
    intro:
      'Welcome, {{name}}. Choose a password for your account {{email}}. This link is valid until {{until}}.',
    password: 'Password (at least 10 characters)',
    repeat: 'Repeat the password',
    mismatch: 'The two passwords are not the same.',
    submit: 'Save the password and sign in',
    noToken: 'This link is incomplete. Open the complete link from the e-mail.',
  },
};
