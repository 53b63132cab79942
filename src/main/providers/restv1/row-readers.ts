/**
 * Plain readers for the rows REST ver1.0 sends for the whole office on every poll
 * (the registration of every phone, the client's current calls). Each field reader
 * accepts exactly what the zod field type of the same name in parse.ts accepts and
 * reads it the same way; a row with any other value is refused (`undefined`), and
 * parse.ts then hands the whole answer to the row's zod schema, which decides.
 *
 * Why not zod alone: zod allocates a payload per field and runs a transform per
 * field; for 5,000 phones that cost more than parsing the JSON. These readers do
 * one pass and one allocation per row. tests/unit/restv1-parse.test.ts holds each
 * reader to its schema on random rows.
 */

export type Rec = Readonly<Record<string, unknown>>

/** A field a reader cannot take: the row goes to its schema. */
class Refused {}
const refused = new Refused()

export function isRecord(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `text`: a string, finite number, boolean, null or missing, as text (null and missing: ''). */
export function textField(value: unknown): string {
  if (typeof value === 'string') return value
  if (value === null || value === undefined) return ''
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean')
    return String(value)
  throw refused
}

/** `id`: a string of 1 to 200 characters, or a safe integer, as text. */
export function idField(value: unknown): string {
  if (typeof value === 'string' && value.length >= 1 && value.length <= 200) return value
  if (Number.isSafeInteger(value)) return String(value)
  throw refused
}

/** `flag`: what `text` accepts; true for `true`, 1, "true" and "1". */
export function flagField(value: unknown): boolean {
  if (typeof value === 'boolean') return value
  textField(value)
  return value === 1 || value === 'true' || value === '1'
}

/**
 * Every item of `items` read by `read`, or undefined when an item is not a record,
 * a field is refused, or there are more than `max` items.
 */
export function readRows<T>(
  items: readonly unknown[],
  read: (item: Rec) => T,
  max: number,
): T[] | undefined {
  if (items.length > max) return undefined
  const rows = new Array<T>(items.length)
  try {
    for (let i = 0; i < items.length; i++) {
      const item = items[i]
      if (!isRecord(item)) return undefined
      rows[i] = read(item)
    }
  } catch (error) {
    if (error === refused) return undefined
    throw error
  }
  return rows
}

/** `row` with its keys in lower case (itself when they already are); the first of two spellings wins. */
export function lowerKeys(row: Rec): Rec {
  let upper = false
  for (const key in row) {
    if (key !== key.toLowerCase()) {
      upper = true
      break
    }
  }
  if (!upper) return row
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(row)) {
    const lower = key.toLowerCase()
    if (!Object.hasOwn(out, lower)) out[lower] = value
  }
  return out
}

/** An answer with the keys of its object, or of each object in its lists, lower-cased (two levels). */
export function withLowerKeys(data: unknown, depth = 2): unknown {
  if (Array.isArray(data)) {
    if (depth <= 0) return data
    const items = data.map((item) => withLowerKeys(item, depth - 1))
    return items.some((item, i) => item !== data[i]) ? items : data
  }
  if (!isRecord(data)) return data
  const row = lowerKeys(data)
  if (depth <= 0) return row
  let changed = row !== data
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(row)) {
    const next = Array.isArray(value) || isRecord(value) ? withLowerKeys(value, depth - 1) : value
    if (next !== value) changed = true
    out[key] = next
  }
  return changed ? out : data
}
