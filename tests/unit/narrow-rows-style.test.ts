/**
 * The list screens' narrow layout has one home (views/narrow-rows.css): a fix there
 * reaches History, Queues and Voicemail alike, and no screen keeps its own copy that
 * would drift. Each screen only says from which width its rows wrap.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const views = join(__dirname, '../../src/renderer/src/views')
const shared = readFileSync(join(views, 'narrow-rows.css'), 'utf8')
const squash = (css: string): string => css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ')

/** The shared file's rules, each as `selector { declarations }`. */
const rules = [...squash(shared).matchAll(/(\.[\w-]+) \{([^{}]*)\}/g)].map((m) => ({
  selector: m[1]!,
  body: m[2]!.trim(),
}))

describe.each(['HistoryView.vue', 'QueuesView.vue', 'VoicemailView.vue'])('%s', (file) => {
  const source = readFileSync(join(views, file), 'utf8')

  it('takes the narrow layout from narrow-rows.css and says where its rows wrap', () => {
    expect(source).toContain('<style scoped src="./narrow-rows.css"></style>')
    expect(squash(source)).toMatch(
      /@container main \(max-width: [\d.]+rem\) \{ \.view \{ --rows-layout: wrap; \} \}/,
    )
  })

  it('keeps no copy of the shared rules', () => {
    expect(rules.map((r) => r.selector)).toEqual(['.list', '.row', '.row__who', '.row__actions'])
    for (const rule of rules)
      expect(squash(source)).not.toContain(`${rule.selector} { ${rule.body} }`)
  })
})
