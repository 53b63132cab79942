/**
 * Day/night flows (seed 000: FLOWS, SETFLOW). FLOWS' columns are undocumented
 * (P10), so its rows are read by name.
 */
import type { Flow } from '../../../shared/model'
import { safeName } from '../../../shared/untrusted-text'
import { dialable } from './call-control'
import type { PbxCloudClient } from './client'
import type { Row } from './parse'
import { field } from './readers'

/** FLOWS rows: a number-like field, a name and `State` (`INUSE` = on, as SETFLOW documents). */
export function readFlows(rows: Row[], accountId: string): Flow[] {
  return rows
    .map((row) => ({ row, number: (field(row, 'number', 'id', 'exten') ?? '').trim() }))
    .filter(({ number }) => number !== '')
    .map(({ row, number }) => ({
      id: number,
      accountId,
      name: safeName(field(row, 'name', 'description') || number),
      active: (field(row, 'state', 'status') ?? '').trim().toUpperCase() === 'INUSE',
    }))
}

export async function listFlows(client: PbxCloudClient, accountId: string): Promise<Flow[]> {
  return readFlows(await client.rows('FLOWS', {}, []), accountId)
}

export async function switchFlow(
  client: PbxCloudClient,
  flowId: string,
  active: boolean,
): Promise<void> {
  await client.action('SETFLOW', {
    number: dialable(flowId),
    state: active ? 'INUSE' : 'NOT_INUSE',
  })
}
