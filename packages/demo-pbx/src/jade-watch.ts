/**
 * Turns PbxState events into jade WebSocket frames. Admin topics are diffs of
 * what the REST lists would answer (so a frame never says anything a GET would
 * not), user topics follow the extension and chat events directly.
 */
import type { JadeEventStream } from './jade-events'
import type { JadeObject } from './jade-format'
import type { JadeObjects } from './jade-objects'
import type { JadeDirectory } from './jade-people'
import type { PbxEvent } from './pbx-types'
import type { PbxState } from './pbx-state'

/** Fields that change with the clock alone: no frame for those. */
const clockFields = new Set([
  'duration',
  'wait',
  'parking_duration',
  'parking_timeout',
  'tm_update',
])

function signature(object: JadeObject): string {
  return JSON.stringify(Object.entries(object).filter(([k]) => !clockFields.has(k)))
}

class Snapshot {
  private last = new Map<string, { object: JadeObject; sig: string }>()

  constructor(
    readonly topic: string,
    readonly event: string,
    private readonly key: string,
    private readonly read: () => JadeObject[],
    private readonly onDelete: (object: JadeObject) => JadeObject = (o) => o,
  ) {
    this.last = this.take()
  }

  private take(): Map<string, { object: JadeObject; sig: string }> {
    const out = new Map<string, { object: JadeObject; sig: string }>()
    for (const object of this.read()) {
      out.set(String(object[this.key]), { object, sig: signature(object) })
    }
    return out
  }

  /** Creates and updates in list order, then deletes. */
  diff(emit: (event: string, object: JadeObject) => void): void {
    const next = this.take()
    for (const [id, now] of next) {
      const before = this.last.get(id)
      if (!before) emit(`${this.event}.create`, now.object)
      else if (before.sig !== now.sig) emit(`${this.event}.update`, now.object)
    }
    for (const [id, before] of this.last) {
      if (!next.has(id)) emit(`${this.event}.delete`, this.onDelete(before.object))
    }
    this.last = next
  }
}

export class JadeWatcher {
  private readonly snapshots: Snapshot[]
  private readonly unsubscribe: () => void

  constructor(
    pbx: PbxState,
    private readonly dir: JadeDirectory,
    objects: JadeObjects,
    private readonly stream: JadeEventStream,
  ) {
    this.snapshots = [
      new Snapshot(
        '/admin',
        'admin.core.channel',
        'unique_id',
        () => objects.channels(),
        (o) => ({ ...o, hangup_cause: 16, hangup_cause_desc: 'Normal Clearing' }),
      ),
      new Snapshot('/admin', 'admin.park.parkedcall', 'parkee_unique_id', () =>
        objects.parkedCalls(),
      ),
      new Snapshot('/admin', 'admin.queue.entry', 'unique_id', () => objects.queueEntries()),
      new Snapshot('/admin', 'admin.queue.member', 'id', () => objects.queueMembers()),
    ]
    this.unsubscribe = pbx.subscribe((event) => this.on(event))
  }

  stop(): void {
    this.unsubscribe()
  }

  private on(event: PbxEvent): void {
    if (event.tenant.toUpperCase() !== this.dir.tenant.toUpperCase()) return
    switch (event.type) {
      case 'chat':
        this.chat(event.message.roomId, event.message)
        return
      // A device's state reaches no user socket: jade publishes me.info and
      // me.buddies only when the user or buddy rows change (me_handler.c).
      case 'extension':
        break
      case 'voicemail':
      case 'phonebook':
      case 'flow':
        return
      default:
        break
    }
    for (const snap of this.snapshots) {
      snap.diff((name, object) => this.stream.publish({ kind: 'admin' }, snap.topic, name, object))
    }
  }

  private chat(roomId: string, message: Parameters<JadeDirectory['messageObject']>[0]): void {
    for (const user of this.dir.users()) {
      const room = this.dir.chats(user).find((r) => r.id === roomId)
      if (!room) continue
      const audience = { kind: 'user', extension: user.extension } as const
      if (!this.stream.listening(audience)) continue
      // The ROOM's uuid (jade: "/me/chats/<uuid_room>"), not the user's chat uuid.
      const topic = `/me/chats/${this.dir.roomUuid(room)}`
      this.stream.publish(
        audience,
        topic,
        'me.chats.message.create',
        this.dir.messageObject(message),
      )
    }
  }
}
