import type en from './receptionist-en'

const da: typeof en = {
  advanced: 'Avanceret',
  callsActiveSeconds: 'Tjek opkald under et opkald hvert (sekunder)',
  callsIdleSeconds: 'Tjek opkald ellers hvert (sekunder)',
  crmExample: 'For eksempel: {example}',
  shortcutChange: 'Optag en ny genvej',
  shortcutPress: 'Tryk tasterne nu (Esc beholder den gamle)',
  shortcutNeedsModifier:
    'Hold {command}, Alt eller begge nede sammen med tasten: ellers ville genvejen tage tasten fra alle andre programmer.',
  shortcutKey: 'Brug et bogstav, et tal, mellemrum eller en F-tast.',
}
export default da
