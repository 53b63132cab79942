import type en from './directory-en'

const ru: typeof en = {
  colleague: 'Коллега · внутренний {extension}',
  addThisNumber: 'Добавить этот номер',
}
export default ru
