/**
 * Calling a colleague or a contact by who they are (issue 14): the words for the
 * errors main's check gives (`errors.code.*`) and the features jade cannot offer.
 */
export default {
  code: {
    colleague: { unknown: 'That colleague is no longer on the board. Find them again.' },
    contact: { unknown: 'That contact is not in a recent search. Search again.' },
  },
  feature: {
    dial_number: 'calling numbers (only its own users)',
    call_contact: 'calling a contact without a number',
  },
}
