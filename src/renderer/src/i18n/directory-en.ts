/** Contacts that also know colleagues and unknown callers (issue 15, finding 18). */
export default {
  colleague: 'Colleague · extension {extension}',
  addThisNumber: 'Add this number',
}
