import { requirements, type Requirement } from './index.ts'
import type { CheckResult, Coverage } from '../report/model.ts'

/** Observable catalogue requirements cited by at least one check that was judged (skipped and blocked checks cover nothing). */
export function coverageOf(checks: readonly CheckResult[]): Coverage {
  const cited = new Set(checks.filter((c) => c.status !== 'skip' && c.status !== 'blocked').flatMap((c) => c.verifies))
  const observable = (Object.entries(requirements) as [string, Requirement][])
    .filter(([, r]) => r.unobservable === undefined)
    .map(([id]) => id)
  const uncovered = observable.filter((id) => !cited.has(id))
  return { observable: observable.length, covered: observable.length - uncovered.length, uncovered }
}
