/** Queues that alert (issue 15, finding 14). */
export default {
  waiting: '{count} waiting',
  waitingLongest: '{count} waiting, longest {wait}',
  longest: 'Longest wait {wait}',
  pauseAll: 'Pause all queues',
  resumeAll: 'Resume all queues',
  pauseAllReason: 'Reason for all (optional)',
  pausedAll: 'Paused in {count} queues.',
  resumedAll: 'Taking calls again in {count} queues.',
  someFailed: '{name}: {message}',
}
