/** Панель большого офиса (issue 15, находка 11): группы, закреплённые, список. */
import type en from './board-en'

const ru: typeof en = {
  pinned: 'Закреплённые',
  others: 'Все остальные',
  onlyFree: 'Только свободные',
  view: 'Вид',
  tiles: 'Плитки',
  list: 'Список',
  label: 'Коллеги: стрелки — перемещение, Enter — позвонить, клавиша меню — действия',
  pin: 'Закрепить {name} наверху',
  unpin: 'Открепить {name}',
  groups: 'Группы для {name}…',
  editorTitle: 'Группы для {name}',
  editorHelp: 'Отметьте группы, в которые входит {name} на вашей панели. Пустая группа исчезает.',
  newGroup: 'Новая группа',
  save: 'Сохранить',
  cancel: 'Отмена',
  saveFailed: 'Группы не сохранены: {message}',
  tooLong: 'Название группы — не больше 40 символов.',
}

export default ru
