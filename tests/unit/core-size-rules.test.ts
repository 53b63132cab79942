/**
 * "No file in the core over ~300 lines, no function over ~60" holds because ESLint
 * refuses more, not by care: a file and a function one line over, linted as if
 * they were in each room the rule covers, are refused; one line under passes.
 */
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: process.cwd() })

async function sizeRules(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath })
  return (result?.messages ?? []).flatMap((m) =>
    m.ruleId === 'max-lines' || m.ruleId === 'max-lines-per-function' ? [m.ruleId] : [],
  )
}

/** A module of `count` statements, with a blank line and a comment between each. */
function fileOf(count: number): string {
  const lines = Array.from({ length: count - 1 }, (_, i) => `export const v${i} = ${i}\n\n// why\n`)
  return `${lines.join('')}export const last = 0\n`
}

/** A function `count` lines long, blank lines and comments aside: header, statements, brace. */
function functionOf(count: number): string {
  const body = Array.from({ length: count - 3 }, (_, i) => `  const v${i} = ${i}\n\n  // why\n`)
  return `export function big(): number {\n${body.join('')}  return 0\n}\n`
}

const rooms = [
  'src/main/core/session/x.ts',
  'src/main/core/calls/x.ts',
  'src/main/core/presence/x.ts',
  'src/main/core/app/x.ts',
  'src/main/core/handlers/x.ts',
  'src/main/core/x.ts',
]

describe('the core’s size rules', () => {
  it.each(rooms)('refuse a file over 300 lines in %s, and pass one of 300', async (file) => {
    expect(await sizeRules(file, fileOf(301))).toContain('max-lines')
    expect(await sizeRules(file, fileOf(300))).not.toContain('max-lines')
  })

  it.each(rooms)('refuse a function over 60 lines in %s, and pass one of 60', async (file) => {
    expect(await sizeRules(file, functionOf(61))).toContain('max-lines-per-function')
    expect(await sizeRules(file, functionOf(60))).not.toContain('max-lines-per-function')
  })
})
