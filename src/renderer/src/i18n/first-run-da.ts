import type en from './first-run-en'

/** First run in Danish; see first-run-en.ts. */
const da: typeof en = {
  demoName: 'Demokontor',
  banner: 'Demokontor — simulerede opkald',
  bannerMore: 'Intet her når en rigtig telefon.',
  connect: 'Forbind dit telefonsystem',
  help: {
    pbxcloud:
      'Portaladressen er den, du logger ind på. Lejerkoden og en API-nøgle findes under lejerens indstillinger i portalen; en fuld nøgle (ikke skrivebeskyttet) lader Switchboard ringe op og holde pause.',
    restv1:
      'Opret en API-applikation (client credentials) i telefonsystemets webportal: den viser klient-id og klienthemmelighed. Lokalnummer-id behøves kun, når applikationen betjener flere lokalnumre.',
    jade: 'Brug jade-serverens adresse og dit eget jade-brugernavn og din adgangskode. Et supervisorlogin er valgfrit: det giver mulighed for at lægge andres opkald på, parkerede opkald og køer.',
  },
}
export default da
