import type { CheckResult, Report } from './model.ts'

// CI gating against an earlier run (issue 7 part 4): a server that is not yet fully
// compliant can gate on "nothing regressed" from day one.
//
// Decisions:
// - Only `fail` counts. A warning (failed SHOULD/MAY) never gates, as in exitCode().
// - A check that fails now and was absent from the baseline is a NEW failure: the
//   baseline never accepted it, so a new check that the target fails breaks the gate.
//   Accept it deliberately by writing a new baseline (--write-baseline).
// - A check that was skipped or warned in the baseline and fails now is also new.
// - Fixed: failed in the baseline and passes now. A baseline failure that is skipped,
//   warned or absent now is neither fixed nor known: nothing proves it either way.

export interface BaselineComparison {
  /** Fail now; passed, warned, was skipped, or was absent in the baseline. These gate. */
  readonly newFailures: readonly string[]
  /** Failed in the baseline, pass now. */
  readonly fixed: readonly string[]
  /** Failed in the baseline and fail now: accepted, they do not gate. */
  readonly knownFailures: readonly string[]
}

export function compareWithBaseline(report: Report, baseline: Report): BaselineComparison {
  const before = new Map<string, CheckResult['status']>(baseline.checks.map((c) => [c.id, c.status]))
  const newFailures: string[] = []
  const fixed: string[] = []
  const knownFailures: string[] = []
  for (const check of report.checks) {
    const previous = before.get(check.id)
    if (check.status === 'fail') (previous === 'fail' ? knownFailures : newFailures).push(check.id)
    else if (check.status === 'pass' && previous === 'fail') fixed.push(check.id)
  }
  return { newFailures, fixed, knownFailures }
}

export const baselineExitCode = (comparison: BaselineComparison): 0 | 1 => (comparison.newFailures.length > 0 ? 1 : 0)

export type BaselineMark = 'new-failure' | 'fixed' | 'known-failure'

/** How a writer labels one check when a comparison is given. */
export function baselineMarkOf(comparison: BaselineComparison | undefined, checkId: string): BaselineMark | undefined {
  if (!comparison) return undefined
  if (comparison.newFailures.includes(checkId)) return 'new-failure'
  if (comparison.knownFailures.includes(checkId)) return 'known-failure'
  if (comparison.fixed.includes(checkId)) return 'fixed'
  return undefined
}
