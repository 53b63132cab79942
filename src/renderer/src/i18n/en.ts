export default {
  app: {
    name: 'Switchboard',
    navLabel: 'Sections',
    bridgeMissing: 'Switchboard cannot reach its core',
    bridgeMissingHelp:
      'The window opened without its connection to the main process. Restart Switchboard; if this keeps happening, reinstall it.',
  },
  nav: {
    presence: 'Presence',
    calls: 'Calls',
    voicemail: 'Voicemail',
    chat: 'Chat',
    history: 'History',
    contacts: 'Contacts',
    settings: 'Settings',
  },
  empty: {
    notConnectedTitle: 'Not connected to a PBX yet',
    presence:
      'Who is free, ringing or busy appears here once Switchboard is connected to your PBX.',
    calls:
      'Your live calls and parked calls appear here once Switchboard is connected to your PBX.',
    voicemail: 'Your voicemail appears here once Switchboard is connected to your PBX.',
    chat: 'Chat rooms appear here once Switchboard is connected to a PBX that offers chat.',
    history: 'Calls in and out appear here once Switchboard is connected to your PBX.',
    contacts: 'The PBX phone book appears here once Switchboard is connected to your PBX.',
  },
  settings: {
    title: 'Settings',
    accounts: 'Accounts',
    accountsLoading: 'Loading accounts…',
    accountsError: 'The accounts could not be loaded: {message}',
    noAccounts: 'No accounts are configured.',
    demoBadge: 'Demo',
    demoExplained:
      'No account is set up, so Switchboard uses its embedded demo PBX: a simulated office to try things on.',
    dialect: 'PBX type',
    extension: 'Extension',
    about: 'About',
    version: 'Version {version} ({shell})',
    retry: 'Try again',
  },
  dialect: {
    pbxcloud: 'PBXCloud (proxy API)',
    restv1: 'REST API ver1.0',
    jade: 'jade',
  },
  shell: {
    electron: 'desktop app',
    browser: 'browser bridge',
  },
}
