import type en from './switches-en'

/** Company-wide switches in Russian; see switches-en.ts. */
const ru: typeof en = {
  confirmOn: 'Включить «{name}» для всей компании? Все звонки пойдут по этому правилу.',
  confirmOff: 'Выключить «{name}» для всей компании? Звонки пойдут как обычно.',
  on: '{name}: включено',
}
export default ru
