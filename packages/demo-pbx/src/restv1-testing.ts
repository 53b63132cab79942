/**
 * The REST face as tests drive it (the testing entry only, never the product
 * entry the app loads): revoke the OAuth client, block the user, change or reset
 * the hourly budget, and look up the ids the face hands out.
 */
import { Restv1Face } from './restv1-face'

export class TestRestv1Face extends Restv1Face {
  /** Every token issued so far stops working (401 `invalid_token`). */
  expireTokens(): void {
    this.auth.expireTokens()
  }

  /** The OAuth client is gone: its tokens die, token requests get `client_not_found`. */
  revokeClient(clientId: string = this.clientId): void {
    this.auth.revoked.add(clientId)
    for (const [token, t] of this.auth.tokens) {
      if (t.clientId === clientId) this.auth.tokens.delete(token)
    }
  }

  restoreClient(clientId: string = this.clientId): void {
    this.auth.revoked.delete(clientId)
  }

  /** The user is blocked (403 `user_blocked`) until called with `false`. */
  blockUser(blocked = true): void {
    this.auth.blocked = blocked
  }

  setRateBudget(perHour: number): void {
    this.rate.budget = perHour
  }

  resetRateLimits(): void {
    this.rate.buckets.clear()
  }

  extensionIdOf(number: string): number {
    return this.ids.phoneId(number) || this.ids.queueId(number)
  }

  /**
   * The `call_api_id` of `extension`'s (default: the agent's) first entry in a
   * call: each extension on a call has its own (R4). A queue's entry is
   * `queue:<id>`.
   */
  callApiIdOf(simCallId: string, extension: string = this.options.userExtension): string {
    return this.ids.entryId(simCallId, extension)
  }

  /** The `call_uuid` call records name a call by (no live entry has it). */
  callUuidOf(simCallId: string): string {
    return this.ids.callUuid(simCallId)
  }

  /** A voicemail message's `record_uuid` (what a real PBX names in its `voicemail` event, seed 003). */
  voicemailUuidOf(mailbox: string, msgid: string): string | undefined {
    const message = this.pbx.voicemail
      .mailbox(this.options.tenant, mailbox)
      ?.messages.find((m) => m.msgid === msgid)
    return message && this.ids.voicemailUuid(mailbox, message)
  }
}
