/**
 * What `npm run build` leaves outside the main bundle is what app.asar must
 * carry: only packages main itself loads, each listed in `dependencies`.
 */
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { packageOf } from '../support/imports'

const root = resolve(__dirname, '../..')
const bundle = resolve(root, 'out/main/index.js')

describe('the built main bundle', () => {
  it('loads only Electron, Node and the packages listed in dependencies', () => {
    expect(existsSync(bundle), 'run `npm run build` first').toBe(true)
    const code = readFileSync(bundle, 'utf8')
    const loaded = new Set<string>()
    for (const match of code.matchAll(/\b(?:require|import)\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) {
      const name = packageOf(match[1] ?? '')
      if (name) loaded.add(name)
    }
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>
    }
    const allowed = new Set(['electron', ...Object.keys(pkg.dependencies)])
    expect([...loaded].filter((name) => !allowed.has(name))).toEqual([])
    // The renderer's framework is bundled into the renderer, never loaded by main.
    for (const name of ['vue', 'pinia', 'vue-i18n', '@tanstack/vue-virtual'])
      expect(loaded.has(name), name).toBe(false)
    expect(loaded.has('electron')).toBe(true)
  })
})
