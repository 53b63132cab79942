import type en from './notices-en'

const da: typeof en = {
  settings_not_saved: 'Dine indstillinger kunne ikke gemmes; de gælder, indtil Switchboard lukkes.',
  settings_salvaged:
    'Nogle indstillinger består ikke længere Switchboards kontrol og blev udeladt ({fields}); filen, som den var, er gemt som {backup}.',
  settings_unreadable:
    'Indstillingsfilen kunne ikke læses. Den er gemt som {backup}, og Switchboard startede med standardindstillinger.',
  secrets_memory_only:
    'Der er ingen nøglering eller kryptering i systemet: adgangskoder og nøgler huskes kun, indtil du afslutter.',
  dial_refused: 'Switchboard ringede ikke op: {reason}',
  link_refused: 'Switchboard åbnede ikke linket: {reason}',
  no_dialer: 'Der er ingen forbundet konto at ringe fra.',
  calling: 'Ringer til {number}…',
  dial_failed: 'Opkaldet til {number} mislykkedes: {reason}',
  shortcut_select_first: 'Markér først et telefonnummer, og tryk så på genvejen.',
  shortcut_copy_first: 'Kopiér først et telefonnummer, og tryk så på genvejen.',
  shortcut_taken:
    'Genvejen {shortcut} kunne ikke sættes op: et andet program bruger den måske. Vælg en anden under Indstillinger.',
  window_keeps_crashing:
    'Switchboards vindue går ned igen og igen ({count} gange på et minut) og blev ikke genindlæst. Genstart Switchboard; sker det igen, så send “Kopiér diagnostik” til jeres helpdesk.',
  window_restarted: 'Switchboards vindue holdt op med at svare og blev genstartet.',
  window_reloaded: 'Switchboards vindue gik ned og blev genindlæst ({count} siden start).',
  auto_launch_failed: 'Start ved login kunne ikke ændres.',
  update_after_call: 'Switchboard genstarter for at opdatere, når dit opkald slutter.',
  tray_hint: 'Switchboard kører videre i bakken: opkald vises stadig. Afslut fra menuen i bakken.',
}
export default da
