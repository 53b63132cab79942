/**
 * A local HTTP proxy that only tunnels (CONNECT), as company proxies do for
 * HTTPS: it counts the tunnels and remembers where each went, so a test can
 * prove a request took the proxy. `refuse` makes it answer every CONNECT with
 * that status instead.
 */
import { createServer, type Server } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'

export interface ConnectProxy {
  url: string
  port: number
  /** `host:port` of every tunnel opened, in order. */
  readonly tunnels: string[]
  refuse: number | null
  close(): Promise<void>
}

export async function startConnectProxy(): Promise<ConnectProxy> {
  const sockets = new Set<Socket>()
  const tunnels: string[] = []
  const server: Server = createServer((_req, res) => {
    res.writeHead(405).end()
  })
  const proxy: ConnectProxy = {
    url: '',
    port: 0,
    tunnels,
    refuse: null,
    close: () => {
      for (const socket of sockets) socket.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
  server.on('connect', (req, client: Socket, head: Buffer) => {
    sockets.add(client)
    client.on('close', () => sockets.delete(client))
    if (proxy.refuse !== null) {
      client.end(`HTTP/1.1 ${proxy.refuse} Refused\r\nContent-Length: 0\r\n\r\n`)
      return
    }
    const [host = '', port = ''] = (req.url ?? '').split(/:(?=\d+$)/)
    const upstream = connect({ host: host.replace(/^\[|\]$/g, ''), port: Number(port) }, () => {
      tunnels.push(req.url ?? '')
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    sockets.add(upstream)
    upstream.on('close', () => sockets.delete(upstream))
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  proxy.port = (server.address() as AddressInfo).port
  proxy.url = `http://127.0.0.1:${proxy.port}`
  return proxy
}
