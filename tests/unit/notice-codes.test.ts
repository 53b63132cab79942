/**
 * Main never sends the window a sentence it cannot translate (issue 15, finding 9):
 * every notify() in main carries a code, and the window has words for each code.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(__dirname, '..', '..', 'src', 'main')
/** The window's notice words (renderer i18n, read as text: main's project cannot import it). */
const words = readFileSync(
  join(__dirname, '..', '..', 'src', 'renderer', 'src', 'i18n', 'notices-en.ts'),
  'utf8',
)
const known = [...words.matchAll(/^ {2}([a-z_]+):/gm)].map((m) => m[1])

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return files(path)
    return path.endsWith('.ts') ? [path] : []
  })
}

/** The text of each `notify(` call: up to its closing bracket. */
function notifyCalls(source: string): string[] {
  const calls: string[] = []
  const pattern = /\bnotify\(/g
  for (let m = pattern.exec(source); m; m = pattern.exec(source)) {
    let depth = 1
    let i = m.index + m[0].length
    for (; i < source.length && depth > 0; i++) {
      if (source[i] === '(') depth++
      else if (source[i] === ')') depth--
    }
    calls.push(source.slice(m.index, i))
  }
  return calls
}

describe('notices main sends', () => {
  const calls = files(root).flatMap((file) =>
    notifyCalls(readFileSync(file, 'utf8'))
      // Declarations and pass-throughs (`notify(kind, text, detail)`) are not senders.
      .filter((call) => /['`]/.test(call) && !/^notify\(kind\b/.test(call))
      .map((call) => ({ file: file.slice(root.length + 1), call })),
  )

  it('finds the senders it checks', () => {
    expect(calls.length).toBeGreaterThanOrEqual(12)
  })

  it('carry a code the window has words for', () => {
    for (const { file, call } of calls) {
      // The literals of each `code:` value, but not what it compares against (`=== 'linux'`).
      const codes = [...call.matchAll(/code:([^,}]*)/g)].flatMap((m) =>
        [...(m[1] ?? '').matchAll(/(?<!===\s*)'([a-z_]+)'/g)].map((l) => l[1] ?? ''),
      )
      expect(codes, `${file}: ${call}`).not.toEqual([])
      for (const code of codes) expect(known, `${file}: ${code}`).toContain(code)
    }
  })
})
