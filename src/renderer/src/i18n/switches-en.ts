/** Company-wide switches (issue 15, finding 13): asked before, shown after. */
export default {
  confirmOn: 'Switch on “{name}” for the whole company? Every caller will be routed by it.',
  confirmOff: 'Switch off “{name}” for the whole company? Callers will be routed as usual.',
  on: '{name}: on',
}
