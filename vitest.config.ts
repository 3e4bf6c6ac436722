import { defineConfig } from 'vitest/config'

// The project's own tests. The conformance run (src/run/run.ts) never reads this file.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
