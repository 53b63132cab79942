import type en from './colleague-call-en'

/** Calling a colleague or a contact by who they are, in Russian; see colleague-call-en.ts. */
const ru: typeof en = {
  errors: {
    code: {
      colleague: { unknown: 'Этого коллеги уже нет на панели. Найдите его снова.' },
      contact: { unknown: 'Этого контакта нет в недавнем поиске. Выполните поиск снова.' },
    },
    feature: {
      dial_number: 'звонки на номера (только своим пользователям)',
      call_contact: 'звонок контакту без номера',
    },
  },
  noTransfer: {
    pbx: 'Эта АТС не умеет переводить звонки из приложения: позвоните {name}.',
    noNumber:
      'Эта АТС переводит звонки только на номер, а у {name} его нет: позвоните вместо этого.',
  },
}

export default ru
