/**
 * electron-vite externalises every `dependencies` entry and electron-builder
 * copies each one into app.asar: a package only the renderer bundle uses belongs
 * in devDependencies (the renderer bundle already contains it). A workspace
 * package (packages/*) is bundled into main instead — app.asar carries no
 * workspace link — so what it imports counts as main's own imports.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { bareImports, packageOf } from '../support/imports'

const root = resolve(__dirname, '../..')
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
  allowScripts?: Record<string, boolean>
  workspaces?: string[]
}

/** Workspace packages by name → their source folder. */
const workspaces = new Map(
  readdirSync(resolve(root, 'packages')).map((dir) => {
    const manifest = JSON.parse(
      readFileSync(resolve(root, 'packages', dir, 'package.json'), 'utf8'),
    ) as { name: string }
    return [manifest.name, resolve(root, 'packages', dir, 'src')] as const
  }),
)

/** A workspace package is bundled: what it imports is loaded by whoever imports it. */
function loadedBy(dirs: string[]): string[] {
  return dirs
    .flatMap((dir) => bareImports(dir))
    .flatMap((name) => {
      const source = workspaces.get(name)
      return source ? bareImports(source) : [name]
    })
}

describe('package.json', () => {
  const mainSide = new Set(
    loadedBy(['src/main', 'src/shared', 'src/preload'].map((dir) => resolve(root, dir))),
  )
  const rendererSide = new Set(bareImports(resolve(root, 'src/renderer')))

  it('ships no package that only the renderer uses', () => {
    const rendererOnly = [...rendererSide].filter((name) => !mainSide.has(name))
    expect(rendererOnly).toEqual(
      expect.arrayContaining(['vue', 'pinia', 'vue-i18n', '@tanstack/vue-virtual']),
    )
    for (const name of rendererOnly) expect(Object.keys(pkg.dependencies)).not.toContain(name)
  })

  it('lists every package main loads as a dependency (electron comes with the app)', () => {
    for (const name of mainSide) {
      if (name === 'electron') continue
      expect(Object.keys(pkg.dependencies), name).toContain(name)
    }
  })

  it('lists nothing in dependencies that main does not load', () => {
    for (const name of Object.keys(pkg.dependencies)) expect([...mainSide]).toContain(name)
  })

  it('bundles the workspace packages into main rather than shipping them as dependencies', () => {
    expect(pkg.workspaces).toEqual(['packages/*'])
    expect([...workspaces.keys()]).toContain('@switchboard/demo-pbx')
    expect(bareImports(resolve(root, 'src/main'))).toContain('@switchboard/demo-pbx')
    for (const name of workspaces.keys()) {
      expect(Object.keys(pkg.dependencies), name).not.toContain(name)
      expect(Object.keys(pkg.devDependencies), name).not.toContain(name)
    }
  })

  it('names the reviewed install scripts, and .npmrc makes an unreviewed one fail', () => {
    expect(pkg.allowScripts).toMatchObject({
      '@github/keytar': true,
      electron: true,
      esbuild: true,
    })
    const npmrc = readFileSync(resolve(root, '.npmrc'), 'utf8')
    expect(npmrc).toMatch(/^strict-allow-scripts=true$/m)
  })

  it('reads scoped and deep imports as their package', () => {
    expect(packageOf('@github/keytar')).toBe('@github/keytar')
    expect(packageOf('electron-log/main')).toBe('electron-log')
    expect(packageOf('node:fs')).toBeNull()
    expect(packageOf('./x')).toBeNull()
  })
})
