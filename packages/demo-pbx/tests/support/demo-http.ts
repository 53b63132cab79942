/**
 * Plain `fetch` against the demo PBX's PBXCloud face, and a small reader of its
 * answers, written from docs/dialects/pbxcloud.md (never from provider code).
 */
import type { DemoPbx } from '../../src/testing'

export interface Answer {
  status: number
  type: string
  text: string
  bytes: Buffer
  headers: Headers
}

export async function call(
  pbx: DemoPbx,
  params: Record<string, string>,
  opts: { key?: string; tenant?: string | null; init?: RequestInit } = {},
): Promise<Answer> {
  const url = new URL(pbx.pbxcloud.url)
  url.searchParams.set('key', opts.key ?? pbx.pbxcloud.apiKey)
  if (opts.tenant !== null) url.searchParams.set('tenant', opts.tenant ?? pbx.pbxcloud.tenant)
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v)
  const res = await fetch(url, opts.init)
  const bytes = Buffer.from(await res.arrayBuffer())
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    text: bytes.toString('utf8'),
    bytes,
    headers: res.headers,
  }
}

/**
 * Column names as docs/dialects/pbxcloud.md spells them. The demo varies the case
 * of undocumented columns per run (as real servers may differ): a reader matches
 * names case-insensitively, so the tables are keyed here by this spelling.
 */
const spelling = new Map(
  [
    'Type',
    'Number',
    'Name',
    'State',
    'Peer',
    'Host',
    'Port',
    'Status',
    'Useragent',
    'Channel',
    'CallerIDNum',
    'CallerIDName',
    'ConnectedNum',
    'ConnectedName',
    'Exten',
    'Application',
    'Duration',
    'BridgedTo',
    'UniqueID',
    'LinkedID',
    'Queue',
    'OnHold',
    'Code',
    'Country',
    'Timezone',
    'Id',
    'Strategy',
    'Waiting',
    'Tech',
    'Username',
    'Password',
    'Mailbox',
    'Fullname',
    'Email',
    'Attach',
    'Msgid',
    'CallerID',
    'DateTime',
    'Dir',
  ].map((name) => [name.toLowerCase(), name]),
)

export function spelt(key: string): string {
  return spelling.get(key.toLowerCase()) ?? key
}

/** A json list answer (array, or one object) with keys spelt as the docs do. */
export function jsonRows(text: string): Record<string, string>[] {
  const data: unknown = JSON.parse(text)
  const list: unknown[] = Array.isArray(data) ? data : [data]
  return list.map((item) =>
    Object.fromEntries(
      Object.entries(item as Record<string, unknown>).map(([k, v]) => [spelt(k), String(v)]),
    ),
  )
}

/** A `format=plain` table as objects keyed by the header row. */
export function pipeRows(text: string): Record<string, string>[] {
  const lines = text.split('\n').filter((l) => l !== '')
  const split = (line: string): string[] => {
    const cells = line.split('|')
    if (line.endsWith('|')) cells.pop()
    return cells
  }
  const [head, ...rest] = lines
  if (!head) return []
  const columns = split(head).map(spelt)
  return rest.map((line) => {
    const cells = split(line)
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']))
  })
}

export async function rows(
  pbx: DemoPbx,
  params: Record<string, string>,
): Promise<Record<string, string>[]> {
  return pipeRows((await call(pbx, params)).text)
}

/** The RIFF/WAVE header fields a player needs. */
export function readWav(buf: Buffer): {
  riff: string
  riffSize: number
  wave: string
  format: number
  channels: number
  sampleRate: number
  byteRate: number
  bits: number
  dataSize: number
} {
  return {
    riff: buf.toString('ascii', 0, 4),
    riffSize: buf.readUInt32LE(4),
    wave: buf.toString('ascii', 8, 12),
    format: buf.readUInt16LE(20),
    channels: buf.readUInt16LE(22),
    sampleRate: buf.readUInt32LE(24),
    byteRate: buf.readUInt32LE(28),
    bits: buf.readUInt16LE(34),
    dataSize: buf.readUInt32LE(40),
  }
}
