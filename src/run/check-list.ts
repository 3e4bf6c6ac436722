import { loadProfile } from '../profile.ts'
import type { CheckMeta, RunConfig } from '../kit/run-config.ts'
import { areaOf, type Area } from './suite-index.ts'
import { collectChecks, runnerShape, type RunnerShape } from './suite-runner.ts'

// Every check a run with this profile would register, without sending a request:
// vitest collects the suites (imports them, runs no test).

export interface ListedCheck extends CheckMeta {
  readonly area: string
}

/** How the commands that only list checks (checks, explain) collect: as a default run would. */
const LISTING_SHAPE = runnerShape(8, Number.POSITIVE_INFINITY)

/**
 * `areas`: collect only these suite files (src/run/suite-index.ts); absent, every one.
 * `shape`: the shape of the run that follows, if one does (src/run/selection.ts), so that it
 * reuses the vitest instance and threads this listing started.
 */
export async function listChecks(profileName: string, areas?: readonly Area[], shape: RunnerShape = LISTING_SHAPE): Promise<ListedCheck[]> {
  const profile = loadProfile(profileName)
  // Collecting runs no check body, so no request is ever sent with this configuration:
  // only what suites read while registering checks (profile, dialect) must be real.
  const collectOnly: Partial<RunConfig> = {
    baseUrl: 'http://127.0.0.1:9/scim/v2', headers: {}, profile, dialect: profile.dialect,
    seed: 0, runs: 1, timeoutMs: 1000, connectionsPerWorker: 1, journalPath: '', prefix: 'scimconf-list-', readOnly: false,
  }
  const modules = await collectChecks(shape, collectOnly as RunConfig, areas ?? 'all')
  return modules.flatMap((module) => {
    const area = areaOf(module.moduleId)
    return [...module.children.allTests()].flatMap((test) => {
      const check = test.meta().check
      return check ? [{ ...check, area }] : []
    })
  })
}
