/** What main tells the agent (issue 15, finding 9): said from a code, never main's English. */
export default {
  settings_not_saved: 'Your settings could not be saved; they apply until Switchboard quits.',
  settings_salvaged:
    'Some settings no longer pass Switchboard’s checks and were left out ({fields}); the file as it was is kept as {backup}.',
  settings_unreadable:
    'The settings file could not be read. It was kept as {backup} and Switchboard started with default settings.',
  secrets_memory_only:
    'No system keychain or encryption is available: passwords and keys are kept only until you quit.',
  dial_refused: 'Switchboard did not dial: {reason}',
  link_refused: 'Switchboard did not open the link: {reason}',
  no_dialer: 'There is no connected account to dial from.',
  calling: 'Calling {number}…',
  dial_failed: 'Dialling {number} failed: {reason}',
  shortcut_select_first: 'Select a phone number first, then press the shortcut.',
  shortcut_copy_first: 'Copy a phone number first, then press the shortcut.',
  shortcut_taken:
    'The dial shortcut {shortcut} could not be set up: another program may use it. Choose another in Settings.',
  window_keeps_crashing:
    'Switchboard’s window keeps crashing ({count} times in a minute) and was not reloaded again. Restart Switchboard; if it happens again, send “Copy diagnostics” to your helpdesk.',
  window_restarted: 'Switchboard’s window stopped responding and was restarted.',
  window_reloaded: 'Switchboard’s window crashed and was reloaded ({count} since start).',
  auto_launch_failed: 'Start when I sign in could not be changed.',
  update_after_call: 'Switchboard will restart to update when your call ends.',
  tray_hint: 'Switchboard keeps running in the tray: calls still pop up. Quit from the tray menu.',
}
