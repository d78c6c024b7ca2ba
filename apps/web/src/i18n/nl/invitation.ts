/** Dutch (nl-BE) texts of the area "invitation": loaded with the pages that use them (apps/web/src/pages/lazy.ts). */
export const nl = {
  invitation: {
    title: 'Kies je wachtwoord',
    checking: 'De uitnodiging wordt gecontroleerd…',
    intro:
      'Welkom, {{name}}. Kies een wachtwoord voor je account {{email}}. Deze link is geldig tot {{until}}.',
    password: 'Wachtwoord (minstens 10 tekens)',
    repeat: 'Herhaal het wachtwoord',
    mismatch: 'De twee wachtwoorden zijn niet gelijk.',
    submit: 'Wachtwoord opslaan en aanmelden',
    noToken: 'Deze link is onvolledig. Open de volledige link uit de e-mail.',
  },
};
