/**
 * The electronegativity allowlist accepts reviewed code, not a whole file: all of
 * main is one bundle, so a new openExternal there must still fail the check.
 */
import { describe, expect, it } from 'vitest'
import {
  allowlistProblems,
  flaggedText,
  reviewFindings,
  type AcceptedFinding,
  type Finding,
} from '../../scripts/electronegativity-review.mjs'

const accepted: AcceptedFinding[] = [
  {
    rule: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'out/main/index.js',
    snippet: 'electron.shell.openExternal(url)',
    count: 1,
    reason: 'the one reviewed https-only screen-pop call',
  },
]

const finding = (text: string, line = 10): Finding => ({
  rule: 'OPEN_EXTERNAL_JS_CHECK',
  file: 'out/main/index.js',
  line,
  text,
  message: 'Review the use of openExternal',
})

describe('the electronegativity allowlist', () => {
  it('accepts the reviewed call', () => {
    const reviewed = finding('void electron.shell.openExternal(url);')
    expect(reviewFindings([reviewed], accepted)).toEqual({ open: [], changed: [] })
  })

  it('fails on a new openExternal elsewhere in the same bundled file', () => {
    const other = finding('electron.shell.openExternal(message.link);', 900)
    const result = reviewFindings([finding('electron.shell.openExternal(url);'), other], accepted)
    expect(result.open).toEqual([other])
  })

  it('fails when the accepted code appears more or fewer times than reviewed', () => {
    const twice = [
      finding('electron.shell.openExternal(url)'),
      finding('electron.shell.openExternal(url)', 20),
    ]
    expect(reviewFindings(twice, accepted).changed).toEqual([{ entry: accepted[0], found: 2 }])
    expect(reviewFindings([], accepted).changed).toEqual([{ entry: accepted[0], found: 0 }])
  })

  it('requires every entry to name its code, count and reason', () => {
    expect(allowlistProblems(accepted)).toEqual([])
    expect(
      allowlistProblems([{ rule: 'X', file: 'f', reason: 'a reason that is long enough' }]),
    ).toHaveLength(1)
    expect(allowlistProblems({})).toHaveLength(1)
  })

  it('reads the flagged text from the built file, across lines', () => {
    const source = 'a\n  <meta\n    content="x y">\n'
    expect(flaggedText(source, 2, 3, 24)).toBe('<meta content="x y">')
  })
})
