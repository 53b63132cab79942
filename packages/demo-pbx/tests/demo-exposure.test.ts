/**
 * The demo PBX ships inside the app and listens on 127.0.0.1: its keys differ
 * on every run, and it answers only Switchboard's own main process, not a web
 * page (Origin) nor a rebound host name (Host).
 */
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock, startDemoPbx, type DemoPbx } from '../src/testing'

let pbx: DemoPbx

beforeAll(async () => {
  pbx = await startDemoPbx({ clock: new ManualClock(), seed: 7 })
})

afterAll(async () => {
  await pbx.close()
})

function post(headers: Record<string, string>): Promise<number> {
  const url = new URL(pbx.pbxcloud.url)
  const body = `reqtype=INFO&tenant=${pbx.pbxcloud.tenant}&key=${pbx.pbxcloud.apiKey}`
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

describe('the demo PBX on this machine', () => {
  it('issues different keys and passwords on every run, even with the same seed', async () => {
    const again = await startDemoPbx({ clock: new ManualClock(), seed: 7, jade: false })
    try {
      expect(again.pbxcloud.apiKey).not.toBe(pbx.pbxcloud.apiKey)
      expect(again.restv1.clientSecret).not.toBe(pbx.restv1.clientSecret)
    } finally {
      await again.close()
    }
  })

  it('answers its own address and refuses a web page or a rebound host name', async () => {
    const port = new URL(pbx.pbxcloud.url).port
    expect(await post({})).toBe(200)
    expect(await post({ Host: `localhost:${port}` })).toBe(200)
    expect(await post({ Host: `evil.example:${port}` })).toBe(403)
    expect(await post({ Origin: 'https://evil.example' })).toBe(403)
    expect(await post({ Origin: 'null' })).toBe(403)
  })
})
