/** Dutch (nl-BE) texts of the area "asOf": loaded with the pages that use them (apps/web/src/pages/lazy.ts). */
export const nl = {
  asOf: {
    label: 'Stand op',
    today: 'Vandaag',
    apply: 'Toon',
    banner:
      'Je bekijkt het plan zoals het stond op {{date}} (einde van de dag). Wijzigen kan alleen in de stand van vandaag.',
    backToToday: 'Terug naar vandaag',
    actionBanner:
      'Je bekijkt deze actie zoals ze stond op {{date}} (einde van de dag): status, trekker, partners, voortgang, signalen en indicatoren van toen. Wijzigen kan alleen in de stand van vandaag.',
    changesSince: 'Wat veranderde sindsdien',
    invalid: 'Kies een geldige datum.',
  },
};
