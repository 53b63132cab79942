/**
 * The demo the app starts when no account exists (the product entry): only the
 * face its demo account speaks, reachable with the access it hands out, and the
 * living office playing its calls without the testing entry's scenario runner.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { startDemoOffice, type DemoOffice } from '../src/index'
import { startDemoPbx, ManualClock } from '../src/testing'

let demo: DemoOffice | undefined

afterEach(async () => {
  await demo?.close()
  demo = undefined
})

async function status(url: URL | string, init?: RequestInit): Promise<number> {
  const res = await fetch(url, init)
  await res.arrayBuffer()
  return res.status
}

async function text(url: URL): Promise<string> {
  const res = await fetch(url)
  return res.text()
}

describe('the demo the app starts', () => {
  it('serves PBXCloud by default, to the key it hands the demo account', async () => {
    demo = await startDemoOffice({ office: false, clock: new ManualClock() })
    const access = demo.access
    if (access.dialect !== 'pbxcloud') throw new Error(`started ${access.dialect}`)
    const url = new URL(access.url)
    url.searchParams.set('reqtype', 'INFO')
    url.searchParams.set('info', 'extensions')
    url.searchParams.set('tenant', access.tenant)
    url.searchParams.set('format', 'json')
    // proxyapi.php answers a wrong key with 200 and its text complaint.
    url.searchParams.set('key', 'not-the-key')
    const refused = await text(url)
    expect(refused).toContain('security api key')
    url.searchParams.set('key', access.apiKey)
    const answered = await text(url)
    expect(answered).not.toContain('security api key')
    expect(answered).toContain('201')
  })

  it('serves REST ver1.0 when the demo account speaks it, with its client credentials', async () => {
    demo = await startDemoOffice({ dialect: 'restv1', office: false, clock: new ManualClock() })
    const access = demo.access
    if (access.dialect !== 'restv1') throw new Error(`started ${access.dialect}`)
    const token = (secret: string): Promise<number> =>
      status(`${access.url}/oauth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: access.clientId,
          client_secret: secret,
        }).toString(),
      })
    expect(await token('wrong')).not.toBe(200)
    expect(await token(access.clientSecret)).toBe(200)
  })

  it('serves jade over https with the certificate fingerprint the account pins', async () => {
    demo = await startDemoOffice({ dialect: 'jade', office: false, clock: new ManualClock() })
    const access = demo.access
    if (access.dialect !== 'jade') throw new Error(`started ${access.dialect}`)
    expect(access.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    expect(access.wsUrl).toMatch(/^wss:\/\/127\.0\.0\.1:\d+/)
    expect(access.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)
    // Self-signed: an unpinned client refuses it, as the provider would without the pin.
    await expect(fetch(`${access.url}/v1/me/info`)).rejects.toThrow()
  })

  it('plays the same office day as the testing entry for the same seed', async () => {
    const clock = new ManualClock()
    demo = await startDemoOffice({ seed: 5, office: true, clock })
    clock.advance(20 * 60_000)
    const played = structuredClone(demo.state.truth())
    const testClock = new ManualClock()
    const pbx = await startDemoPbx({ seed: 5, office: true, clock: testClock, jade: false })
    try {
      testClock.advance(20 * 60_000)
      expect(played.length).toBeGreaterThan(20)
      expect(played.some((call) => call.outcome === 'answered')).toBe(true)
      expect(played.some((call) => call.outcome !== 'answered')).toBe(true)
      expect(played).toEqual(pbx.scenario.truth())
    } finally {
      await pbx.close()
    }
  })
})
