import type en from './receptionist-en'

const ru: typeof en = {
  advanced: 'Дополнительно',
  callsActiveSeconds: 'Проверять звонки во время разговора каждые (секунд)',
  callsIdleSeconds: 'Проверять звонки в остальное время каждые (секунд)',
  crmExample: 'Например: {example}',
  shortcutChange: 'Записать новое сочетание',
  shortcutPress: 'Нажмите клавиши (Esc оставит прежнее)',
  shortcutNeedsModifier:
    'Удерживайте {command}, Alt или обе вместе с клавишей: иначе сочетание отнимет эту клавишу у всех остальных программ.',
  shortcutKey: 'Используйте букву, цифру, пробел или клавишу F.',
}
export default ru
