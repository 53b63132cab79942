/** Settings that speak to a receptionist (issue 15, finding 15). */
export default {
  crmExample: 'For example: {example}',
}
