/**
 * The real OS keychain: SecretStore with the real `@github/keytar` against
 * gnome-keyring's Secret Service, in a private D-Bus session and a throw-away
 * keyring folder (the developer's own keyring is never touched).
 *
 * Needs dbus-run-session and gnome-keyring-daemon (Debian: dbus, dbus-x11,
 * gnome-keyring, libsecret-1-dev). Skipped without them on a developer machine;
 * required under CI=true.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(__dirname, '../..')
const tools = ['dbus-run-session', 'gnome-keyring-daemon']
const missing = tools.filter(
  (tool) => spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status !== 0,
)
const required = process.env.CI === 'true'
const install =
  'Install the Debian packages dbus, dbus-x11, gnome-keyring and libsecret-1-dev (as .ci/run does).'

describe('the real keychain', () => {
  // Skipped only on a developer machine without the tools; under CI a missing
  // tool fails the test instead of hiding it.
  it.skipIf(missing.length > 0 && !required)(
    'stores, reads, overwrites and deletes through SecretStore with @github/keytar',
    () => {
      if (missing.length > 0) {
        expect.fail(`Missing ${missing.join(', ')}: the keychain test cannot run. ${install}`)
      }
      const home = mkdtempSync(join(tmpdir(), 'sb-keyring-'))
      try {
        // The password arrives on stdin: gnome-keyring creates and unlocks a new
        // login keyring under the temporary XDG_DATA_HOME.
        const script = [
          'printf "switchboard-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null',
          `exec "${join(root, 'node_modules/.bin/tsx')}" "${join(root, 'tests/integration/keychain-run.ts')}"`,
        ].join('\n')
        const run = spawnSync('dbus-run-session', ['--', 'sh', '-c', script], {
          cwd: root,
          encoding: 'utf8',
          timeout: 60_000,
          env: {
            PATH: process.env.PATH,
            HOME: home,
            XDG_DATA_HOME: join(home, 'data'),
            XDG_RUNTIME_DIR: home,
            XDG_CONFIG_HOME: join(home, 'config'),
          },
        })
        const line = run.stdout.split('\n').find((l) => l.startsWith('RESULT '))
        if (!line) {
          throw new Error(
            `The keychain run produced no result (exit ${run.status}, ${run.error?.message ?? 'no spawn error'}).\n${run.stderr}\n${install}`,
          )
        }
        expect(JSON.parse(line.slice('RESULT '.length))).toEqual({
          before: null,
          afterStore: 'first-keychain-value',
          afterOverwrite: 'second-keychain-value',
          deleted: true,
          afterDelete: null,
          deletedAccount: 1,
          afterDeleteAccount: null,
          listed: 0,
        })
      } finally {
        rmSync(home, { recursive: true, force: true })
      }
    },
  )
})
