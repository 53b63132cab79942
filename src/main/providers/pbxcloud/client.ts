/**
 * The one place PBXCloud URLs are made. The API address is validated once (no
 * user-info, query or fragment: the key travels in the query string and must be
 * the only credential); every request is `new URL` on that address with its
 * parameters set through URLSearchParams, so no value can add a parameter.
 */
import { AppError } from '../../../shared/result'
import { HttpClient, headerValue, type HttpResponse } from '../http'
import type { MediaFile } from '../provider'
import { parseRows, parseSuccess, type Row } from './parse'

/** The API address from the account settings, or a clear refusal. */
export function apiUrl(baseUrl: string): URL {
  let url: URL
  try {
    url = new URL(baseUrl.trim())
  } catch {
    throw invalidUrl('url', 'The PBXCloud API address is not a web address.')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw invalidUrl('url_scheme', 'The PBXCloud API address must start with https://.')
  if (url.username !== '' || url.password !== '')
    throw invalidUrl(
      'url_userinfo',
      'The PBXCloud API address must not contain a user name or password; the API key is entered separately.',
    )
  if (url.search !== '' || url.hash !== '')
    throw invalidUrl(
      'url_query',
      'The PBXCloud API address must end at proxyapi.php, without "?" or "#" parts.',
    )
  return url
}

function invalidUrl(code: string, message: string): AppError {
  return new AppError('invalid_argument', message, undefined, { code: `invalid_argument.${code}` })
}

/** Digits only, as the API's numeric ids are (queue, flow, phone book record, CDR id). */
export function numericId(value: string, what: string): string {
  const id = value.trim()
  if (!/^\d{1,20}$/.test(id))
    throw new AppError('invalid_argument', `That is not a valid ${what}.`, undefined, {
      code: 'invalid_argument.id',
      params: { what },
    })
  return id
}

/** A voicemail message id, `1475685709-00000004` (seeds 000/001). */
export function messageId(value: string): string {
  const id = value.trim()
  if (!/^[0-9]{1,20}(-[0-9]{1,20})?$/.test(id))
    throw new AppError('invalid_argument', 'That is not a valid voicemail message id.', undefined, {
      code: 'invalid_argument.id',
      params: { what: 'voicemail message' },
    })
  return id
}

export class PbxCloudClient {
  private readonly base: URL
  readonly http: HttpClient

  constructor(
    baseUrl: string,
    private readonly tenant: string,
    private readonly apiKey: string,
    private readonly timeoutMs: number | undefined,
    onRequest: () => void,
  ) {
    this.base = apiUrl(baseUrl)
    this.http = new HttpClient({ label: 'the PBXCloud portal', onRequest })
  }

  /** One request; `json` asks `format=json` (lists), actions stay plain (P8). */
  async request(
    reqtype: string,
    params: Record<string, string> = {},
    json = true,
  ): Promise<HttpResponse> {
    const url = new URL(this.base.href)
    const query = new URLSearchParams({ reqtype, key: this.apiKey, tenant: this.tenant })
    // JSON for lists: a caller name containing "|" would break a plain table.
    if (json) query.set('format', 'json')
    for (const [name, value] of Object.entries(params)) query.set(name, value)
    url.search = query.toString()
    const timeoutMs = this.timeoutMs
    return this.http.send(
      timeoutMs === undefined ? { url: url.href } : { url: url.href, timeoutMs },
    )
  }

  async text(reqtype: string, params: Record<string, string> = {}): Promise<string> {
    return (await this.request(reqtype, params)).text()
  }

  async rows(reqtype: string, params: Record<string, string>, required: string[]): Promise<Row[]> {
    return parseRows(await this.text(reqtype, params), required)
  }

  async action(reqtype: string, params: Record<string, string>): Promise<string[]> {
    return parseSuccess((await this.request(reqtype, params, false)).text())
  }

  async binary(reqtype: string, params: Record<string, string>, what: string): Promise<MediaFile> {
    const response = await this.request(reqtype, params, false)
    const type = headerValue(response.headers, 'content-type') ?? ''
    if (response.body.length === 0) throw new AppError('not_found', `The PBX has no ${what}.`)
    if (!/^audio\//i.test(type)) parseSuccess(response.text()) // throws the error the text carries
    return { contentType: type.split(';')[0] ?? 'audio/wav', data: response.body }
  }

  close(): void {
    this.http.close()
  }
}
