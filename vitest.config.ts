import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

// The project's own tests. The conformance run (src/run/run.ts) never reads this file.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // At least two files at once, also on two cores: many files mostly wait (paced, slow and
    // throttling servers), and one file at a time left a core idle through those waits.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
})
