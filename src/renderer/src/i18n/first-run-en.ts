/** First run (issue 15, finding 19): the demo office says what it is and how to leave it. */
export default {
  demoName: 'Demo office',
  banner: 'Demo office — simulated calls',
  bannerMore: 'Nothing here reaches a real phone.',
  connect: 'Connect your PBX',
  help: {
    pbxcloud:
      'The portal address is the one you sign in to. The tenant code and an API key are in the tenant’s settings in the portal; a full (not read-only) key lets Switchboard dial and pause.',
    restv1:
      'Create an API application (client credentials) in your PBX’s web portal: it shows the client id and the client secret. The extension id is only needed when the application serves several extensions.',
    jade: 'Use the jade server’s address and your own jade user name and password. A supervisor login is optional: it adds hanging up others’ calls, parked calls and queues.',
  },
}
