/**
 * The round trip of one calls poll's request, the network part of the latency
 * floor: sent from Node as the provider sends it (signed, over a kept-alive
 * connection that is already open), `n` times after one warm-up.
 */
import type { DemoPbx } from '@switchboard/demo-pbx/testing'
import type { DialectRunner } from './dialects'
import { keepAliveAgent, sendText } from './fetch-text'
import { summarise, type Summary } from './stats'

export async function callsRoundTrip(
  runner: DialectRunner,
  demo: DemoPbx,
  n = 20,
): Promise<Summary> {
  const request = await runner.callsRequest(demo)
  const agent = keepAliveAgent(request)
  try {
    // The warm-up opens the connection (and shakes TLS hands): not part of a poll.
    await sendText(request, agent)
    const times: number[] = []
    for (let i = 0; i < n; i++) {
      const start = performance.now()
      const answer = await sendText(request, agent)
      times.push(performance.now() - start)
      if (answer.status !== 200) throw new Error(`${runner.dialect} calls: HTTP ${answer.status}`)
    }
    return summarise(times)
  } finally {
    agent.destroy()
  }
}
