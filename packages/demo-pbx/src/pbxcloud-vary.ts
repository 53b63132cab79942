/**
 * What no public document fixes about `proxyapi.php` answers (PLATFORM-FACTS P10):
 * the letter case of column names, their order, extra columns, the trailing pipe,
 * the position of each value in a json agent row (P5). The demo picks these from a
 * seed, once per face, as one server version would, so a client that depends on
 * one guess fails some seeds instead of passing against the demo by accident.
 */
import { Random } from './random'

/** A generator for one label: the same seed and label give the same choices in any request order. */
function randomFor(seed: number, label: string): Random {
  let h = (seed ^ 0x5eed) >>> 0
  for (let i = 0; i < label.length; i++) h = (Math.imul(h, 31) + label.charCodeAt(i)) >>> 0
  return new Random(h)
}

export class Variation {
  private readonly caseOf = new Map<string, string>()
  private readonly orderOf = new Map<string, readonly string[]>()
  private readonly extrasOf = new Map<string, readonly string[]>()
  private readonly pipeOf = new Map<string, boolean>()
  /** Whether every value in a json table is a string (PHP rows) or numbers stay numbers. */
  readonly stringValues: boolean
  /** The form of VOICEMAIL's `DateTime`, undocumented (P6 names the field only). */
  readonly voicemailTime: 'datetime' | 'epoch'

  constructor(readonly seed: number) {
    const random = randomFor(seed, '')
    this.stringValues = random.chance(0.7)
    this.voicemailTime = random.chance(0.5) ? 'datetime' : 'epoch'
  }

  /** The spelling of a column name this run: as written, lower case or upper case. */
  key(name: string): string {
    let spelt = this.caseOf.get(name)
    if (spelt === undefined) {
      spelt = randomFor(this.seed, `case:${name}`).pick([
        name,
        name.toLowerCase(),
        name.toUpperCase(),
        name,
      ])
      this.caseOf.set(name, spelt)
    }
    return spelt
  }

  /** The columns of one table in this run's order. */
  order(table: string, columns: readonly string[]): readonly string[] {
    let order = this.orderOf.get(table)
    if (order === undefined) {
      const random = randomFor(this.seed, `order:${table}`)
      const shuffled = [...columns]
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = random.int(0, i)
        const a = shuffled[i] as string
        shuffled[i] = shuffled[j] as string
        shuffled[j] = a
      }
      order = shuffled
      this.orderOf.set(table, order)
    }
    return order
  }

  /** Columns a newer server version adds, which a client must ignore. */
  extras(table: string): readonly string[] {
    let extras = this.extrasOf.get(table)
    if (extras === undefined) {
      const pool = ['Node', 'Tenant', 'Context', 'Extra', 'Updated', 'Flags']
      const random = randomFor(this.seed, `extras:${table}`)
      extras = pool.filter(() => random.chance(0.4))
      this.extrasOf.set(table, extras)
    }
    return extras
  }

  /** Whether a plain table's lines end with `|` (inconsistent on real servers, P3). */
  trailingPipe(table: string): boolean {
    let pipe = this.pipeOf.get(table)
    if (pipe === undefined) {
      pipe = randomFor(this.seed, `pipe:${table}`).chance(0.5)
      this.pipeOf.set(table, pipe)
    }
    return pipe
  }

  /** A value for an extra column: never one the client should act on. */
  extraValue(name: string): string {
    return name === 'Tenant' ? '' : randomFor(this.seed, `value:${name}`).pick(['', '0', 'n/a'])
  }
}
