import type en from './queue-alert-en'

const da: typeof en = {
  waiting: '{count} venter',
  waitingLongest: '{count} venter, længst {wait}',
  longest: 'Længste ventetid {wait}',
  pauseAll: 'Pause i alle køer',
  resumeAll: 'Genoptag alle køer',
  pauseAllReason: 'Årsag for alle (valgfri)',
  pausedAll: 'Pause i {count} køer.',
  resumedAll: 'Tager opkald igen i {count} køer.',
  someFailed: '{name}: {message}',
}
export default da
