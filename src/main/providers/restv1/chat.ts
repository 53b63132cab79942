/**
 * What REST ver1.0 documents about chat (seed 002): marking a chat read and
 * deleting its messages, per extension. It can neither list nor send, so the
 * provider has no chat facet; these stay plain methods.
 */
import type { RestV1Client } from './client'
import { extensionPath } from './media'
import type { Own } from './normalise'

export class RestV1ChatMarks {
  constructor(private readonly client: RestV1Client) {}

  private chatPath(own: Own, chatId: string): string {
    return `${extensionPath(own)}/chat/${encodeURIComponent(chatId)}/messages/`
  }

  async markChatRead(own: Own, chatId: string): Promise<void> {
    await this.client.request({
      method: 'PUT',
      path: this.chatPath(own, chatId),
      json: { read: true },
    })
  }

  async deleteChatMessages(own: Own, chatId: string): Promise<void> {
    await this.client.request({ method: 'DELETE', path: this.chatPath(own, chatId) })
  }
}
