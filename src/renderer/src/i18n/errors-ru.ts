import type en from './errors-en'
import colleagueCall from './colleague-call-ru'

/** Errors in Russian; see errors-en.ts. */
const ru: typeof en = {
  kind: {
    auth: 'АТС отклонила вход. Проверьте учётную запись в настройках.',
    network: 'Нет связи с АТС. Проверьте подключение к сети.',
    timeout: 'АТС не ответила вовремя. Попробуйте ещё раз.',
    rate_limited: 'АТС просит Switchboard делать запросы реже. Попробуйте чуть позже.',
    unsupported: 'Эта АТС этого не умеет.',
    bad_response: 'АТС прислала ответ, который Switchboard не может прочитать.',
    invalid_argument: 'Это не принято. Проверьте введённое.',
    not_found: 'Этого больше нет.',
    internal: 'В Switchboard что-то пошло не так.',
  },
  code: {
    ...colleagueCall.errors.code,
    not_offered: 'Эта АТС не предоставляет: {feature}.',
    auth: { bad_credentials: 'АТС отклонила имя пользователя, ключ или пароль.' },
    network: { unreachable: 'Нет связи с АТС. Проверьте её адрес и сеть.' },
    timeout: 'АТС не ответила вовремя. Попробуйте ещё раз.',
    rate_limited: 'АТС просит Switchboard подождать {seconds} с перед повтором.',
    bad_response: { unreadable: 'АТС прислала ответ, который Switchboard не может прочитать.' },
    invalid_argument: {
      url_userinfo: 'Адрес не должен содержать имя пользователя или пароль.',
    },
    tls: {
      pin_mismatch: 'Сертификат сервера не тот, которому доверяет эта учётная запись.',
    },
    dial: {
      unreadable: 'Не удалось прочитать номер.',
      not_a_link: 'Это не телефонная ссылка.',
      empty: 'Номер не указан.',
      too_long: 'Текст длиннее {max} символов.',
      scheme: 'Звонить можно только по телефонным ссылкам (tel, callto, sip).',
      query: 'Ссылки с параметрами запроса не принимаются.',
      encoding: 'Ссылка повреждена и не читается.',
      sip_host: 'В SIP-адресе нет правильного узла.',
      sip_password: 'SIP-ссылки с паролем не принимаются.',
      sip_invalid: 'SIP-адрес неверен.',
      sip_name: 'SIP-адрес — это имя, а не номер.',
      control_chars: 'Номер содержит управляющие символы.',
      invisible_chars: 'Номер содержит невидимые символы.',
      bad_chars: 'Набрать можно только цифры 0–9, + в начале, * и #.',
      too_many_digits: 'В номере больше {max} цифр.',
      e164_too_long: 'В международном номере не больше {max} цифр.',
      extension_twice: 'Добавочный номер указан дважды.',
      extension_length: 'Добавочный номер — от 1 до {max} цифр.',
      context_twice: 'Телефонный контекст указан дважды.',
      context_invalid: 'Телефонный контекст — не номер и не доменное имя.',
      parameter: 'В ссылке есть часть, которую Switchboard не принимает.',
    },
    budget: {
      calls_first:
        'Сейчас Switchboard бережёт запросы к АТС для звонков. Попробуйте снова через {seconds} с.',
    },
    account: {
      not_connected: 'Эта учётная запись не подключена.',
      not_found: 'Этой учётной записи больше нет.',
      no_secret_store: 'Учётные записи здесь не изменить: негде надёжно хранить ключ.',
      secret_needed: 'Новой учётной записи нужен пароль, ключ или секрет.',
      dialect_fixed: 'Тип АТС учётной записи не меняется. Добавьте новую учётную запись.',
    },
    call: {
      ended: 'Звонок завершён.',
      no_transfer: 'Этот звонок сейчас не переводится.',
    },
    voicemail: { gone: 'Этого голосового сообщения больше нет.' },
    parked: { gone: 'Звонок больше не припаркован.' },
    screen_pop: {
      not_set: 'Страница CRM не настроена. Укажите её адрес в настройках.',
      invalid: 'Адрес страницы CRM непригоден. Проверьте его в настройках.',
      no_number: 'У этого звонка нет номера для поиска.',
    },
  },
  feature: {
    ...colleagueCall.errors.feature,
    contacts: 'телефонная книга',
    chat: 'чат',
    voicemail: 'голосовая почта',
    history: 'история звонков',
    hold: 'удержание',
    park: 'парковка',
    pickup: 'ответ из приложения',
    transfer: 'перевод',
    queues: 'очереди',
    recordings: 'записи',
  },
}
export default ru
