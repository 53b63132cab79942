import type { MessageSchema } from './index'

const ru: MessageSchema = {
  app: {
    name: 'Switchboard',
    navLabel: 'Разделы',
    bridgeMissing: 'Switchboard не может связаться со своим ядром',
    bridgeMissingHelp:
      'Окно открылось без связи с главным процессом. Перезапустите Switchboard; если это повторится, переустановите программу.',
  },
  nav: {
    presence: 'Присутствие',
    calls: 'Звонки',
    voicemail: 'Голосовая почта',
    chat: 'Чат',
    history: 'История',
    contacts: 'Контакты',
    settings: 'Настройки',
  },
  empty: {
    notConnectedTitle: 'Нет подключения к АТС',
    presence:
      'Кто свободен, кому звонят и кто занят — появится здесь после подключения к вашей АТС.',
    calls: 'Текущие и припаркованные звонки появятся здесь после подключения к вашей АТС.',
    voicemail: 'Голосовая почта появится здесь после подключения к вашей АТС.',
    chat: 'Чаты появятся здесь после подключения к АТС, которая поддерживает чат.',
    history: 'Входящие и исходящие звонки появятся здесь после подключения к вашей АТС.',
    contacts: 'Телефонная книга АТС появится здесь после подключения к вашей АТС.',
  },
  settings: {
    title: 'Настройки',
    accounts: 'Учётные записи',
    accountsLoading: 'Загрузка учётных записей…',
    accountsError: 'Не удалось загрузить учётные записи: {message}',
    noAccounts: 'Учётные записи не настроены.',
    demoBadge: 'Демо',
    demoExplained:
      'Учётная запись не настроена, поэтому Switchboard использует встроенную демо-АТС — имитацию офиса для знакомства с программой.',
    dialect: 'Тип АТС',
    extension: 'Внутренний номер',
    about: 'О программе',
    version: 'Версия {version} ({shell})',
    retry: 'Повторить',
  },
  dialect: {
    pbxcloud: 'PBXCloud (proxy API)',
    restv1: 'REST API ver1.0',
    jade: 'jade',
  },
  shell: {
    electron: 'настольное приложение',
    browser: 'мост для браузера',
  },
}

export default ru
