/**
 * Keyboard audit of every screen, in Chromium on the real core and the demo PBX.
 * On each screen (reached with the keyboard alone):
 * - every element the page listens to for clicks (read through the DevTools
 *   protocol, so nothing is missed) can take focus, or is an item of a widget
 *   whose arrow keys move focus, or is listed below with its keyboard way;
 * - Tab reaches every visible focusable control, and each one shows a focus ring.
 */
import type { CDPSession, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canRun, launch, type Running } from './harness'

/** Click targets that need no focus of their own, and why. */
const keyboardElsewhere: Record<string, string> = {
  'palette-backdrop': 'the command palette closes with Escape',
  'menu-backdrop': 'the tile menu closes with Escape',
}

/** Roles whose items take focus by arrow keys (tabindex -1 on purpose). */
const rovingItems = new Set(['menuitem', 'option', 'tab', 'radio', 'gridcell', 'row'])

interface Finding {
  what: string
  screen: string
}

async function clickTargetsWithoutFocus(page: Page, cdp: CDPSession, screen: string) {
  const count = await page.evaluate(() => {
    const all = Array.from(document.querySelectorAll('body *'))
    all.forEach((el, i) => el.setAttribute('data-kbd-audit', String(i)))
    return all.length
  })
  const findings: Finding[] = []
  for (let i = 0; i < count; i++) {
    const { result } = await cdp.send('Runtime.evaluate', {
      expression: `document.querySelector('[data-kbd-audit="${i}"]')`,
    })
    if (!result.objectId) continue
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', {
      objectId: result.objectId,
    })
    await cdp.send('Runtime.releaseObject', { objectId: result.objectId })
    const types = new Set(listeners.map((l) => l.type))
    const clicked = ['click', 'dblclick', 'mousedown'].some((type) => types.has(type))
    if (!clicked && !types.has('contextmenu')) continue
    const verdict = await page.evaluate(
      ({ index, roving, elsewhere, clicked }) => {
        const el = document.querySelector<HTMLElement>(`[data-kbd-audit="${index}"]`)
        if (!el) return null
        const box = el.getBoundingClientRect()
        if (box.width === 0 && box.height === 0) return null // not shown
        const native = el.matches(
          'button, a[href], input, select, textarea, summary, audio[controls], video[controls]',
        )
        if (native || el.tabIndex >= 0) return null
        if (roving.includes(el.getAttribute('role') ?? '')) return null
        const testId = el.getAttribute('data-testid') ?? ''
        if (elsewhere.includes(testId)) return null
        // A right-click menu is fine when a button inside opens the same menu.
        if (!clicked && el.querySelector('[aria-haspopup="menu"]')) return null
        const label = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)
        return `<${el.tagName.toLowerCase()} class="${el.className}"> ${label}`
      },
      { index: i, roving: [...rovingItems], elsewhere: Object.keys(keyboardElsewhere), clicked },
    )
    if (verdict) findings.push({ what: verdict, screen })
  }
  await page.evaluate(() =>
    document
      .querySelectorAll('[data-kbd-audit]')
      .forEach((el) => el.removeAttribute('data-kbd-audit')),
  )
  return findings
}

/** Tabs through the page; returns the controls Tab never reached and those without a ring. */
async function tabWalk(page: Page, screen: string) {
  await page.evaluate(() => {
    const focusable = document.querySelectorAll<HTMLElement>(
      'button, a[href], input, select, textarea, audio[controls], [tabindex]',
    )
    let n = 0
    for (const el of Array.from(focusable)) {
      const box = el.getBoundingClientRect()
      const hidden = box.width === 0 || box.height === 0 || el.closest('[inert], [hidden]')
      if (hidden || el.tabIndex < 0 || (el as HTMLButtonElement).disabled) continue
      el.setAttribute('data-kbd-tab', String(n++))
    }
    ;(document.activeElement as HTMLElement | null)?.blur()
  })
  const expected = await page.locator('[data-kbd-tab]').count()
  const reached = new Set<string>()
  const ringless: Finding[] = []
  for (let step = 0; step < expected + 40; step++) {
    await page.keyboard.press('Tab')
    const seen = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null
      if (!el || el === document.body) return null
      const style = getComputedStyle(el)
      const ring =
        (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
        style.boxShadow !== 'none'
      return {
        id: el.getAttribute('data-kbd-tab'),
        ring,
        what: `<${el.tagName.toLowerCase()}> ${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}`,
      }
    })
    if (!seen) continue
    if (seen.id !== null) {
      if (reached.has(seen.id)) break // around once
      reached.add(seen.id)
    }
    if (!seen.ring) ringless.push({ what: seen.what, screen })
  }
  const missed = await page.evaluate(
    (ids) =>
      Array.from(document.querySelectorAll<HTMLElement>('[data-kbd-tab]'))
        .filter((el) => !ids.includes(el.getAttribute('data-kbd-tab')!))
        .map(
          (el) =>
            `<${el.tagName.toLowerCase()}> ${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}`,
        ),
    [...reached],
  )
  await page.evaluate(() =>
    document.querySelectorAll('[data-kbd-tab]').forEach((el) => el.removeAttribute('data-kbd-tab')),
  )
  return { missed: missed.map((what) => ({ what, screen })), ringless }
}

describe.skipIf(!canRun)('the keyboard reaches everything', () => {
  let app: Running
  let cdp: CDPSession

  beforeAll(async () => {
    app = await launch()
    cdp = await app.page.context().newCDPSession(app.page)
    await app.page.locator('[data-extension="202"]').waitFor({ timeout: 15_000 })
  })

  afterAll(async () => {
    await cdp?.detach()
    await app?.close()
  })

  /** Moves to a screen with the keyboard alone: focus the navigation, then Enter. */
  async function goByKeyboard(name: string): Promise<void> {
    const { page } = app
    await page
      .getByRole('navigation')
      .getByRole('button', { name: new RegExp(`^${name}`) })
      .focus()
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1, name }).waitFor()
    // Let the screen's lists load (never a spinner for ever).
    await page.waitForTimeout(600)
  }

  it('the audit itself notices a click-only element and a control without a focus ring', async () => {
    const { page } = app
    await goByKeyboard('Presence')
    await page.evaluate(() => {
      const div = document.createElement('div')
      div.id = 'audit-probe'
      div.textContent = 'click-only probe'
      div.addEventListener('click', () => undefined)
      const button = document.createElement('button')
      button.id = 'audit-probe-button'
      button.textContent = 'ringless probe'
      button.style.outline = 'none'
      document.querySelector('main')!.prepend(div, button)
    })
    const untargetable = await clickTargetsWithoutFocus(page, cdp, 'Presence')
    const { ringless } = await tabWalk(page, 'Presence')
    await page.evaluate(() => {
      document.getElementById('audit-probe')?.remove()
      document.getElementById('audit-probe-button')?.remove()
    })
    expect(untargetable.map((f) => f.what)).toEqual([expect.stringContaining('click-only probe')])
    expect(ringless.map((f) => f.what)).toEqual(['<button> ringless probe'])
  }, 60_000)

  // Chat is not offered on the PBXCloud demo (screen-rules.ts).
  it.each(['Presence', 'Calls', 'Queues', 'Voicemail', 'History', 'Contacts', 'Settings'])(
    '%s: every click target takes focus, and Tab reaches each with a ring',
    async (screen) => {
      await goByKeyboard(screen)
      // Folded sections (Settings' Advanced) are opened first, so what they hold is audited too.
      await app.page.evaluate(() =>
        document.querySelectorAll('main details').forEach((d) => d.setAttribute('open', '')),
      )
      const untargetable = await clickTargetsWithoutFocus(app.page, cdp, screen)
      const { missed, ringless } = await tabWalk(app.page, screen)
      expect({ untargetable, missed, ringless }).toEqual({
        untargetable: [],
        missed: [],
        ringless: [],
      })
    },
    60_000,
  )

  it('Calls with a call up and another ringing: the controls and the popup too', async () => {
    const { page } = app
    const scenario = app.core.demo!.scenario
    scenario.inboundCall({ from: '+4533221100', to: '201', ringMs: 1000, talkMs: 60_000 })
    await goByKeyboard('Calls')
    await page
      .getByTestId('call-card')
      .filter({ hasText: 'Connected' })
      .waitFor({ timeout: 15_000 })
    scenario.inboundCall({ from: '+4570102030', to: '201', ringMs: 30_000, outcome: 'missed' })
    await page.getByTestId('incoming-call').waitFor({ timeout: 10_000 })
    const untargetable = await clickTargetsWithoutFocus(page, cdp, 'Calls')
    const { missed, ringless } = await tabWalk(page, 'Calls')
    expect({ untargetable, missed, ringless }).toEqual({
      untargetable: [],
      missed: [],
      ringless: [],
    })
    expect(await page.getByRole('button', { name: 'Hang up' }).count()).toBeGreaterThan(0)
  }, 60_000)
})
