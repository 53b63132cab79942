/** The last gaps of the call flow (issue 15): dialling oneself, attended transfers. */
export default {
  ownNumber: '{number} is your own extension: call someone else’s number.',
  consultEnded: '{name} did not take the call: {caller} is still on hold with you.',
}
