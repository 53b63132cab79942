/** The npm packages a source folder imports (static and dynamic), for dependency checks. */
import { readdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join } from 'node:path'

const builtins = new Set(builtinModules)

/** `@scope/name/deep` → `@scope/name`; relative paths and Node built-ins → null. */
export function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:'))
    return null
  const parts = specifier.split('/')
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '')
  return builtins.has(name) ? null : name
}

const importPattern =
  /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|vue|mts|js)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
}

/** Type-only imports are erased, so they load nothing. */
export function bareImports(dir: string): string[] {
  const found = new Set<string>()
  for (const file of sourceFiles(dir)) {
    const text = readFileSync(file, 'utf8')
    for (const match of text.matchAll(importPattern)) {
      if (/^(?:import|export)\s+type\s/.test(match[0].trim())) continue
      const name = packageOf(match[1] ?? match[2] ?? match[3] ?? match[4] ?? '')
      if (name) found.add(name)
    }
  }
  return [...found].sort()
}
