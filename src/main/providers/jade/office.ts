/**
 * The agent, the colleagues and their lamps, as jade lets this account see them
 * (docs/dialects/jade.md, "People" and "Presence"). Kept apart from the provider
 * so the provider reads as the list of what the dialect can do.
 */
import { DirectoryCache } from '../directory-cache'
import type { Party, Presence } from '../../../shared/model'
import { AppError } from '../../../shared/result'
import { safeName } from '../../../shared/untrusted-text'
import type { JadeClient, Role } from './client'
import { presenceOf, type Person } from './normalise'
import { listOf, recordOf, text, type Rec } from './parse'
import { colleaguesOf, deviceOfContact, type Colleague, type Directory } from './directory'
import { colleagueOfUser, membersOf, userColleagues } from './user-roster'

export interface Me extends Person {
  userId: string
  device: string
}

/** The agent and the colleagues, as the board and the calls read them. */
export interface Office {
  me: Me
  colleagues: Colleague[]
  /** Everyone with a device (so a lamp), the agent first; one array while nobody changes. */
  people: Person[]
  /** extension → name */
  names: Map<string, string>
}

/** Device state requests in flight at once (one per device: jade lists no states). */
const STATE_REQUESTS = 4
/** States of no interest between polls: idle or away (re-read in turn, not each poll). */
const idle = new Set(['NOT_INUSE', 'UNAVAILABLE', 'INVALID'])

export class JadeOffice {
  private me?: Me
  private readonly colleagues: DirectoryCache<Colleague[]>
  private current?: Office
  private lamps: Presence[] = []
  /** device → its last state record, and where the turn-taking stands. */
  private readonly known = new Map<string, Rec>()
  private cursor = -1
  /** The device names the last colleague load saw listed (a user-only account links by them). */
  private listed: ReadonlySet<string> = new Set()
  /** Users found by login (`/v1/me/search`), so one found can be called: id → colleague. */
  private readonly found = new Map<string, Colleague>()

  constructor(
    private readonly client: JadeClient,
    private readonly username: string,
    private readonly ownExtension: string | undefined,
    private readonly now: () => number,
    private readonly perPoll = 24,
  ) {
    this.colleagues = new DirectoryCache(() => this.listColleagues(), [], now)
  }

  private async list(role: Role, path: string, what: string): Promise<Rec[]> {
    return listOf(await this.client.call(role, path, { what }), what)
  }

  forget(): void {
    this.me = undefined
    this.colleagues.forget()
    this.found.clear()
  }

  async self(): Promise<Me> {
    if (this.me) return this.me
    const info = recordOf(await this.client.call('user', '/me/info', { what: 'your user' }), 'user')
    // jade's code answers /me/info without `contacts` (me_handler.c get_me_info);
    // seed 004's older example has them. Only type and target are read: a
    // contact's `info.password` is a SIP secret.
    const contacts = Array.isArray(info.contacts)
      ? listOf(info.contacts, 'devices')
      : await this.list('user', '/me/contacts', 'your devices')
    const own = contacts.map(deviceOfContact).find((d) => d !== undefined)
    const extension = this.ownExtension || own?.extension || safeName(this.username, 40)
    this.me = {
      userId: text(info, 'uuid'),
      extension,
      device: own?.device ?? '',
      // jade's user `name` may be null; the login is never empty (the agent's own tile is never blank).
      name: safeName(text(info, 'name')) || safeName(text(info, 'username'), 64),
    }
    return this.me
  }

  /** The admin's user and contact lists, or undefined when this account has no admin sign-in. */
  private async directory(): Promise<Directory | undefined> {
    if (!this.client.hasRole('admin')) return undefined
    const [users, contacts] = await Promise.all([
      this.list('admin', '/admin/user/users', 'users'),
      this.list('admin', '/admin/user/contacts', 'user devices'),
    ])
    return { users, contacts }
  }

  /** The colleagues, kept as every directory is (directory-cache.ts). */
  async colleaguesNow(force = false): Promise<Colleague[]> {
    return this.colleagues.get(force)
  }

  private async listColleagues(): Promise<Colleague[]> {
    const me = await this.self()
    if (!this.client.hasRole('admin')) return this.userColleagues(me)
    const [buddies, directory] = await Promise.all([
      this.list('user', '/me/buddies', 'colleagues'),
      this.directory(),
    ])
    return colleaguesOf(buddies, directory, me.userId)
  }

  /** What a user token can learn of the others (user-roster.ts). */
  private async userColleagues(me: Me): Promise<Colleague[]> {
    const [buddies, chats, devices] = await Promise.all([
      this.list('user', '/me/buddies', 'colleagues'),
      this.list('user', '/me/chats', 'chat rooms').catch((error: unknown) => {
        // jade answers 404 when it cannot read the rooms (get_chats_info NULL).
        if (error instanceof AppError && error.kind === 'not_found') return []
        throw error
      }),
      this.client.open('/device_states', 'device states'),
    ])
    this.listed = new Set(listOf(devices, 'device states').map((d) => text(d, 'device')))
    return userColleagues(buddies, membersOf(chats), this.listed, me.userId)
  }

  /**
   * The user whose login is exactly `username` (`/v1/me/search`, the only
   * search jade has: me_handler.c get_search_info, type "username"); undefined
   * when there is none (404).
   */
  async byLogin(username: string): Promise<Colleague | undefined> {
    const me = await this.self()
    let answer: unknown
    try {
      answer = await this.client.call('user', '/me/search', {
        query: { filter: username, type: 'username' },
        what: 'the colleague',
      })
    } catch (error) {
      if (error instanceof AppError && error.kind === 'not_found') return undefined
      throw error
    }
    const user = listOf(answer, 'users')[0]
    const colleague = user ? colleagueOfUser(user, this.listed) : undefined
    if (!colleague || colleague.userId === me.userId) return undefined
    this.found.set(colleague.userId, colleague)
    return colleague
  }

  /** The colleague to call on this extension, also one found by login. */
  async byExtension(extension: string): Promise<Colleague | undefined> {
    if (!extension) return undefined
    const listed = (await this.colleaguesNow()).find((c) => c.extension === extension)
    return listed ?? [...this.found.values()].find((c) => c.extension === extension)
  }

  /** A colleague listed, or a user found by login since sign-in, by user uuid. */
  async byUserId(userId: string): Promise<Colleague | undefined> {
    if (!userId) return undefined
    const listed = (await this.colleaguesNow()).find((c) => c.userId === userId)
    return listed ?? this.found.get(userId)
  }

  /**
   * The office, made again only when the agent or the colleagues change
   * (minutes): each poll of an office of thousands would otherwise copy it.
   */
  async office(): Promise<Office> {
    const me = await this.self()
    const colleagues = await this.colleaguesNow()
    if (this.current?.me !== me || this.current.colleagues !== colleagues) {
      const names = new Map<string, string>()
      for (const c of colleagues) if (c.extension) names.set(c.extension, c.name)
      names.set(me.extension, me.name)
      const people: Person[] = [me, ...colleagues.filter((c) => c.device !== '')]
      this.current = { me, colleagues, people, names }
    }
    return this.current
  }

  /**
   * The lamps. jade lists device NAMES at `/device_states` (unversioned, no
   * token) and gives one device's state at `/device_states/` with the device in
   * a JSON body (seed 004; resource_handler.c get_device_states_all_device).
   * A list that carries states is read as it is. One request per device would
   * make a poll of a big office cost hundreds, so each poll reads at most
   * `perPoll` states: the agent's own device and every device in a call or last
   * seen busy first, then the others in turn; the rest keep their last state.
   */
  async presence(partners: ReadonlyMap<string, Party>, accountId: string): Promise<Presence[]> {
    const { people } = await this.office()
    const listed = listOf(
      await this.client.open('/device_states', 'device states'),
      'device states',
    )
    let states: Rec[] = listed
    if (!listed.some((d) => text(d, 'state') !== '')) {
      const present = new Set(listed.map((d) => text(d, 'device')))
      const wanted = [...new Set(people.map((p) => p.device ?? ''))].filter(
        (d) => d && present.has(d),
      )
      for (const device of this.known.keys()) if (!present.has(device)) this.known.delete(device)
      const fresh = await this.statesOf(this.choose(people, wanted, partners))
      for (const row of fresh) this.known.set(text(row, 'device'), row)
      states = wanted.flatMap((d): Rec[] => {
        const row = this.known.get(d)
        return row ? [row] : []
      })
    }
    this.lamps = presenceOf(people, states, partners, accountId, this.now(), this.lamps)
    return this.lamps
  }

  /** The devices whose state this poll reads (see `presence`). */
  private choose(
    people: readonly Person[],
    wanted: readonly string[],
    partners: ReadonlyMap<string, Party>,
  ): string[] {
    const limit = this.known.size === 0 ? this.perPoll * 4 : this.perPoll
    const chosen = new Set<string>()
    const wantedSet = new Set(wanted)
    const urgent = [
      this.me?.device ?? '',
      ...people.filter((p) => partners.has(p.extension)).map((p) => p.device ?? ''),
      ...wanted.filter((d) => !idle.has(text(this.known.get(d) ?? {}, 'state'))),
    ]
    // One slot at least stays for the turn-taking: an office with more busy phones
    // than slots must still see an idle colleague change.
    const urgentLimit = Math.max(1, limit - 1)
    for (const device of urgent) {
      if (chosen.size >= urgentLimit) break
      if (device && wantedSet.has(device)) chosen.add(device)
    }
    for (let n = 0; n < wanted.length && chosen.size < limit; n++) {
      this.cursor = (this.cursor + 1) % wanted.length
      chosen.add(wanted[this.cursor]!)
    }
    return [...chosen]
  }

  private async statesOf(devices: string[]): Promise<Rec[]> {
    const out: Rec[] = []
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < devices.length) {
        const device = devices[next++]!
        try {
          const answer = await this.client.open('/device_states/', 'the device state', { device })
          out.push(recordOf(answer, 'device state'))
        } catch (error) {
          // A device that went away between the list and its state: no lamp for it now.
          if (
            error instanceof AppError &&
            (error.kind === 'not_found' || error.kind === 'bad_response')
          )
            continue
          throw error
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(STATE_REQUESTS, devices.length) }, worker))
    return out
  }
}
