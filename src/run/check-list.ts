import { createVitest } from 'vitest/node'
import { loadProfile } from '../profile.ts'
import { suitesDir, packageRoot } from '../paths.ts'
import type { CheckMeta, RunConfig } from '../kit/run-config.ts'
import { areaOf, suiteGlobs } from './suite-index.ts'

// Every check a run with this profile would register, without sending a request:
// vitest collects the suites (imports them, runs no test).

export interface ListedCheck extends CheckMeta {
  readonly area: string
}

/** `areas`: collect only these suite files (src/run/suite-index.ts); absent, every one. */
export async function listChecks(profileName: string, areas?: readonly string[]): Promise<ListedCheck[]> {
  const profile = loadProfile(profileName)
  // Collecting runs no check body, so no request is ever sent with this configuration:
  // only what suites read while registering checks (profile, dialect) must be real.
  const collectOnly: Partial<RunConfig> = {
    baseUrl: 'http://127.0.0.1:9/scim/v2', headers: {}, profile, dialect: profile.dialect,
    seed: 0, runs: 1, timeoutMs: 1000, connectionsPerWorker: 1, journalPath: '', prefix: 'scimconf-list-', readOnly: false,
  }
  const run = collectOnly as RunConfig
  const vitest = await createVitest('test', {
    config: false, root: packageRoot, dir: suitesDir, include: areas === undefined ? ['**/*.suite.{ts,js}'] : suiteGlobs(areas), exclude: [], watch: false,
    provide: { run }, reporters: [], passWithNoTests: true, pool: 'threads',
    // Collecting only imports: files share a worker's modules, as in a run (src/run/run.ts).
    isolate: false,
  })
  try {
    const { testModules } = await vitest.collect()
    return testModules.flatMap((module) => {
      const area = areaOf(module.moduleId)
      return [...module.children.allTests()].flatMap((test) => {
        const check = test.meta().check
        return check ? [{ ...check, area }] : []
      })
    })
  } finally {
    await vitest.close()
  }
}
