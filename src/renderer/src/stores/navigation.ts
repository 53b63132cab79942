import { defineStore } from 'pinia'
import { ref } from 'vue'

export const screens = [
  'presence',
  'calls',
  'queues',
  'voicemail',
  'chat',
  'history',
  'contacts',
  'settings',
] as const
export type Screen = (typeof screens)[number]

export const useNavigationStore = defineStore('navigation', () => {
  const current = ref<Screen>('presence')
  /** What the contacts screen searches for when it opens (e.g. a caller's number). */
  const contactsQuery = ref('')
  function go(screen: Screen): void {
    current.value = screen
  }
  function openContact(number: string): void {
    contactsQuery.value = number
    current.value = 'contacts'
  }
  /** Bumped to open the command palette from a button (the keyboard has Ctrl/Cmd+K). */
  const paletteRequests = ref(0)
  function openPalette(): void {
    paletteRequests.value++
  }
  /** The account whose form Settings should open (e.g. "Review certificate"). */
  const accountToEdit = ref<string | null>(null)
  function editAccount(accountId: string): void {
    accountToEdit.value = accountId
    current.value = 'settings'
  }
  /** "Connect your PBX": Settings opens with a new account form (taken once by the screen). */
  const addAccountRequested = ref(false)
  function addAccount(): void {
    addAccountRequested.value = true
    current.value = 'settings'
  }
  // Each request is taken once by the screen it is for; the store clears its own state.
  function takeContactsQuery(): string {
    const number = contactsQuery.value
    contactsQuery.value = ''
    return number
  }
  function takeAccountToEdit(): string | null {
    const accountId = accountToEdit.value
    accountToEdit.value = null
    return accountId
  }
  function takeAddAccount(): boolean {
    const wanted = addAccountRequested.value
    addAccountRequested.value = false
    return wanted
  }
  return {
    takeContactsQuery,
    takeAccountToEdit,
    takeAddAccount,
    current,
    go,
    contactsQuery,
    openContact,
    paletteRequests,
    openPalette,
    accountToEdit,
    editAccount,
    addAccountRequested,
    addAccount,
  }
})
