// `npm start`: build and run the Electron app. Where the Electron binary is not
// installed (it is skipped on CI and on machines without network), say so in one
// line and point at the browser bridge instead of printing a stack trace.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)

function electronBinary() {
  try {
    const dir = dirname(require.resolve('electron/package.json'))
    const pathFile = join(dir, 'path.txt')
    if (!existsSync(pathFile)) return null
    const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
    return existsSync(binary) ? binary : null
  } catch {
    return null
  }
}

if (!electronBinary() && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  // The electron package downloads its binary on first use; give it that chance once.
  const dir = dirname(require.resolve('electron/package.json'))
  spawnSync(process.execPath, [join(dir, 'install.js')], { stdio: 'ignore' })
}

if (!electronBinary()) {
  console.error(
    'Switchboard: the Electron binary is not installed (it could not be downloaded here); run `node node_modules/electron/install.js` with network access, or use `npm run web` to open the app in a browser.',
  )
  process.exit(1)
}

const bin = process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite'
const result = spawnSync(join('node_modules', '.bin', bin), ['preview'], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
})
process.exit(result.status ?? 1)
