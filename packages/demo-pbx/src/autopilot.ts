/**
 * The far side of what the app asks for: when the app dials, transfers or
 * consults through a face, somebody has to pick up. The autopilot plays that
 * part on the simulation clock, and only for actions that came through an API.
 */
import type { PbxEvent, SimCall } from './pbx-types'
import { PbxError } from './pbx-error'
import type { PbxState } from './pbx-state'

export interface AutopilotOptions {
  /** The agent's own phone picks up an API originate after this long. */
  sourceAnswerMs?: number
  /** The number dialled (or transferred to) answers after this long. */
  destAnswerMs?: number
  /** Hang up answered API calls after this long; unset leaves them to the app. */
  talkMs?: number
}

export class Autopilot {
  private readonly unsubscribe: () => void
  private readonly opts: Required<Omit<AutopilotOptions, 'talkMs'>> & { talkMs?: number }

  constructor(
    private readonly pbx: PbxState,
    options: AutopilotOptions = {},
  ) {
    this.opts = { sourceAnswerMs: 1500, destAnswerMs: 4000, ...options }
    this.unsubscribe = pbx.subscribe((event) => this.on(event))
  }

  stop(): void {
    this.unsubscribe()
  }

  private on(event: PbxEvent): void {
    if (event.type === 'originate' && event.viaApi) {
      this.later(event.call, this.opts.sourceAnswerMs, (call) => {
        if (!call.pendingDest) return
        this.pbx.calls.answer(call.tenant, call.id)
        this.answerDest(call)
      })
    }
    if (event.type === 'transfer' && event.viaApi) {
      this.answerDest(event.consult ?? event.call)
    }
  }

  private answerDest(call: SimCall): void {
    const ringing = new Set(call.ringing.map((l) => l.channel))
    if (ringing.size === 0) return
    this.later(call, this.opts.destAnswerMs, (c) => {
      const leg = c.ringing.find((l) => ringing.has(l.channel))
      if (!leg) return
      this.pbx.calls.answer(c.tenant, c.id, leg.extension)
      const talk = this.opts.talkMs
      if (talk !== undefined) this.later(c, talk, (up) => this.pbx.calls.hangup(up.tenant, up.id))
    })
  }

  private later(call: SimCall, ms: number, fn: (call: SimCall) => void): void {
    this.pbx.clock.setTimeout(() => {
      if (call.phase === 'ended') return
      try {
        fn(call)
      } catch (e) {
        if (!(e instanceof PbxError)) throw e
      }
    }, ms)
  }
}
