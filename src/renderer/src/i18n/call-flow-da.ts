import type en from './call-flow-en'

/** The last gaps of the call flow in Danish; see call-flow-en.ts. */
const da: typeof en = {
  ownNumber: '{number} er dit eget lokalnummer: ring til en andens nummer.',
  consultEnded: '{name} tog ikke opkaldet: {caller} venter stadig hos dig.',
}
export default da
