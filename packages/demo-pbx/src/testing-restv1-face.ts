/**
 * The REST API ver1.0 face as tests drive it (testing entry only, never in the
 * app): the product face with restv1-testing.ts's hooks, plus a call that flickers out of the next
 * current_calls lists.
 */
import { HiddenCalls, type HiddenCall } from './hidden-calls'
import type { SimCall } from './pbx-types'
import { TestRestv1Face } from './restv1-testing'

export class TestingRestv1Face extends TestRestv1Face {
  private readonly hidden = new HiddenCalls()

  protected override listedCalls(calls: SimCall[]): SimCall[] {
    return this.hidden.filter(calls, (call) => call.id)
  }

  /** Leaves one call out of the next `times` current_calls lists (a flickering call). */
  hideCall(simCallId: string, times = 1): HiddenCall {
    return this.hidden.hide(simCallId, times)
  }
}
