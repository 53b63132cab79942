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

/** Parameters of an error code: short, non-secret values the window puts into words. */
export type ErrorParams = Record<string, string | number>

/**
 * What the window needs to say an error in the agent's language: a stable code
 * (e.g. `not_offered`, `dial.feature_code`) and its parameters. `message` stays
 * main's English text, shown only as detail.
 */
export interface ErrorDetail {
  code: string
  params?: ErrorParams
}

export interface AppErrorShape {
  kind: ErrorKind
  message: string
  /** Milliseconds to wait before trying again (rate limits, back-off). */
  retryAfterMs?: number
  code?: string
  params?: ErrorParams
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
  readonly detail: ErrorDetail | undefined

  constructor(kind: ErrorKind, message: string, retryAfterMs?: number, detail?: ErrorDetail) {
    super(message)
    this.name = 'AppError'
    this.kind = kind
    this.retryAfterMs = retryAfterMs
    this.detail = detail
  }

  toShape(): AppErrorShape {
    const shape: AppErrorShape = { kind: this.kind, message: this.message }
    if (this.retryAfterMs !== undefined) shape.retryAfterMs = this.retryAfterMs
    if (this.detail) {
      shape.code = this.detail.code
      if (this.detail.params) shape.params = { ...this.detail.params }
    }
    return shape
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError
}
