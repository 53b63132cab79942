/**
 * Grows the demo office to `size` extensions. Entries are copied from a colleague's
 * and put straight into the tenant: `PbxState.addExtension` announces each one to
 * every face watching the PBX, which makes thousands of them slow to add (the jade
 * face's watcher rescans the office per event), and nothing is connected yet anyway.
 */
import type { TestingCore } from '../../src/main/core/app/testing'
import type { PbxState } from '@switchboard/demo-pbx/testing'

export function growOffice(state: PbxState, size: number, tenantCode = 'DEMO'): string[] {
  const tenant = state.mustTenant(tenantCode)
  const template = tenant.extensions.get('202') ?? [...tenant.extensions.values()][0]
  if (!template) throw new Error('the demo office has no extension to copy')
  const added: string[] = []
  for (let i = tenant.extensions.size; i < size; i++) {
    const number = String(1000 + i)
    tenant.extensions.set(number, {
      ...template,
      number,
      name: `Colleague ${number}`,
      username: `${number}-${tenant.tenant.code}`,
      sipPassword: state.token(`sip:${tenantCode}:${number}`, 12),
      host: `10.${20 + Math.floor(i / 65_000)}.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`,
      registered: true,
      dnd: false,
    })
    added.push(number)
  }
  return added
}

/** Grows a running core's demo office and signs its sessions in again to read it. */
export async function growAppOffice(core: TestingCore, size: number): Promise<void> {
  if (!core.demo) throw new Error('the core runs no demo PBX')
  growOffice(core.demo.state, size)
  for (const session of core.sessions.sessions()) await core.sessions.restart(session.accountId)
}
