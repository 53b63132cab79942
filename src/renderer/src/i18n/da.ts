import type { MessageSchema } from './index'

const da: MessageSchema = {
  app: {
    name: 'Switchboard',
    navLabel: 'Sektioner',
    bridgeMissing: 'Switchboard kan ikke nå sin kerne',
    bridgeMissingHelp:
      'Vinduet åbnede uden forbindelse til hovedprocessen. Genstart Switchboard; sker det igen, så geninstaller programmet.',
  },
  nav: {
    presence: 'Tilstedeværelse',
    calls: 'Opkald',
    voicemail: 'Telefonsvarer',
    chat: 'Chat',
    history: 'Historik',
    contacts: 'Kontakter',
    settings: 'Indstillinger',
  },
  empty: {
    notConnectedTitle: 'Endnu ikke forbundet til en PBX',
    presence:
      'Hvem der er ledig, ringer eller er optaget, vises her, når Switchboard er forbundet til din PBX.',
    calls: 'Dine aktive og parkerede opkald vises her, når Switchboard er forbundet til din PBX.',
    voicemail: 'Dine telefonsvarerbeskeder vises her, når Switchboard er forbundet til din PBX.',
    chat: 'Chatrum vises her, når Switchboard er forbundet til en PBX med chat.',
    history: 'Ind- og udgående opkald vises her, når Switchboard er forbundet til din PBX.',
    contacts: 'PBX-telefonbogen vises her, når Switchboard er forbundet til din PBX.',
  },
  settings: {
    title: 'Indstillinger',
    accounts: 'Konti',
    accountsLoading: 'Indlæser konti…',
    accountsError: 'Kontiene kunne ikke indlæses: {message}',
    noAccounts: 'Der er ingen konti.',
    demoBadge: 'Demo',
    demoExplained:
      'Der er ingen konto, så Switchboard bruger sin indbyggede demo-PBX: et simuleret kontor at prøve tingene af på.',
    dialect: 'PBX-type',
    extension: 'Lokalnummer',
    about: 'Om',
    version: 'Version {version} ({shell})',
    retry: 'Prøv igen',
  },
  dialect: {
    pbxcloud: 'PBXCloud (proxy-API)',
    restv1: 'REST API ver1.0',
    jade: 'jade',
  },
  shell: {
    electron: 'skrivebordsprogram',
    browser: 'browserbro',
  },
}

export default da
