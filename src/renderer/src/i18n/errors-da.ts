import type en from './errors-en'
import colleagueCall from './colleague-call-da'

/** Errors in Danish; see errors-en.ts. */
const da: typeof en = {
  kind: {
    auth: 'Telefonsystemet afviste login. Tjek kontoen under Indstillinger.',
    network: 'Telefonsystemet kan ikke nås. Tjek netværksforbindelsen.',
    timeout: 'Telefonsystemet svarede ikke i tide. Prøv igen.',
    rate_limited: 'Telefonsystemet beder Switchboard om at sætte tempoet ned. Prøv igen om lidt.',
    unsupported: 'Dette telefonsystem tilbyder ikke det.',
    bad_response: 'Telefonsystemet sendte et svar, Switchboard ikke kan læse.',
    invalid_argument: 'Det blev ikke godtaget. Tjek det, du skrev.',
    not_found: 'Det findes ikke længere.',
    internal: 'Noget gik galt i Switchboard.',
  },
  code: {
    ...colleagueCall.errors.code,
    not_offered: 'Dette telefonsystem tilbyder ikke {feature}.',
    auth: { bad_credentials: 'Telefonsystemet afviste brugernavn, nøgle eller adgangskode.' },
    network: { unreachable: 'Telefonsystemet kan ikke nås. Tjek adressen og netværket.' },
    timeout: 'Telefonsystemet svarede ikke i tide. Prøv igen.',
    rate_limited: 'Telefonsystemet beder Switchboard vente {seconds} s, før der prøves igen.',
    bad_response: { unreadable: 'Telefonsystemet sendte et svar, Switchboard ikke kan læse.' },
    invalid_argument: {
      url_userinfo: 'Adressen må ikke indeholde brugernavn eller adgangskode.',
    },
    tls: {
      pin_mismatch: 'Serverens certifikat er ikke det, denne konto stoler på.',
    },
    dial: {
      unreadable: 'Nummeret kunne ikke læses.',
      not_a_link: 'Dette er ikke et telefonlink.',
      empty: 'Der blev ikke angivet noget nummer.',
      too_long: 'Teksten er længere end {max} tegn.',
      scheme: 'Kun telefonlinks (tel, callto, sip) kan ringes op.',
      query: 'Links med en forespørgselsdel godtages ikke.',
      encoding: 'Linket er beskadiget og kan ikke læses.',
      sip_host: 'SIP-adressen har ingen gyldig vært.',
      sip_password: 'SIP-links med en adgangskode godtages ikke.',
      sip_invalid: 'SIP-adressen er ikke gyldig.',
      sip_name: 'SIP-adressen er et navn, ikke et nummer.',
      control_chars: 'Nummeret indeholder kontroltegn.',
      invisible_chars: 'Nummeret indeholder usynlige tegn.',
      bad_chars: 'Kun cifrene 0–9, et indledende +, * og # kan ringes op.',
      too_many_digits: 'Nummeret har mere end {max} cifre.',
      e164_too_long: 'Et internationalt nummer har højst {max} cifre.',
      extension_twice: 'Lokalnummeret er angivet to gange.',
      extension_length: 'Lokalnummeret skal have 1 til {max} cifre.',
      context_twice: 'Telefonkonteksten er angivet to gange.',
      context_invalid: 'Telefonkonteksten er hverken et nummer eller et domænenavn.',
      parameter: 'Linket har en del, Switchboard ikke godtager.',
    },
    budget: {
      calls_first:
        'Switchboard holder lige nu sine forespørgsler til telefonsystemet fri til opkald. Prøv igen om {seconds} s.',
    },
    account: {
      not_connected: 'Denne konto er ikke forbundet.',
      not_found: 'Kontoen findes ikke længere.',
      no_secret_store: 'Konti kan ikke ændres her: der er intet sikkert sted til nøglen.',
      secret_needed: 'En ny konto skal have sin adgangskode, nøgle eller hemmelighed.',
      dialect_fixed: 'En konto kan ikke skifte type telefonsystem. Tilføj en ny konto i stedet.',
    },
    call: {
      ended: 'Opkaldet er afsluttet.',
      no_transfer: 'Opkaldet er ikke ved at blive viderestillet.',
    },
    voicemail: { gone: 'Beskeden findes ikke længere.' },
    parked: { gone: 'Opkaldet er ikke længere parkeret.' },
    screen_pop: {
      not_set: 'Der er ingen CRM-side. Tilføj dens adresse under Indstillinger.',
      invalid: 'CRM-sidens adresse kan ikke bruges. Tjek den under Indstillinger.',
      no_number: 'Opkaldet har intet nummer at slå op.',
    },
  },
  feature: {
    ...colleagueCall.errors.feature,
    contacts: 'en telefonbog',
    chat: 'chat',
    voicemail: 'telefonsvarer',
    history: 'en opkaldshistorik',
    hold: 'parkering på hold',
    park: 'parkering',
    pickup: 'at besvare fra appen',
    transfer: 'viderestilling',
    queues: 'køer',
    recordings: 'optagelser',
  },
}
export default da
