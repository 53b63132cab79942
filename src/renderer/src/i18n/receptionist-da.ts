import type en from './receptionist-en'

const da: typeof en = {
  advanced: 'Avanceret',
  callsActiveSeconds: 'Tjek opkald under et opkald hvert (sekunder)',
  callsIdleSeconds: 'Tjek opkald ellers hvert (sekunder)',
  crmExample: 'For eksempel: {example}',
}
export default da
