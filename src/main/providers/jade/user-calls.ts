/**
 * How jade places a call: to a USER, never to a number (PLATFORM-FACTS J2, seed
 * 004: `POST /v1/me/calls {"destination_type":"user","destination":"<uuid>"}`;
 * "user" is the only destination type jade's code accepts). jade then rings the
 * user's first device (me_handler.c, get_callable_contact_from_useruuid). jade
 * documents no transfer, so a call is never passed on to a user from here.
 */
import { AppError } from '../../../shared/result'
import type { JadeClient } from './client'
import type { Colleague } from './directory'

/**
 * Ring `colleague` from the agent's own phone. `by`: how the window named them,
 * for the words when jade does not know them (a user found by login is
 * forgotten at sign-in: searching again finds them).
 */
export async function callUser(
  client: JadeClient,
  colleague: Colleague | undefined,
  by: 'number' | 'contact' = 'number',
): Promise<{ callId?: string }> {
  if (!colleague && by === 'contact')
    throw new AppError('not_found', 'jade no longer lists that user; search again.', undefined, {
      code: 'contact.unknown',
    })
  if (!colleague) throw notCallable()
  await client.call('user', '/me/calls', {
    method: 'POST',
    body: { destination_type: 'user', destination: colleague.userId },
    what: 'the call',
  })
  return {}
}

function notCallable(): AppError {
  return new AppError(
    'unsupported',
    'This PBX (jade) can only call its users: the colleagues it lists and the users a search found; it cannot dial other numbers.',
    undefined,
    { code: 'not_offered', params: { feature: 'dial_number' } },
  )
}
