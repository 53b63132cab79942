// Run only by tests/unit/no-stray-errors.test.ts (outside every project's include):
// it leaks a rejection, and the guard must fail it.
import { it } from 'vitest'

it('leaks a rejection nobody handles', async () => {
  void Promise.reject(new Error('leaked on purpose'))
  await new Promise<void>((resolve) => setTimeout(resolve, 10))
})
