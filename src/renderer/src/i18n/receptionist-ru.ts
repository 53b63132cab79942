import type en from './receptionist-en'

const ru: typeof en = {
  crmExample: 'Например: {example}',
}
export default ru
