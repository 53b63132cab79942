/**
 * Errors in words (issue 15, finding 9): `kind` is the fallback for any error,
 * `code` the words for a known code from main (result.ts), `feature` what a
 * `not_offered` error names. Kept apart from en.ts so each block has one owner.
 */
import colleagueCall from './colleague-call-en'

export default {
  kind: {
    auth: 'The PBX refused the sign-in. Check the account in Settings.',
    network: 'The PBX cannot be reached. Check the network connection.',
    timeout: 'The PBX did not answer in time. Try again.',
    rate_limited: 'The PBX asks Switchboard to slow down. Try again in a moment.',
    unsupported: 'This PBX does not offer that.',
    bad_response: 'The PBX sent an answer Switchboard cannot read.',
    invalid_argument: 'That was not accepted. Check what you entered.',
    not_found: 'That is no longer there.',
    internal: 'Something went wrong inside Switchboard.',
  },
  code: {
    ...colleagueCall.errors.code,
    not_offered: 'This PBX does not offer {feature}.',
    auth: { bad_credentials: 'The PBX refused the user name, key or password.' },
    network: { unreachable: 'The PBX cannot be reached. Check its address and the network.' },
    timeout: 'The PBX did not answer in time. Try again.',
    rate_limited: 'The PBX asks Switchboard to wait {seconds} s before trying again.',
    bad_response: { unreadable: 'The PBX sent an answer Switchboard cannot read.' },
    invalid_argument: {
      url_userinfo: 'The address must not contain a user name or password.',
    },
    tls: {
      pin_mismatch: 'The server’s certificate is not the one this account trusts.',
    },
    dial: {
      unreadable: 'The number could not be read.',
      not_a_link: 'This is not a phone link.',
      empty: 'No number was given.',
      too_long: 'The input is longer than {max} characters.',
      scheme: 'Only phone links (tel, callto, sip) can be dialled.',
      query: 'Links with a query part are not accepted.',
      encoding: 'The link is damaged and cannot be read.',
      sip_host: 'The SIP address has no valid host.',
      sip_password: 'SIP links carrying a password are not accepted.',
      sip_invalid: 'The SIP address is not valid.',
      sip_name: 'The SIP address is a name, not a number.',
      control_chars: 'The number contains control characters.',
      invisible_chars: 'The number contains invisible characters.',
      bad_chars: 'Only the digits 0–9, a leading +, * and # can be dialled.',
      too_many_digits: 'The number has more than {max} digits.',
      e164_too_long: 'An international number has at most {max} digits.',
      extension_twice: 'The extension is given twice.',
      extension_length: 'The extension must be 1 to {max} digits.',
      context_twice: 'The phone context is given twice.',
      context_invalid: 'The phone context is neither a number nor a domain name.',
      parameter: 'The link carries a part Switchboard does not accept.',
    },
    budget: {
      calls_first:
        'Switchboard is keeping its requests to the PBX for calls just now. Try again in {seconds} s.',
    },
    account: {
      not_connected: 'This account is not connected.',
      not_found: 'That account no longer exists.',
      no_secret_store: 'Accounts cannot be changed here: there is no safe place for the key.',
      secret_needed: 'A new account needs its password, key or secret.',
      dialect_fixed: 'An account cannot change its PBX type. Add a new account instead.',
    },
    call: {
      ended: 'That call has ended.',
      no_transfer: 'That call is not being transferred.',
    },
    voicemail: { gone: 'That voicemail is no longer there.' },
    parked: { gone: 'That call is no longer parked.' },
    screen_pop: {
      not_set: 'No CRM page is set up. Add its address in Settings.',
      invalid: 'The CRM page address is not usable. Check it in Settings.',
      no_number: 'This call has no number to look up.',
    },
  },
  feature: {
    ...colleagueCall.errors.feature,
    contacts: 'a phone book',
    chat: 'chat',
    voicemail: 'voicemail',
    history: 'a call history',
    hold: 'hold',
    park: 'parking',
    pickup: 'answering from the app',
    transfer: 'transfers',
    queues: 'queues',
    recordings: 'recordings',
  },
}
