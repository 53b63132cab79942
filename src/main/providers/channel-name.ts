/**
 * Pieces for reading Asterisk channel and device names (`PJSIP/201-0000001a`)
 * without a regex: the providers read one per channel of the whole office on every
 * poll, and a regex match allocates its result each time. Each reader built on
 * these is held to the pattern it replaces by a property test.
 */

export const isDigit = (c: number): boolean => c >= 48 && c <= 57

/** `[0-9a-f]` under the `i` flag. */
export const isHexDigit = (c: number): boolean =>
  isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)

const isAlphanumeric = (c: number): boolean =>
  isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)

/** Whether `value` has a character a regex's `.` does not match. */
export const hasLineBreak = (value: string): boolean => /[\n\r\u2028\u2029]/.test(value)

/** The index of the `/` after the technology (`^[A-Za-z0-9]+\/`), or -1. */
export function technologyEnd(value: string): number {
  const slash = value.indexOf('/')
  if (slash < 1) return -1
  for (let i = 0; i < slash; i++) if (!isAlphanumeric(value.charCodeAt(i))) return -1
  return slash
}

/** Whether `value[from, to)` is all hex digits. */
export function allHex(value: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isHexDigit(value.charCodeAt(i))) return false
  return true
}
