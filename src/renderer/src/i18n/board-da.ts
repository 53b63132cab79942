/** Oversigten over et stort kontor (issue 15, fund 11): grupper, fastgjorte, liste. */
import type en from './board-en'

const da: typeof en = {
  pinned: 'Fastgjort',
  others: 'Alle andre',
  onlyFree: 'Kun ledige',
  view: 'Visning',
  tiles: 'Felter',
  list: 'Liste',
  label: 'Kolleger: piletasterne flytter, Enter ringer op, menutasten åbner handlingerne',
  pin: 'Fastgør {name} øverst',
  unpin: 'Frigør {name}',
  groups: 'Grupper for {name}…',
  editorTitle: 'Grupper for {name}',
  editorHelp:
    'Markér de grupper, {name} hører til på din oversigt. En gruppe uden medlemmer forsvinder.',
  newGroup: 'Ny gruppe',
  save: 'Gem',
  cancel: 'Annullér',
  saveFailed: 'Grupperne blev ikke gemt: {message}',
  tooLong: 'Et gruppenavn er højst 40 tegn.',
}

export default da
