/**
 * The REST ver1.0 and jade dialects end to end: the app's demo account over each
 * face of the demo PBX, in Chromium through the bridge.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canRun, launch, screenshot, type Running } from './harness'

for (const dialect of ['restv1', 'jade'] as const) {
  describe.skipIf(!canRun)(`the ${dialect} dialect in Chromium`, () => {
    let app: Running

    beforeAll(async () => {
      app = await launch({ demo: { office: false, dialect } })
    })

    afterAll(async () => {
      await app?.close()
    })

    it('signs in and shows the office', async () => {
      const { page } = app
      await page.locator('[data-extension="202"]').waitFor({ timeout: 15_000 })
      expect(await page.locator('[data-extension="202"]').textContent()).toContain('Lars Jensen')
      await page
        .getByTestId('status-bar')
        .getByText(/online/)
        .waitFor({ timeout: 15_000 })
      await screenshot(page, `${dialect}-presence`)
    })

    it('pops up an incoming call and closes it when the caller hangs up', async () => {
      const { page } = app
      app.core.demo!.scenario.inboundCall({
        from: '+4570102030',
        fromName: 'Torben Knudsen',
        to: '201',
        ringMs: 8000,
        outcome: 'missed',
      })
      const popup = page.getByTestId('incoming-call')
      await popup.waitFor({ timeout: 8000 })
      expect(await popup.textContent()).toContain('+4570102030')
      await popup.waitFor({ state: 'detached', timeout: 20_000 })
    })

    if (dialect === 'restv1') {
      it('dials out by callback, holds, resumes and hangs up', async () => {
        const { page } = app
        await page
          .getByRole('navigation')
          .getByRole('button', { name: /^Calls/ })
          .click()
        await page.getByLabel('Number to call').fill('+45 26 15 37 48')
        await page.getByLabel('Number to call').press('Enter')
        const card = page.getByTestId('call-card').filter({ hasText: '+4526153748' })
        await card.filter({ hasText: 'Connected' }).waitFor({ timeout: 20_000 })
        await card.getByRole('button', { name: 'Hold' }).click()
        await card.filter({ hasText: 'On hold' }).waitFor({ timeout: 10_000 })
        await card.getByRole('button', { name: 'Resume' }).click()
        await card.filter({ hasText: 'Connected' }).waitFor({ timeout: 10_000 })
        await screenshot(page, 'restv1-calls')
        await card.getByRole('button', { name: 'Hang up' }).click()
        await card.waitFor({ state: 'detached', timeout: 10_000 })
      })

      it('talks to a colleague first, then cancels and is back with the caller', async () => {
        const { page } = app
        await page
          .getByRole('navigation')
          .getByRole('button', { name: /^Calls/ })
          .click()
        app.core.demo!.scenario.inboundCall({
          from: '+4527182818',
          fromName: 'Karen Holm',
          to: '201',
          ringMs: 500,
          talkMs: 60_000,
        })
        const caller = page.getByTestId('call-card').filter({ hasText: '+4527182818' })
        await caller.filter({ hasText: 'Connected' }).waitFor({ timeout: 10_000 })
        await caller.getByRole('button', { name: 'Transfer', exact: true }).click()
        await page.getByTestId('transfer-destination').fill('205')
        await caller.getByRole('button', { name: 'Talk first' }).click()
        const consult = page.getByTestId('call-card').filter({ hasText: 'Transfer: talking first' })
        await consult.waitFor({ timeout: 10_000 })
        await consult.getByRole('button', { name: 'Cancel transfer' }).click()
        await consult.waitFor({ state: 'detached', timeout: 10_000 })
        await caller.filter({ hasText: 'Connected' }).waitFor({ timeout: 10_000 })
        await caller.getByRole('button', { name: 'Hang up' }).click()
        await caller.waitFor({ state: 'detached', timeout: 10_000 })
      })

      it('picks up a call ringing at a colleague from the board’s menu', async () => {
        const { page } = app
        await page.getByRole('navigation').getByRole('button', { name: 'Presence' }).click()
        app.core.demo!.scenario.inboundCall({
          from: '+4561718191',
          fromName: 'Mads Friis',
          to: '203',
          ringMs: 20_000,
          talkMs: 60_000,
        })
        const tile = page.locator('[data-extension="203"]')
        await tile.filter({ hasText: 'Ringing' }).waitFor({ timeout: 10_000 })
        await tile.click({ button: 'right' })
        const menu = page.getByRole('menu')
        await screenshot(page, 'restv1-tile-menu')
        await menu.getByRole('menuitem', { name: /^Pick up the call ringing at/ }).click()
        await page
          .getByRole('navigation')
          .getByRole('button', { name: /^Calls/ })
          .click()
        const card = page.getByTestId('call-card').filter({ hasText: '+4561718191' })
        await card.filter({ hasText: 'Connected' }).waitFor({ timeout: 10_000 })
        await card.getByRole('button', { name: 'Hang up' }).click()
        await card.waitFor({ state: 'detached', timeout: 10_000 })
      })

      it('parks a call, lists it with its slot, and picks it up again', async () => {
        const { page } = app
        await page
          .getByRole('navigation')
          .getByRole('button', { name: /^Calls/ })
          .click()
        await page.getByLabel('Number to call').fill('+45 33 12 12 12')
        await page.getByLabel('Number to call').press('Enter')
        const card = page.getByTestId('call-card').filter({ hasText: '+4533121212' })
        await card.filter({ hasText: 'Connected' }).waitFor({ timeout: 20_000 })
        await card.getByRole('button', { name: 'Park' }).click()
        const parked = page.getByTestId('parked-list').getByRole('listitem')
        await parked.filter({ hasText: '+4533121212' }).waitFor({ timeout: 10_000 })
        // Listed once: with the parked calls, not again as a live call.
        await card.waitFor({ state: 'detached', timeout: 5000 })
        expect(await parked.textContent()).toMatch(/Slot \d+/)
        expect(await parked.textContent()).toContain('parked by Mette Nielsen (201)')
        await screenshot(page, 'restv1-parked')
        await parked.getByRole('button', { name: 'Pick up' }).click()
        await parked.waitFor({ state: 'detached', timeout: 10_000 })
        const back = page.getByTestId('call-card').filter({ hasText: '+4533121212' })
        await back.filter({ hasText: 'Connected' }).waitFor({ timeout: 15_000 })
        await back.getByRole('button', { name: 'Hang up' }).click()
        await back.waitFor({ state: 'detached', timeout: 10_000 })
      })
    }

    if (dialect === 'jade') {
      it('sends a chat message and receives one pushed by the server', async () => {
        const { page } = app
        await page.getByRole('navigation').getByRole('button', { name: /^Chat/ }).click()
        const log = page.getByTestId('chat-messages')
        await log.waitFor({ timeout: 10_000 })
        await page.getByRole('textbox', { name: 'Message' }).fill('Hej fra <b>Switchboard</b>')
        await page.getByRole('textbox', { name: 'Message' }).press('Enter')
        await log.getByText('Hej fra <b>Switchboard</b>').waitFor({ timeout: 10_000 })
        expect(await log.locator('b').count()).toBe(0)
        const demo = app.core.demo!
        const room = demo.state.chat.rooms('DEMO')[0]!
        demo.state.chat.send('DEMO', room.id, '202', 'Svar fra Lars')
        await log.getByText('Svar fra Lars').waitFor({ timeout: 5000 })
        await screenshot(page, 'jade-chat')
      })
    }
  })
}
