/**
 * The demo tenant: a small Danish office with a customer service and a support
 * queue. The app's demo account is extension 201.
 */
import type { Cdr } from './pbx-types'
import type { PbxState } from './pbx-state'
import type { Random } from './random'

export const demoTenant = 'DEMO'
export const demoOwnExtension = '201'
/** Not `default`: a real tenant names its own phone books (PLATFORM-FACTS P9). */
export const demoPhonebook = 'kunder'

export const demoPeople: readonly (readonly [string, string])[] = [
  ['201', 'Mette Nielsen'],
  ['202', 'Lars Jensen'],
  ['203', 'Anne Hansen'],
  ['204', 'Søren Pedersen'],
  ['205', 'Camilla Andersen'],
  ['206', 'Jesper Christensen'],
  ['207', 'Louise Larsen'],
  ['208', 'Mikkel Sørensen'],
  ['209', 'Sofie Rasmussen'],
  ['210', 'Henrik Jørgensen'],
  ['211', 'Ida Madsen'],
  ['212', 'Rasmus Kristensen'],
]

export const demoQueues = [
  { id: '281', name: 'Kundeservice', agents: ['201', '202', '203', '204', '205'] },
  { id: '282', name: 'Support', agents: ['201', '206', '207', '208'] },
] as const

/** Customers who call; the first ones are in the phone book so the app can name them. */
export const demoCustomers: readonly (readonly [string, string, string])[] = [
  ['+4520304050', 'Alice Mortensen', 'Mortensen VVS'],
  ['+4531415926', 'Bo Thomsen', 'Thomsen & Søn'],
  ['+4540112233', 'Kirsten Poulsen', 'Nordisk Kaffe A/S'],
  ['+4551234567', 'Peter Holm', 'Holm Byg'],
  ['+4560708090', 'Maria Eriksen', 'Eriksen Design'],
  ['+4570102030', 'Torben Knudsen', 'Knudsen Logistik'],
  ['+4522446688', 'Hanne Bech', 'Bech Revision'],
  ['+4526153748', 'Ole Dam', 'Dam Elektro'],
]

const agents = ['Yealink SIP-T46U 108.86.0.45', 'Snom D785 10.1.101.11', 'Linphone 5.2.4']

export interface DemoKeys {
  apiKey: string
  readOnlyKey: string
}

/** Builds the DEMO tenant's people, queues, flows, mailboxes, phone book and chat rooms. */
export function buildDemoTenant(pbx: PbxState, rng: Random): DemoKeys {
  const keys = { apiKey: pbx.token('key:rw', 16), readOnlyKey: pbx.token('key:ro', 16) }
  pbx.addTenant({
    code: demoTenant,
    name: 'Demo ApS',
    country: 'DK',
    timezone: 'UTC',
    ...keys,
  })
  for (const [number, name] of demoPeople) {
    const login = name.split(' ')[0]?.toLowerCase().replace('ø', 'oe') ?? number
    pbx.addExtension(demoTenant, {
      number,
      name,
      email: `${login}@demo.example`,
      useragent: rng.pick(agents),
    })
    pbx.voicemail.addMailbox(demoTenant, {
      mailbox: number,
      fullname: name,
      email: `${login}@demo.example`,
      attach: number !== '212',
    })
  }
  // Someone is always out of the office.
  pbx.setRegistered(demoTenant, '212', false)
  for (const q of demoQueues) pbx.queues.add(demoTenant, { ...q, agents: [...q.agents] })
  pbx.addFlow(demoTenant, { number: '*901', name: 'Night mode', state: 'NOT_INUSE' })
  pbx.addFlow(demoTenant, { number: '*902', name: 'Lunch closed', state: 'NOT_INUSE' })
  pbx.phonebook.create(demoTenant, demoPhonebook)
  for (const [number, name, company] of demoCustomers.slice(0, 6)) {
    const email = `${name.split(' ')[0]?.toLowerCase() ?? 'info'}@${company.split(' ')[0]?.toLowerCase() ?? 'example'}.example`
    pbx.phonebook.add(demoTenant, demoPhonebook, { name, number, company, email })
  }
  pbx.chat.addRoom(demoTenant, { id: 'general', name: 'Alle', members: demoPeople.map(([n]) => n) })
  pbx.chat.addRoom(demoTenant, {
    id: 'support',
    name: 'Support',
    members: ['201', '206', '207', '208'],
  })
  seedVoicemail(pbx)
  seedHistory(pbx, rng)
  return keys
}

function seedVoicemail(pbx: PbxState): void {
  const now = pbx.clock.now()
  const [alice, bo, kirsten] = demoCustomers
  if (!alice || !bo || !kirsten) return
  pbx.voicemail.leave(demoTenant, '201', { number: kirsten[0] }, 14, {
    at: now - 26 * 3600_000,
    folder: 'Old',
  })
  pbx.voicemail.leave(demoTenant, '201', { number: alice[0], name: alice[1] }, 9, {
    at: now - 3 * 3600_000,
  })
  pbx.voicemail.leave(demoTenant, '201', { number: bo[0], name: bo[1] }, 6, {
    at: now - 40 * 60_000,
  })
}

/**
 * Yesterday's calls, so the history is not empty at start. These are written
 * straight into the CDR list: they are background, not calls the simulator made
 * (the ground-truth log starts when the simulation does).
 */
function seedHistory(pbx: PbxState, rng: Random): void {
  const data = pbx.mustTenant(demoTenant)
  const start = pbx.clock.now() - 20 * 3600_000
  for (let i = 0; i < 8; i++) {
    const [number, name] = rng.pick(demoCustomers)
    const at = start + i * 47 * 60_000
    const answered = rng.chance(0.75)
    const billsec = answered ? rng.int(20, 240) : 0
    const id = `${Math.floor(at / 1000)}.${i + 1}`
    const cdr: Cdr = {
      calldate: at,
      clid: `"${name}" <${number}>`,
      src: number,
      dst: demoOwnExtension,
      dcontext: 'from-trunk',
      channel: `SIP/trunk-${(i + 1).toString(16).padStart(8, '0')}`,
      dstchannel: `SIP/201-DEMO-${(i + 0x101).toString(16).padStart(8, '0')}`,
      lastapp: 'Dial',
      lastdata: 'SIP/201,30,tT',
      duration: billsec + rng.int(3, 15),
      billsec,
      disposition: answered ? 'ANSWERED' : 'NO ANSWER',
      uniqueid: id,
      linkedid: id,
      ...(answered && i % 2 === 0 ? { recordingSec: Math.min(billsec, 30) } : {}),
    }
    data.cdrs.push(cdr)
  }
}
