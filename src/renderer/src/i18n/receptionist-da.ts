import type en from './receptionist-en'

const da: typeof en = {
  crmExample: 'For eksempel: {example}',
}
export default da
