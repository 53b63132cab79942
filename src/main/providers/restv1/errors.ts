/**
 * REST ver1.0 error answers and the token answer (R1, R3; seed 003's token flow).
 * A token body is never quoted in an error: it is the one place a token lives.
 */
import { z } from 'zod'
import { excerpt } from '../../../shared/redact'
import { AppError } from '../../../shared/result'

const LABEL = 'The PBX API'

/** Any scalar as text; `null` and missing as ''. */
const text = z
  .union([z.string(), z.number(), z.boolean(), z.null()])
  .optional()
  .transform((v) => (v === null || v === undefined ? '' : String(v)))

function badResponse(what: string, body?: string): AppError {
  const tail = body === undefined ? '' : `: "${excerpt(body)}"`
  return new AppError('bad_response', `${LABEL} sent ${what}${tail}`)
}

const errorBody = z.object({ message: text, status: text })

/** The `{message, status}` of an error answer, when it has one. */
function errorFields(body: string): { message: string; status: string } {
  try {
    const result = errorBody.safeParse(JSON.parse(body))
    if (result.success) return result.data
  } catch {
    // Not JSON: a proxy page or plain text; the status code alone decides.
  }
  return { message: '', status: '' }
}

/**
 * The typed error of a non-2xx API answer (429 and 5xx never get here: the
 * HTTP client maps them). The server's words are quoted, redacted and short.
 */
export function errorOf(status: number, body: string): AppError {
  const { message, status: code } = errorFields(body)
  const words = message ? `: ${excerpt(message, 120)}` : ''
  if (code === 'user_blocked') return new AppError('auth', 'The PBX says this user is blocked.')
  if (status === 401 && (code === 'client_not_found' || code === 'access_denied')) {
    return new AppError('auth', 'The PBX says the client id or secret was refused.')
  }
  if (status === 401)
    return new AppError('auth', 'The PBX refused the access token even after renewing it.')
  if (status === 403)
    return new AppError('auth', `This API client is not allowed to do that${words}`)
  if (status === 404) return new AppError('not_found', `The PBX does not know that${words}`)
  if (status === 405) return new AppError('unsupported', `The PBX does not offer that${words}`)
  if (status === 409)
    return new AppError('invalid_argument', `The call is not in a state that allows that${words}`)
  if (status === 400 || status === 422)
    return new AppError('invalid_argument', `The PBX refused the request${words}`)
  return badResponse(`an unexpected answer (HTTP ${status})`, body)
}

/** An error answer of the token endpoint: wrong credentials and a blocked user told apart. */
export function tokenErrorOf(status: number, body: string): AppError {
  const { status: code } = errorFields(body)
  if (code === 'user_blocked' || (status === 403 && /blocked/i.test(body))) {
    return new AppError('auth', 'The PBX says this user is blocked.')
  }
  if (status === 401 || status === 403 || code === 'client_not_found' || code === 'access_denied')
    return new AppError('auth', 'The PBX says the client id or secret was refused.')
  if (status === 404)
    return new AppError('bad_response', `${LABEL} has no token endpoint at this address.`)
  // Never quote the body: a token endpoint's answer is the one place a token lives.
  return new AppError('bad_response', `${LABEL} refused the sign-in (HTTP ${status}).`)
}

const tokenSchema = z.object({
  access_token: z.string().min(8).max(4096),
  expires_in: z.union([z.number(), z.string()]).optional(),
  token_type: text,
})

/** `{access_token, expires_in, token_type}`; the body is never quoted in an error. */
export function parseToken(body: string): { value: string; expiresInSec: number } {
  let data: unknown
  try {
    data = JSON.parse(body)
  } catch {
    throw new AppError('bad_response', `${LABEL} sent a sign-in answer that cannot be read.`)
  }
  const result = tokenSchema.safeParse(data)
  if (!result.success || (result.data.token_type && !/^bearer$/i.test(result.data.token_type))) {
    throw new AppError('bad_response', `${LABEL} sent a sign-in answer without a bearer token.`)
  }
  const seconds = Number(result.data.expires_in ?? 3600)
  // A lifetime the server does not state sensibly is taken as a short one: renewal is cheap.
  const expiresInSec = Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 86_400) : 60
  return { value: result.data.access_token, expiresInSec }
}
