/**
 * Calling a colleague or a contact by who they are (issue 14): the words for the
 * errors main's check gives (`errors.code.*`), the features jade cannot offer,
 * and why the tile menu offers no transfer to a colleague (`colleagueCall.*`).
 */
export default {
  errors: {
    code: {
      colleague: { unknown: 'That colleague is no longer on the board. Find them again.' },
      contact: { unknown: 'That contact is not in a recent search. Search again.' },
    },
    feature: {
      dial_number: 'calling numbers (only its own users)',
      call_contact: 'calling a contact without a number',
    },
  },
  /** On the tile menu during a call, when the caller cannot be passed to this colleague. */
  noTransfer: {
    pbx: 'This PBX cannot transfer calls from the app: call {name} instead.',
    noNumber: 'This PBX transfers only to a number, and {name} has none: call them instead.',
  },
}
