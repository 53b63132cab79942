/**
 * The layer rules of docs/architecture.md hold because ESLint refuses the import,
 * not by care: each forbidden import below, linted as if it were written in that
 * layer, must be refused by `no-restricted-imports`, and the allowed ones next to
 * them must pass (a rule so wide that it refused them would be switched off).
 */
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: process.cwd() })

async function refusals(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const used = x\n`, { filePath })
  return (result?.messages ?? []).flatMap((m) =>
    m.ruleId === 'no-restricted-imports' ? [m.message] : [],
  )
}

const forbidden: [layer: string, file: string, source: string][] = [
  ['providers → core', 'src/main/providers/x.ts', "import { x } from '../core/session'"],
  [
    'providers → core (from a dialect)',
    'src/main/providers/jade/x.ts',
    "import type { x } from '../../core/session-events'",
  ],
  ['providers → electron', 'src/main/providers/restv1/x.ts', "import { x } from 'electron'"],
  ['core → electron', 'src/main/core/x.ts', "import { x } from 'electron'"],
  ['shared → main', 'src/shared/x.ts', "import { x } from '../main/log'"],
  ['shared → renderer', 'src/shared/x.ts', "import { x } from '../renderer/src/format'"],
  ['shared → electron', 'src/shared/x.ts', "import { x } from 'electron'"],
  ['renderer → main', 'src/renderer/src/views/x.ts', "import { x } from '../../../main/log'"],
  [
    'renderer → main (store)',
    'src/renderer/src/x.ts',
    "import { x } from '../../main/core/app-core'",
  ],
  ['renderer → electron', 'src/renderer/src/x.ts', "import { x } from 'electron'"],
  [
    'demo → core',
    'packages/demo-pbx/src/x.ts',
    "import { x } from '../../../src/main/core/session'",
  ],
  [
    'demo → providers',
    'packages/demo-pbx/src/x.ts',
    "import { x } from '../../../src/main/providers/provider'",
  ],
  ['demo → electron', 'packages/demo-pbx/src/x.ts', "import { x } from 'electron'"],
  ['shell → testing core', 'src/main/shell/x.ts', "import { x } from '../core/app/testing'"],
  ['shell → ipcMain', 'src/main/shell/x.ts', "import { ipcMain } from 'electron'"],
  ['bridge → testing core', 'src/web/x.ts', "import { x } from '../main/core/app/testing'"],
  ['bridge → electron', 'src/web/x.ts', "import { x } from 'electron'"],
]

const allowed: [what: string, file: string, source: string][] = [
  [
    'providers → shared',
    'src/main/providers/jade/x.ts',
    "import { x } from '../../../shared/model'",
  ],
  ['core → providers', 'src/main/core/x.ts', "import { x } from '../providers/provider'"],
  ['shared → shared', 'src/shared/x.ts', "import { x } from './model'"],
  ['renderer → its own main.ts', 'src/renderer/src/views/x.ts', "import { x } from '../main'"],
  ['renderer → shared', 'src/renderer/src/x.ts', "import { x } from '../../shared/model'"],
  ['shell → app core', 'src/main/shell/x.ts', "import { x } from '../core/app/app-core'"],
  [
    'tests → testing core',
    'tests/unit/x.ts',
    "import { x } from '../../src/main/core/app/testing'",
  ],
]

describe('layer rules: ESLint refuses an import across a layer', () => {
  it.each(forbidden)('%s is refused', async (_layer, file, source) => {
    expect(await refusals(file, source)).toHaveLength(1)
  })

  it.each(allowed)('%s is allowed', async (_what, file, source) => {
    expect(await refusals(file, source)).toEqual([])
  })
})
