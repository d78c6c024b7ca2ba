/** Dutch (nl-BE) texts of the area "firstRun": loaded with the pages that use them (apps/web/src/pages/lazy.ts). */
export const nl = {
  firstRun: {
    title: 'Eerste start',
    intro:
      'Deze installatie heeft nog geen stad of gebruikers. Maak de stad en de eerste coördinator aan met de eenmalige code uit het serverlog.',
    code: 'Eenmalige code (uit het serverlog)',
    tenantName: 'Naam van de stad of gemeente',
    tenantId: 'Korte naam (kleine letters, cijfers en streepjes)',
    name: 'Jouw naam',
    email: 'E-mailadres',
    password: 'Wachtwoord (minstens 10 tekens)',
    submit: 'Stad aanmaken',
  },
};
