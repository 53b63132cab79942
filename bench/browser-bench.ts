/**
 * What the agent sees, measured in Chromium through the browser bridge against the
 * real core and the demo PBX on the wall clock: ring-to-popup latency, and the
 * render cost and JS heap of big presence boards.
 */
import { defaultScheduleOptions } from '../src/main/core/session/poll-plan'
import type { DialectRunner } from './lib/dialects'
import { launchApp, type Probe } from './lib/browser'
import { callsRoundTrip } from './lib/round-trip'
import { sleep, summarise, type Summary } from './lib/stats'

export type LatencyMode = 'polling' | 'push'

export interface Latency {
  dialect: string
  /** `push`: the dialect's live events are on (jade); `polling`: polls alone. */
  mode: LatencyMode
  ms: Summary
  /**
   * Polling: half the focused calls interval + the calls round trip. Push: the
   * round trip alone (the notice arrives at once, then one calls poll runs).
   */
  floorMs: number
  /**
   * The focused calls interval the session ran with: the default 1 s, stretched by
   * the budget and by the server's rate-limit headers (REST ver1.0's hourly budget).
   */
  intervalMs: number
  halfIntervalMs: number
  rtt: Summary
  /** Polling: p95 within floor + 150 ms. Push: p95 under 150 ms. */
  targetMs: number
  /** Calls whose popup never showed. */
  lost: number
}

async function until(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  for (const start = Date.now(); !done(); await sleep(50)) {
    if (Date.now() - start > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`)
  }
}

/**
 * Ring to popup, `calls` times, in Chromium through the bridge, on the wall clock.
 * `push` needs a dialect with live events; without, a dialect that has them runs
 * with the demo's event service down, on polls alone.
 */
export async function measureLatency(
  runner: DialectRunner,
  calls = 50,
  mode: LatencyMode = 'polling',
): Promise<Latency> {
  if (mode === 'push' && !runner.pushConnected)
    throw new Error(`${runner.dialect} has no push events`)
  const app = await launchApp({ demo: { office: false, dialect: runner.dialect } })
  try {
    const demo = app.core.demo!
    await app.page.locator(`[data-extension="${runner.ownExtension}"]`).waitFor()
    if (runner.pushConnected) {
      if (mode === 'polling') demo.jade.face.eventsDown()
      else await until(() => runner.pushConnected?.(demo) ?? false, 15_000, 'event sockets')
    }
    app.core.signal('focus')
    await sleep(1500)
    const rtt = await callsRoundTrip(runner, demo)
    const session = app.core.sessions.get('demo')
    if (!session) throw new Error('the demo account is not connected')
    const intervalMs = session.schedule.pace('calls')
    const latencies: number[] = []
    let lost = 0
    for (let i = 0; i < calls; i++) {
      // A random phase against the poll timer, as real calls have.
      await sleep(Math.random() * 1000)
      const number = `+4530${String(100000 + i)}`
      const before = (await app.probe()).popups.length
      const start = Date.now()
      demo.scenario.inboundCall({
        from: number,
        fromName: `Bench caller ${i}`,
        to: runner.ownExtension,
        ringMs: mode === 'push' ? 1500 : 2500,
        talkMs: 300,
      })
      const seen = await app.page
        .waitForFunction(
          ([n, count]) =>
            (window.__sbProbe?.popups ?? []).slice(count).find((p) => p.text.includes(n))?.wallMs ??
            false,
          [number, before] as const,
          { timeout: 8000, polling: 50 },
        )
        .then((handle) => handle.jsonValue() as Promise<number>)
        .catch(() => undefined)
      if (seen === undefined) lost++
      else latencies.push(seen - start)
      // The call is answered when the ring ends and over 0.3 s later. One call at a
      // time, as an agent takes them: wait for the popup to go and the session to
      // see the call end before the next one rings.
      await app.page
        .getByTestId('incoming-call')
        .waitFor({ state: 'detached', timeout: 10_000 })
        .catch(() => undefined)
      await until(() => session.snapshot().calls.length === 0, 10_000, 'the call to end').catch(
        () => undefined,
      )
    }
    if (mode === 'push' && !(runner.pushConnected?.(demo) ?? false))
      throw new Error('the event sockets were not connected throughout')
    const halfIntervalMs = intervalMs / 2
    const floorMs = mode === 'push' ? rtt.median : halfIntervalMs + rtt.median
    return {
      dialect: runner.dialect,
      mode,
      ms: summarise(latencies),
      floorMs,
      intervalMs,
      halfIntervalMs,
      rtt,
      targetMs: mode === 'push' ? 150 : floorMs + 150,
      lost,
    }
  } finally {
    await app.close()
  }
}

export interface RenderCost {
  extensions: number
  /**
   * The board's first render, once per page load: from the arrival of the snapshot
   * of every lamp to the first tiles styled and laid out (its parse, the store, the
   * sort by name and the board's mount).
   */
  firstRenderMs: Summary
  /** Navigation start to the first tiles, on the same page loads. */
  loadToTilesMs: Summary
  /**
   * Showing the board again: the Presence button clicked on another screen, to the
   * tiles patched, styled and laid out. The window keeps the board while another
   * screen shows, so this re-attaches it.
   */
  boardMs: Summary
  /** One bridge message of 100 changed lamps: arrival to patched DOM, laid out. */
  deltaMs: Summary
  /** Page JS heap after a full GC. */
  heapMB: number
}

export async function measureRender(extensions: number, rounds = 10): Promise<RenderCost> {
  const app = await launchApp({ demo: { office: false }, extensions })
  try {
    const { page } = app
    await page.locator('[data-extension]').first().waitFor({ timeout: 60_000 })
    // First renders: one per page load, the first load (cold caches) left out.
    const first: number[] = []
    const load: number[] = []
    for (let i = 0; i < rounds; i++) {
      await page.reload()
      const stamps = await page
        .waitForFunction(() => window.__sbProbe?.firstTiles ?? false, undefined, {
          timeout: 60_000,
          polling: 100,
        })
        .then((handle) => handle.jsonValue() as Promise<Probe['firstTiles']>)
      if (!stamps) continue
      first.push(stamps.sinceSnapshotMs)
      load.push(stamps.sinceNavigationMs)
    }
    app.core.signal('focus')
    await sleep(2500)
    // Show the board again and again: away to another view, then back.
    const board: number[] = []
    const nav = page.getByRole('navigation')
    for (let i = 0; i < rounds; i++) {
      await nav.getByRole('button', { name: /Calls/ }).click()
      await page.locator('[data-extension]').first().waitFor({ state: 'detached' })
      const ms = await page.evaluate(async () => {
        const button = Array.from(document.querySelectorAll('nav button')).find((b) =>
          /Presence/.test(b.textContent ?? ''),
        )
        if (!(button instanceof HTMLElement)) return -1
        const start = performance.now()
        button.click()
        for (;;) {
          await new Promise<void>((r) => {
            const channel = new MessageChannel()
            channel.port1.onmessage = () => r()
            channel.port2.postMessage(0)
          })
          if (document.querySelector('[data-extension]')) break
        }
        void document.body.offsetHeight
        return performance.now() - start
      })
      if (ms >= 0) board.push(ms)
    }
    // Deltas: 100 lamps change (do-not-disturb on, then off) per round.
    const demo = app.core.demo!
    const tenant = demo.state.mustTenant('DEMO')
    const numbers = [...tenant.extensions.keys()].filter((n) => n !== '201').slice(0, 100)
    const before = (await app.probe()).deltas.length
    for (let i = 0; i < rounds; i++) {
      for (const n of numbers) demo.state.setDnd('DEMO', n, i % 2 === 0)
      const want = before + i + 1
      await page.waitForFunction((w) => (window.__sbProbe?.deltas.length ?? 0) >= w, want, {
        timeout: 15_000,
      })
    }
    const deltas = (await app.probe()).deltas.slice(before)
    const heap = await app.heapAfterGc()
    return {
      extensions,
      firstRenderMs: summarise(first),
      loadToTilesMs: summarise(load),
      boardMs: summarise(board),
      deltaMs: summarise(deltas),
      heapMB: heap / 1048576,
    }
  } finally {
    await app.close()
  }
}

export const renderTargets = {
  deltaMs: 16,
  heapMB: 60,
  budgetPerMinute: defaultScheduleOptions.budgetPerMinute,
}
