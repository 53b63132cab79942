/** A plain GET on a fresh connection (the benchmarks' own reads of the demo's face). */
import { get } from 'node:http'

export function getText(url: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      )
      res.on('error', reject)
    }).on('error', reject)
  })
}
