import { defineConfig } from 'vitest/config'

// The guard of the node project, alone, over the one leaking test.
export default defineConfig({
  test: {
    root: __dirname,
    environment: 'node',
    include: ['leaks.test.ts'],
    setupFiles: ['../no-stray-errors.ts'],
    dangerouslyIgnoreUnhandledErrors: true,
  },
})
