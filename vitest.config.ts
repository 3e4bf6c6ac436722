import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

// The project's own tests. The conformance run (src/run/run.ts) never reads this file.

/**
 * The longest files, and those that mostly wait (paced, slow and throttling servers), start
 * first: their waits then overlap the files that keep the cores busy, instead of ending the
 * run alone. The rest follow in vitest's own order (a clean clone has no timings for it).
 * Keep the list to files over half a minute.
 */
const START_FIRST = [
  // npm run test:quick's longest file (vitest.quick.config.ts); npm test does not include it.
  'test/quick/changed-faults.quick.ts',
  // Mostly waiting: about half a core between them.
  'test/transport/paced-profiles.test.ts', 'test/transport/hostile-servers.test.ts', 'test/transport/slow-server.test.ts',
  // npm installs and spawned CLIs.
  'test/cli.test.ts', 'test/load-artillery.test.ts', 'test/pack.test.ts', 'test/readme-commands.test.ts',
  'test/self-test/faults-1.test.ts', 'test/self-test/faults-2.test.ts', 'test/self-test/faults-3.test.ts', 'test/self-test/faults-4.test.ts',
  'test/lawful-variants/rfc.test.ts', 'test/lawful-variants/entra.test.ts', 'test/third-party.test.ts',
  'test/report-evidence.test.ts', 'test/safety/interrupt.test.ts', 'test/concurrency.test.ts', 'test/safety/cleanup-auth.test.ts',
]

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const at = START_FIRST.findIndex((name) => file.moduleId.endsWith(name))
      return at === -1 ? START_FIRST.length : at
    }
    return (await super.sort(files)).map((file, i) => ({ file, i })).sort((a, b) => rank(a.file) - rank(b.file) || a.i - b.i).map(({ file }) => file)
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Five files at once even on two cores: the three that start first mostly wait (paced, slow
    // and throttling servers, Retry-After, a tarpit) for five minutes, and with four at a time
    // one core sat idle through those waits.
    maxWorkers: Math.max(5, availableParallelism()),
    sequence: { sequencer: LongestFirst },
    // A test process makes dozens of conformance runs (a fault shard, the zoo): with V8's default
    // young generation their threads spent a fifth of their CPU in scavenges from the second run
    // on. 32 MB semi-spaces cut a run's CPU by that much there; a single CLI run measured the same
    // either way, so the CLI keeps V8's default.
    execArgv: ['--max-semi-space-size=32'],
    // Test files share their worker process and its modules: about thirty files run the suite
    // in-process, and each paid for a cold vitest instance and cold worker threads (3 s of CPU)
    // and for importing vite; sharing them cut the CPU of those files by two fifths. No test
    // mocks a module or changes process-wide state, and a run leaves the exit code alone.
    isolate: false,
    // The CLI the tests spawn, compiled once (test/cli-build.ts).
    globalSetup: ['./test/cli-build.ts'],
  },
})
