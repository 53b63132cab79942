import type en from './receptionist-en'

const ru: typeof en = {
  advanced: 'Дополнительно',
  callsActiveSeconds: 'Проверять звонки во время разговора каждые (секунд)',
  callsIdleSeconds: 'Проверять звонки в остальное время каждые (секунд)',
  crmExample: 'Например: {example}',
}
export default ru
