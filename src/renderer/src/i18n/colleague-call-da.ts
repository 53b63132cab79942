import type en from './colleague-call-en'

/** Calling a colleague or a contact by who they are, in Danish; see colleague-call-en.ts. */
const da: typeof en = {
  errors: {
    code: {
      colleague: { unknown: 'Den kollega er ikke længere på tavlen. Find vedkommende igen.' },
      contact: { unknown: 'Den kontakt er ikke i en nylig søgning. Søg igen.' },
    },
    feature: {
      dial_number: 'opkald til numre (kun til egne brugere)',
      call_contact: 'opkald til en kontakt uden nummer',
    },
  },
  noTransfer: {
    pbx: 'Dette telefonsystem kan ikke viderestille opkald fra appen: ring til {name} i stedet.',
    noNumber:
      'Dette telefonsystem viderestiller kun til et nummer, og {name} har ikke noget: ring i stedet.',
  },
}

export default da
