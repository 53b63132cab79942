import type en from './directory-en'

const da: typeof en = {
  colleague: 'Kollega · lokalnummer {extension}',
  addThisNumber: 'Tilføj dette nummer',
}
export default da
