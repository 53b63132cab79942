/**
 * Voicemail, history, queues, contacts and dial confirmation in Chromium against
 * the real core and the demo PBX.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canRun, launch, screenshot, type Running } from './harness'

describe.skipIf(!canRun)('the agent’s screens in Chromium', () => {
  let app: Running

  beforeAll(async () => {
    app = await launch()
  })

  afterAll(async () => {
    await app?.close()
  })

  const go = async (name: string): Promise<void> => {
    await app.page
      .getByRole('navigation')
      .getByRole('button', { name: new RegExp(`^${name}`) })
      .click()
    await app.page.getByRole('heading', { level: 1, name }).waitFor()
  }

  it('plays a voicemail through the media route, seeks in it, and marks it heard', async () => {
    const { page } = app
    await go('Voicemail')
    const list = page.getByTestId('voicemail-list')
    await list.waitFor()
    expect(await list.locator('li').count()).toBeGreaterThanOrEqual(2)
    const fresh = list.locator('li.row--new').first()
    await fresh.getByRole('button', { name: 'Play' }).click()
    const audio = page.getByTestId('voicemail-audio')
    await audio.waitFor()
    await page.waitForFunction(() => {
      const el = document.querySelector<HTMLAudioElement>('[data-testid="voicemail-audio"]')
      return !!el && el.readyState >= 1 && el.duration > 1
    })
    const seeked = await page.evaluate(async () => {
      const el = document.querySelector<HTMLAudioElement>('[data-testid="voicemail-audio"]')!
      el.muted = true
      await el.play().catch(() => undefined)
      el.currentTime = el.duration / 2
      await new Promise((r) => el.addEventListener('seeked', r, { once: true }))
      return { at: el.currentTime, duration: el.duration, error: el.error?.code ?? null }
    })
    expect(seeked.error).toBeNull()
    expect(seeked.at).toBeGreaterThan(seeked.duration / 2 - 0.5)
    await screenshot(page, 'voicemail')
  })

  it('shows a missed call in history with the badge, cleared when seen', async () => {
    const { page } = app
    await go('Presence')
    app.core.demo!.scenario.inboundCall({
      from: '+4531415926',
      fromName: 'Bo Thomsen',
      to: '201',
      ringMs: 2500,
      outcome: 'missed',
    })
    await page.getByTestId('incoming-call').waitFor({ timeout: 5000 })
    await page.getByTestId('incoming-call').waitFor({ state: 'detached', timeout: 10_000 })
    const historyButton = page.getByRole('navigation').getByRole('button', { name: /^History/ })
    await page.waitForFunction(
      () =>
        /History\s*\d/.test(document.querySelector('[data-screen="history"]')?.textContent ?? ''),
      null,
      { timeout: 10_000 },
    )
    await historyButton.click()
    const list = page.getByTestId('history-list')
    await list.waitFor()
    await page.getByRole('checkbox', { name: 'Missed only' }).check()
    expect(await list.textContent()).toContain('Bo Thomsen')
    expect(await list.textContent()).toContain('Missed')
    expect(await historyButton.textContent()).toBe('History')
    await screenshot(page, 'history')
  })

  it('pauses queue work with a reason and resumes it', async () => {
    const { page } = app
    await go('Queues')
    const row = page.getByTestId('queue-list').locator('li').filter({ hasText: 'Kundeservice' })
    await row.getByLabel('Reason (optional)').fill('Frokost')
    await row.getByRole('button', { name: 'Pause' }).click()
    await page.waitForFunction(
      () =>
        /Paused — Frokost/.test(
          document.querySelector('[data-testid="queue-list"]')?.textContent ?? '',
        ),
      null,
      { timeout: 30_000 },
    )
    await screenshot(page, 'queues')
    await row.getByRole('button', { name: 'Resume' }).click()
    await page.waitForFunction(
      () =>
        /Taking calls[\s\S]*Taking calls/.test(
          document.querySelector('[data-testid="queue-list"]')?.textContent ?? '',
        ),
      null,
      { timeout: 30_000 },
    )
  })

  it('finds a contact in the phone book and calls the number', async () => {
    const { page } = app
    await go('Contacts')
    await page.getByRole('searchbox').fill('Torben')
    const list = page.getByTestId('contact-list')
    await list.waitFor()
    expect(await list.textContent()).toContain('Torben Knudsen')
    await screenshot(page, 'contacts')
  })

  it('adds a contact to the phone book and finds it again', async () => {
    const { page } = app
    await go('Contacts')
    await page.getByRole('button', { name: 'Add a contact' }).click()
    const form = page.getByTestId('contact-add')
    await form.getByLabel('Name').fill('Sofie <i>Lund</i>')
    await form.getByLabel('Number', { exact: true }).fill('+45 40 11 22 33')
    await form.getByLabel('Company (optional)').fill('Lund & Co')
    await screenshot(page, 'contacts-add')
    await form.getByRole('button', { name: 'Add to phone book' }).click()
    await page.getByText('Sofie <i>Lund</i> was added to the phone book.').waitFor()
    const row = page.getByTestId('contact-list').getByRole('listitem')
    await row.filter({ hasText: 'Sofie <i>Lund</i>' }).waitFor()
    expect(await row.filter({ hasText: 'Sofie' }).textContent()).toContain('Lund & Co')
    expect(await row.filter({ hasText: 'Sofie' }).locator('i').count()).toBe(0)
    await row.getByRole('button', { name: 'Call +4540112233' }).waitFor()
  })

  it('asks before dialling a number from a link, and dials on confirm', async () => {
    const { page } = app
    await app.core.requestDial('tel:+45-70-10-20-30', 'link')
    const dialog = page.getByTestId('dial-confirm')
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain('From a link in another program')
    await screenshot(page, 'dial-confirm')
    await dialog.getByRole('button', { name: 'Call' }).click()
    await page.getByText(/Calling \+4570102030/).waitFor()
    await app.core.requestDial('tel:;rm -rf /', 'link')
    await page.getByText(/Switchboard did not dial/).waitFor()
  })

  it('opens the CRM page for a caller, on a site the agent allowed once', async () => {
    const { page } = app
    await go('Settings')
    const settings = page.getByTestId('screen-pop-settings')
    await settings.getByLabel('Address (https)').fill('http://crm.example.com/find?phone={number}')
    await settings.getByRole('button', { name: 'Use this page' }).click()
    await settings.getByRole('alert').getByText('The address must start with https://.').waitFor()
    await settings
      .getByLabel('Address (https)')
      .fill('https://crm.example.com/find?phone={number}&from=switchboard')
    await settings.getByRole('button', { name: 'Use this page' }).click()
    await settings
      .getByText('https://crm.example.com/find?phone=%2B4570102030&from=switchboard')
      .waitFor()
    await screenshot(page, 'settings-screen-pop')
    await settings.getByRole('button', { name: 'Allow' }).click()
    await settings.getByText(/Open in CRM.* for https:\/\/crm\.example\.com/).waitFor()

    const crmPages: string[] = []
    await page.context().route('https://crm.example.com/**', async (route) => {
      crmPages.push(route.request().url())
      await route.fulfill({ contentType: 'text/html', body: '<title>CRM</title>' })
    })
    app.core.demo!.scenario.inboundCall({
      from: '+4586123456',
      fromName: 'Ida Brandt',
      to: '201',
      ringMs: 8000,
      outcome: 'missed',
    })
    const popup = page.getByTestId('incoming-call').filter({ hasText: '+4586123456' })
    await popup.waitFor({ timeout: 8000 })
    const opened = page.context().waitForEvent('page')
    await popup.getByRole('button', { name: 'Open in CRM' }).click()
    const tab = await opened
    await tab.waitForLoadState()
    expect(crmPages).toEqual(['https://crm.example.com/find?phone=%2B4586123456&from=switchboard'])
    // The CRM tab cannot reach back into Switchboard.
    expect(await tab.evaluate(() => window.opener)).toBeNull()
    await tab.close()
    await go('Settings')
    await settings.getByLabel('Address (https)').fill('')
    await settings.getByRole('button', { name: 'Remove the CRM page' }).click()
    await settings.getByText(/Open in CRM/).waitFor({ state: 'detached' })
  })
})
