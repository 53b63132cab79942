import type en from './queue-alert-en'

const ru: typeof en = {
  waiting: 'Ожидают: {count}',
  waitingLongest: 'Ожидают: {count}, дольше всех {wait}',
  longest: 'Дольше всех ждёт {wait}',
  pauseAll: 'Пауза во всех очередях',
  resumeAll: 'Вернуться во все очереди',
  pauseAllReason: 'Причина для всех (необязательно)',
  pausedAll: 'Пауза в очередях: {count}.',
  resumedAll: 'Снова принимаете звонки в очередях: {count}.',
  someFailed: '{name}: {message}',
}
export default ru
