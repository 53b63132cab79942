/**
 * Defines `window.switchboard` in a plain browser over the bridge's WebSocket: the
 * same `{ invoke, on }` the preload gives the Electron renderer. The token comes
 * from the page URL once, then from sessionStorage across reloads.
 */
import type { SwitchboardApi } from '../shared/ipc'
import type { Result } from '../shared/result'
import type { BridgeServerMessage } from './protocol'

const TOKEN_KEY = 'switchboard-bridge-token'
const params = new URLSearchParams(location.search)
const fromUrl = params.get('token')
if (fromUrl) {
  sessionStorage.setItem(TOKEN_KEY, fromUrl)
  params.delete('token')
  const rest = params.toString()
  history.replaceState(null, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`)
}
const token = sessionStorage.getItem(TOKEN_KEY) ?? ''

type Pending = (result: Result<unknown>) => void
const pending = new Map<number, Pending>()
const listeners = new Map<string, Set<(payload: unknown) => void>>()
const queue: string[] = []
let nextId = 1
let socket: WebSocket | null = null
let retryMs = 250

const lost: Result<never> = {
  ok: false,
  error: { kind: 'network', message: 'The connection to the Switchboard core was lost.' },
}

function connect(): void {
  const ws = new WebSocket(`ws://${location.host}/__bridge/ws?token=${encodeURIComponent(token)}`)
  socket = ws
  ws.addEventListener('open', () => {
    retryMs = 250
    for (const message of queue.splice(0)) ws.send(message)
  })
  ws.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as BridgeServerMessage
    if (message.type === 'result') {
      pending.get(message.id)?.(message.result)
      pending.delete(message.id)
    } else {
      // A copy: a listener that resubscribes must not be called again in this round.
      for (const listener of [...(listeners.get(message.name) ?? [])]) listener(message.payload)
    }
  })
  ws.addEventListener('close', () => {
    for (const resolve of pending.values()) resolve(lost)
    pending.clear()
    socket = null
    setTimeout(connect, retryMs)
    retryMs = Math.min(retryMs * 2, 5000)
  })
}

const api: SwitchboardApi = {
  invoke: (channel, ...args) =>
    new Promise((resolve) => {
      const id = nextId++
      pending.set(id, resolve as Pending)
      const message = JSON.stringify({ id, channel, arg: args[0] })
      if (socket?.readyState === WebSocket.OPEN) socket.send(message)
      else queue.push(message)
    }),
  on: (event, listener) => {
    const set = listeners.get(event) ?? new Set()
    listeners.set(event, set)
    const wrapped = listener as (payload: unknown) => void
    set.add(wrapped)
    return () => set.delete(wrapped)
  },
}

connect()
Object.defineProperty(window, 'switchboard', { value: Object.freeze(api), writable: false })
