/** An in-memory keytar with the real module's shape, for the secrets tests. */
import type { Keytar } from '../../src/main/secrets/keytar-backend'

export function fakeKeytar(): Keytar & { items: Map<string, string> } {
  const items = new Map<string, string>()
  const id = (service: string, account: string): string => `${service}\u0000${account}`
  return {
    items,
    getPassword: async (s, a) => items.get(id(s, a)) ?? null,
    setPassword: async (s, a, p) => void items.set(id(s, a), p),
    deletePassword: async (s, a) => items.delete(id(s, a)),
    findCredentials: async (s) =>
      [...items]
        .filter(([k]) => k.startsWith(`${s}\u0000`))
        .map(([k, password]) => ({ account: k.split('\u0000')[1]!, password })),
  }
}
