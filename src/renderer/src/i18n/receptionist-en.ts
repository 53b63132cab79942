/** Settings that speak to a receptionist (issue 15, finding 15). */
export default {
  advanced: 'Advanced',
  callsActiveSeconds: 'Check calls during a call every (seconds)',
  callsIdleSeconds: 'Check calls otherwise every (seconds)',
  crmExample: 'For example: {example}',
}
