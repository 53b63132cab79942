import { describe, expect, it } from 'vitest'
import { ManualClock, startDemoPbx, type TruthEntry } from '../src/testing'
import { rows } from './support/demo-http'

async function runOffice(seed: number, minutes: number): Promise<readonly TruthEntry[]> {
  const clock = new ManualClock()
  const pbx = await startDemoPbx({ clock, seed, office: true })
  try {
    clock.advance(minutes * 60_000)
    return structuredClone(pbx.scenario.truth())
  } finally {
    await pbx.close()
  }
}

describe('the seeded demo office', () => {
  it('plays the same calls for the same seed and different ones for another', async () => {
    const a = await runOffice(42, 15)
    const b = await runOffice(42, 15)
    const c = await runOffice(43, 15)
    expect(a).toEqual(b)
    expect(c).not.toEqual(a)
  })

  it('makes a call about every 20 s, of every kind, each logged once and each in the history', async () => {
    const clock = new ManualClock()
    const pbx = await startDemoPbx({ clock, seed: 9, office: true })
    try {
      clock.advance(60 * 60_000)
      const truth = pbx.scenario.truth()
      expect(truth.length).toBeGreaterThan(120)
      expect(truth.length).toBeLessThan(260)
      expect(new Set(truth.map((t) => t.id)).size).toBe(truth.length)
      const kinds = new Set(truth.map((t) => t.direction))
      expect(kinds).toEqual(new Set(['inbound', 'outbound', 'internal']))
      const outcomes = new Set(truth.map((t) => t.outcome))
      for (const o of ['answered', 'missed', 'voicemail']) expect(outcomes).toContain(o)
      expect(truth.some((t) => t.queue === '281')).toBe(true)
      expect(truth.some((t) => t.to === '201' || t.answeredBy === '201')).toBe(true)
      const cdrs = pbx.state.mustTenant('DEMO').cdrs
      for (const t of truth.filter((x) => x.outcome !== 'active')) {
        expect(cdrs.filter((c) => c.linkedid === t.id)).toHaveLength(1)
      }
      // The office is alive on the wire too: some phone is busy at some point.
      const lamps = await rows(pbx, { reqtype: 'BLFS' })
      expect(lamps).toHaveLength(14)
    } finally {
      await pbx.close()
    }
  })

  it('runs on the real clock and closes cleanly', async () => {
    const pbx = await startDemoPbx({ office: true, officeIntervalMs: 50 })
    await new Promise((r) => setTimeout(r, 200))
    expect(pbx.scenario.truth().length).toBeGreaterThan(0)
    await pbx.close()
  })
})
