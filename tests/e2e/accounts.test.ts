/**
 * Account setup in Chromium: Test connection says exactly what is wrong, a
 * self-signed certificate can be trusted by its fingerprint, saving connects the
 * account (the demo steps aside), removing it brings the demo back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canRun, launch, screenshot, type Running } from './harness'

describe.skipIf(!canRun)('account setup in Chromium', () => {
  let app: Running

  beforeAll(async () => {
    // The jade demo face is up too, for the certificate flow.
    app = await launch({ demo: { office: false, dialect: 'jade' } })
  })

  afterAll(async () => {
    await app?.close()
  })

  it('tests a PBXCloud account, tells a wrong key apart, saves it and removes it', async () => {
    const { page } = app
    const demo = app.core.demo!
    await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click()
    await page.getByRole('button', { name: 'Add an account' }).click()
    const form = page.getByTestId('account-form')
    await form.getByLabel('Name').fill('Kontoret')
    await form.getByLabel('Portal address').fill(demo.pbxcloud.url)
    await form.getByLabel('Tenant code').fill(demo.pbxcloud.tenant)
    await form.getByLabel('Your extension').fill('201-DEMO')
    await form.getByLabel('API key').fill('wrong-key-123')
    await form.getByRole('button', { name: 'Test connection' }).click()
    await form
      .getByRole('alert')
      .getByText(/The PBX refused the (sign-in|user name, key or password)/)
      .waitFor()
    await form.getByLabel('API key').fill(demo.pbxcloud.apiKey)
    await form.getByRole('button', { name: 'Test connection' }).click()
    await form.getByText(/Connected as 201 \(Mette Nielsen\)/).waitFor()
    await screenshot(page, 'account-form')
    await form.getByRole('button', { name: 'Save' }).click()
    const list = page.getByTestId('account-list')
    await list.getByText('Kontoret').waitFor()
    expect(await page.getByTestId('account-form').count()).toBe(0)
    expect(await list.textContent()).not.toContain('Demo office')
    // The API key never came back to the page.
    expect(await page.content()).not.toContain(demo.pbxcloud.apiKey)
    page.once('dialog', (dialog) => void dialog.accept())
    await list.getByRole('button', { name: 'Remove' }).click()
    await list.getByText(/Demo office/).waitFor({ timeout: 10_000 })
  })

  it('offers to trust a self-signed jade certificate by its fingerprint', async () => {
    const { page } = app
    const demo = app.core.demo!
    await page.getByRole('button', { name: 'Add an account' }).click()
    const form = page.getByTestId('account-form')
    await form.getByLabel('PBX type').selectOption('jade')
    await form.getByLabel('Name', { exact: true }).fill('Callcenter')
    await form.getByLabel('Server address').fill(demo.jade.url)
    await form.getByLabel('User name', { exact: true }).fill(demo.jade.username)
    await form.getByLabel('Password', { exact: true }).fill(demo.jade.password)
    await form.getByRole('button', { name: 'Test connection' }).click()
    await form.locator('code', { hasText: demo.jade.fingerprint }).waitFor()
    await screenshot(page, 'account-untrusted')
    await form.getByRole('button', { name: 'Trust this certificate' }).click()
    await form.getByText(/Connected as 201/).waitFor()
    await screenshot(page, 'account-trust')
    await form.getByRole('button', { name: 'Cancel' }).click()
  })
})
