import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { expect, it } from 'vitest'

const root = join(__dirname, '..', '..')

it('a main-process test that leaks an unhandled rejection fails, naming the error', () => {
  // Vitest's own reporting of unhandled errors is switched off in the child, so
  // only the guard can make this run fail.
  const run = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', 'vitest', 'vitest.mjs'),
      'run',
      '--config',
      join(root, 'tests', 'support', 'guard-proof', 'vitest.config.ts'),
    ],
    { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, CI: '1' } },
  )
  const output = `${run.stdout}\n${run.stderr}`
  expect(run.status, output).not.toBe(0)
  expect(output).toContain('stray error')
  expect(output).toContain('leaked on purpose')
}, 60_000)
