/**
 * Run by keychain.test.ts inside `dbus-run-session` with gnome-keyring unlocked:
 * store, read, overwrite and delete through SecretStore with the real
 * `@github/keytar`. Plain Node (no electron). Prints one JSON line of results.
 */
import { createKeytarBackend, openKeytar } from '../../src/main/secrets/keytar-backend'
import { SecretStore } from '../../src/main/secrets/secret-store'

async function main(): Promise<void> {
  const opened = await openKeytar()
  if (!opened.ok) throw new Error(opened.reason)
  const store = new SecretStore(createKeytarBackend(opened.keytar))
  const account = `it-${process.pid}`
  const steps: Record<string, unknown> = {}
  steps.before = await store.get(account, 'apiKey')
  await store.set(account, 'apiKey', 'first-keychain-value')
  steps.afterStore = await store.get(account, 'apiKey')
  await store.set(account, 'apiKey', 'second-keychain-value')
  steps.afterOverwrite = await store.get(account, 'apiKey')
  await store.set(account, 'clientSecret', 'client-keychain-value')
  steps.deleted = await store.delete(account, 'apiKey')
  steps.afterDelete = await store.get(account, 'apiKey')
  steps.deletedAccount = await store.deleteAccount(account)
  steps.afterDeleteAccount = await store.get(account, 'clientSecret')
  steps.listed = (await opened.keytar.findCredentials('Switchboard')).length
  process.stdout.write(`RESULT ${JSON.stringify(steps)}\n`)
}

main().catch((error: unknown) => {
  process.stderr.write(
    `keychain run failed: ${error instanceof Error ? error.message : String(error)}\n`,
  )
  process.exit(1)
})
