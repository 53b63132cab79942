/**
 * Session events become the window's events in one place (app/state-events.ts):
 * each live call event reaches the window unchanged, as the popup, the tray and
 * the CRM page react to it.
 */
import { describe, expect, it } from 'vitest'
import { forwardSessionEvent } from '../../src/main/core/app/state-events'
import { EventHub, type CoreEvent } from '../../src/main/core/events'
import type { SessionEvent } from '../../src/main/core/session/events'
import { makeCall } from '../support/fake-electron-core'

const requests = () => ({ lastMinute: 0, total: 0, budgetPerMinute: 120 })

describe('call events for the window', () => {
  it('tells the window every live call event, in order and unchanged', () => {
    const hub = new EventHub()
    const heard: CoreEvent[] = []
    hub.on((event) => void heard.push(event))
    const call = makeCall()
    const base = { accountId: call.accountId, at: 1, call }
    const party = { number: '201' }
    const events: SessionEvent[] = [
      { ...base, id: 'a', type: 'call.ringing' },
      { ...base, id: 'b', type: 'call.answered' },
      { ...base, id: 'c', type: 'call.held' },
      { ...base, id: 'd', type: 'call.resumed' },
      { ...base, id: 'e', type: 'call.transferred', from: party, to: party },
      { ...base, id: 'f', type: 'call.ended', reason: 'hangup' },
    ]
    for (const event of events) forwardSessionEvent(event, hub, requests)
    const live = heard.filter((e) => e.name === 'call:event').map((e) => e.payload)
    expect(live).toEqual(events)
  })
})
