/**
 * When an account's data on screen is not live, and the words for why. Used by
 * the banner and to dim what the account shows.
 */
import type { AccountStatus, ConnectionDetail } from '../../shared/model'

const staleDetails = new Set<ConnectionDetail>([
  'offline',
  'signed_out',
  'rate_limited',
  'unreadable',
  'certificate_changed',
  'stopped',
])

export function isStale(status: AccountStatus): boolean {
  return staleDetails.has(status.detail)
}

/** The i18n key of the reason (rate-limited has its own, with a time). */
export function staleReason(
  status: AccountStatus,
):
  | 'rate_limited'
  | `connection.${'signed_out' | 'unreadable' | 'certificate_changed'}`
  | `status.${'offline' | 'stopped'}` {
  switch (status.detail) {
    case 'signed_out':
    case 'unreadable':
    case 'certificate_changed':
      return `connection.${status.detail}`
    case 'rate_limited':
      return 'rate_limited'
    case 'stopped':
      return 'status.stopped'
    default:
      return 'status.offline'
  }
}
