import { defineConfig, mergeConfig } from 'vitest/config'
import base from './vitest.config.ts'

// npm run test:quick: the unit tests, the suite against the reference server, and the faults
// the working change touches (test/quick/changed-faults.quick.ts), in under a minute.
// The files below start full runs, slow or paced servers, Chromium or npm; npm test runs them.
// No type check either: `npm run typecheck` (npm test runs it first).
const slow = [
  'test/self-test.test.ts', 'test/self-test/**', 'test/lawful-variants/**', 'test/typecheck.test.ts', 'test/cli.test.ts', 'test/fault-coverage.test.ts', 'test/fixes.test.ts',
  'test/third-party.test.ts', 'test/readme-commands.test.ts', 'test/profiles-run.test.ts', 'test/pack.test.ts', 'test/suite-index.test.ts',
  'test/load.test.ts', 'test/load-artillery.test.ts', 'test/report-evidence.test.ts', 'test/patch-replay.test.ts', 'test/concurrency.test.ts',
  'test/only-selection.test.ts', 'test/record-all.test.ts', 'test/report-html-first-screens.test.ts', 'test/filters-replay.test.ts',
  'test/optional-features.test.ts', 'test/transport/**', 'test/safety/**',
]

const quick = mergeConfig(base, defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/quick/*.quick.ts'],
    exclude: ['**/node_modules/**', ...slow],
  },
}))
// None of these files spawns the CLI, so none needs it compiled (test/cli-build.ts).
quick.test!.globalSetup = []

export default quick
