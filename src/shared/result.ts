/**
 * The one error vocabulary of the app. Providers, the core and the IPC layer all
 * speak it, so the UI can put every failure into words without guessing.
 */
export const errorKinds = [
  'auth',
  'network',
  'timeout',
  'rate_limited',
  'unsupported',
  'bad_response',
  'invalid_argument',
  'not_found',
  'internal',
] as const

export type ErrorKind = (typeof errorKinds)[number]

export interface AppErrorShape {
  kind: ErrorKind
  message: string
  /** Milliseconds to wait before trying again (rate limits, back-off). */
  retryAfterMs?: number
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppErrorShape }

export function ok<T>(data: T): Result<T> {
  return { ok: true, data }
}

export function err<T = never>(kind: ErrorKind, message: string, retryAfterMs?: number): Result<T> {
  const error: AppErrorShape = { kind, message }
  if (retryAfterMs !== undefined) error.retryAfterMs = retryAfterMs
  return { ok: false, error }
}

/** An error that carries its kind; thrown inside main, turned into `err()` at the boundary. */
export class AppError extends Error {
  readonly kind: ErrorKind
  readonly retryAfterMs: number | undefined

  constructor(kind: ErrorKind, message: string, retryAfterMs?: number) {
    super(message)
    this.name = 'AppError'
    this.kind = kind
    this.retryAfterMs = retryAfterMs
  }

  toShape(): AppErrorShape {
    const shape: AppErrorShape = { kind: this.kind, message: this.message }
    if (this.retryAfterMs !== undefined) shape.retryAfterMs = this.retryAfterMs
    return shape
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError
}
