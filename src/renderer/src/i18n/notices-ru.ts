import type en from './notices-en'

const ru: typeof en = {
  settings_not_saved: 'Настройки не удалось сохранить; они действуют до выхода из Switchboard.',
  settings_salvaged:
    'Некоторые настройки больше не проходят проверку Switchboard и были пропущены ({fields}); прежний файл сохранён как {backup}.',
  settings_unreadable:
    'Файл настроек не удалось прочитать. Он сохранён как {backup}, а Switchboard запущен с настройками по умолчанию.',
  secrets_memory_only:
    'В системе нет хранилища ключей и шифрования: пароли и ключи хранятся только до выхода.',
  dial_refused: 'Switchboard не стал звонить: {reason}',
  link_refused: 'Switchboard не открыл ссылку: {reason}',
  no_dialer: 'Нет подключённой учётной записи, чтобы позвонить.',
  calling: 'Звоним на {number}…',
  dial_failed: 'Не удалось позвонить на {number}: {reason}',
  shortcut_select_first: 'Сначала выделите номер телефона, затем нажмите сочетание клавиш.',
  shortcut_copy_first: 'Сначала скопируйте номер телефона, затем нажмите сочетание клавиш.',
  shortcut_taken:
    'Сочетание {shortcut} не удалось назначить: возможно, его занимает другая программа. Выберите другое в настройках.',
  window_keeps_crashing:
    'Окно Switchboard постоянно падает ({count} раз за минуту) и больше не перезагружается. Перезапустите Switchboard; если это повторится, отправьте «Копировать диагностику» в службу поддержки.',
  window_restarted: 'Окно Switchboard перестало отвечать и было перезапущено.',
  window_reloaded: 'Окно Switchboard упало и было перезагружено ({count} с момента запуска).',
  auto_launch_failed: 'Не удалось изменить запуск при входе в систему.',
  update_after_call: 'Switchboard перезапустится для обновления, когда закончится звонок.',
  tray_hint:
    'Switchboard продолжает работать в трее: звонки по-прежнему всплывают. Выйти можно из меню трея.',
}
export default ru
