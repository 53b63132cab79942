/**
 * The agent's voicemail (seed 000 VOICEMAIL; fields PLATFORM-FACTS P6). PBXCloud
 * has no documented "mark heard" request, so heard messages are remembered here.
 */
import type { Voicemail } from '../../../shared/model'
import { safeName } from '../../../shared/untrusted-text'
import type { MediaFile } from '../provider'
import { messageId, type PbxCloudClient } from './client'
import { parseCallerId } from './parse'
import { readVoicemails } from './readers'

export class Mailbox {
  private readonly heard = new Set<string>()

  constructor(
    private readonly client: PbxCloudClient,
    private readonly accountId: string,
    private readonly number: string,
  ) {}

  async list(): Promise<Voicemail[]> {
    const text = await this.client.text('VOICEMAIL', {
      action: 'messages',
      mailbox: this.number,
    })
    // P6: `Msgid, CallerID, Duration, DateTime, Dir`; the folder is the end of Dir.
    return readVoicemails(text).map((entry) => ({
      id: entry.msgid,
      accountId: this.accountId,
      mailbox: this.number,
      caller: parseCallerId(safeName(entry.callerId, 200)),
      receivedAt: entry.receivedAt,
      durationSec: entry.durationSec,
      heard: entry.folder !== 'INBOX' || this.heard.has(entry.msgid),
    }))
  }

  async audio(voicemail: Voicemail): Promise<MediaFile> {
    return this.client.binary(
      'VOICEMAIL',
      { action: 'message', mailbox: voicemail.mailbox, msgid: messageId(voicemail.id) },
      'audio for this message',
    )
  }

  async delete(voicemail: Voicemail): Promise<void> {
    await this.client.action('VOICEMAIL', {
      action: 'delete',
      mailbox: voicemail.mailbox,
      msgid: messageId(voicemail.id),
    })
    this.heard.delete(voicemail.id)
  }

  markHeard(voicemail: Voicemail): void {
    this.heard.add(voicemail.id)
  }
}
