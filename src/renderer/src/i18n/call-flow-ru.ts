import type en from './call-flow-en'

/** The last gaps of the call flow in Russian; see call-flow-en.ts. */
const ru: typeof en = {
  ownNumber: '{number} — ваш собственный номер: наберите номер другого человека.',
  consultEnded: '{name} не принял(а) звонок: {caller} по-прежнему ждёт на удержании у вас.',
}
export default ru
