import { describe, expect, it } from 'vitest'
import { EventDelivery } from '../../src/main/core/session/event-delivery'
import type { SessionEvent } from '../../src/main/core/session/events'
import { createLogger } from '../../src/main/log'
import { makeCall } from '../support/fake-provider'
import { ManualClock } from '@switchboard/demo-pbx/testing'
import { tempDir } from './session-harness'

const at = new ManualClock().now()

function ended(id: string): SessionEvent {
  const call = makeCall({ id, state: 'up' })
  const base = { accountId: 'acc1', id: `acc1:${id}:ended`, at }
  return { ...base, type: 'call.ended', call, reason: 'hangup' }
}

async function open(dir: string, logged: string[] = []) {
  const clock = new ManualClock()
  const log = createLogger('test', (_level, line) => logged.push(line))
  const delivery = new EventDelivery('acc1', clock, log)
  await delivery.open(dir)
  const heard: string[] = []
  delivery.on((event) => heard.push(event.id))
  return { delivery, heard, clock }
}

describe('delivering a session’s events', () => {
  it('announces a call’s end once, even after a restart', async () => {
    const dir = await tempDir()
    const first = await open(dir)
    first.delivery.deliver([ended('C1'), ended('C1')])
    expect(first.heard).toEqual(['acc1:C1:ended'])
    await first.delivery.close(undefined)
    const second = await open(dir)
    second.delivery.deliver([ended('C1'), ended('C2')])
    expect(second.heard).toEqual(['acc1:C2:ended'])
  })

  it('tells every listener though one of them fails, and logs the failure', async () => {
    const logged: string[] = []
    const { delivery, heard } = await open(await tempDir(), logged)
    delivery.on(() => {
      throw new Error('the window went away')
    })
    const late: string[] = []
    delivery.on((event) => late.push(event.id))
    delivery.deliver([ended('C3')])
    expect(heard).toEqual(['acc1:C3:ended'])
    expect(late).toEqual(['acc1:C3:ended'])
    expect(logged.join('\n')).toContain('a session listener failed')
  })

  it('gives every other event an id of its own kind, never the same twice', async () => {
    const { delivery, clock } = await open(await tempDir())
    const a = delivery.stamp('status')
    const b = delivery.stamp('status')
    expect(a).toEqual({ accountId: 'acc1', id: 'acc1:status:1', at: clock.now() })
    expect(b.id).toBe('acc1:status:2')
    expect(delivery.nextId('presence')).toBe('acc1:presence:3')
  })

  it('stops hearing a listener that unsubscribed', async () => {
    const { delivery } = await open(await tempDir())
    const heard: string[] = []
    const off = delivery.on((event) => heard.push(event.id))
    off()
    delivery.emit({ ...delivery.stamp('calls'), type: 'calls.changed', calls: [] })
    expect(heard).toEqual([])
  })
})
