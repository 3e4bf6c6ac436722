import type { CheckResult, Report } from './model.ts'

// CI gating against an earlier run (issue 7 part 4): a server that is not yet fully
// compliant can gate on "nothing regressed" from day one.
//
// Decisions:
// - Only `fail` counts. A warning (failed SHOULD/MAY) never gates, as in exitCode().
// - Only a check that PASSED in the baseline and fails now gates (issue 7: "fails only on
//   checks that passed before and fail now"). A failing check the baseline never saw pass
//   (absent: a check a newer scim-conform added; skipped; warned) is not a regression: it
//   is listed with the known failures, so upgrading the tool never breaks a gate by itself.
// - Fixed: failed in the baseline and passes now. A baseline failure that is skipped,
//   warned or absent now is neither fixed nor known: nothing proves it either way.

export interface BaselineComparison {
  /** Fail now and passed in the baseline. These gate. */
  readonly newFailures: readonly string[]
  /** Failed in the baseline, pass now. */
  readonly fixed: readonly string[]
  /** Fail now and did not pass in the baseline (failed, absent, skipped, warned): they do not gate. */
  readonly knownFailures: readonly string[]
}

export function compareWithBaseline(report: Report, baseline: Report): BaselineComparison {
  const before = new Map<string, CheckResult['status']>(baseline.checks.map((c) => [c.id, c.status]))
  const newFailures: string[] = []
  const fixed: string[] = []
  const knownFailures: string[] = []
  for (const check of report.checks) {
    const previous = before.get(check.id)
    if (check.status === 'fail') (previous === 'pass' ? newFailures : knownFailures).push(check.id)
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
