import type en from './switches-en'

/** Company-wide switches in Danish; see switches-en.ts. */
const da: typeof en = {
  confirmOn: 'Slå “{name}” til for hele virksomheden? Alle opkald bliver dirigeret efter den.',
  confirmOff: 'Slå “{name}” fra for hele virksomheden? Opkald dirigeres som normalt.',
  on: '{name}: til',
}
export default da
