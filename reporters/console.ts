import { verdictLines } from '../src/report/gates.ts'
import { countByStatus, outcome, type CheckResult, type Report } from '../src/report/model.ts'
import { selectionText } from './run-facts.ts'
import { baselineMarkOf, type BaselineComparison } from '../src/report/baseline.ts'
import { rootCauses } from '../src/report/root-causes.ts'

// The summary printed at the end of a run: counts per area, each failure with its
// rule and one-line reason, warnings, the root causes in the order to fix them (with
// the checks each blocked), the report paths and the seed to replay.

export function consoleSummary(report: Report, reportPaths: readonly string[], comparison?: BaselineComparison): string {
  const lines: string[] = ['']
  const areas = [...new Set(report.checks.map((c) => c.area))]
  for (const area of areas) {
    const counts = countByStatus(report.checks.filter((c) => c.area === area))
    lines.push(`  ${area.padEnd(18)} ${counts.pass} passed, ${counts.fail} failed, ${counts.warn} warnings, ${counts.blocked ? `${counts.blocked} blocked, ` : ''}${counts.skip} skipped`)
  }
  const failures = report.checks.filter((c): c is Extract<CheckResult, { status: 'fail' | 'warn' }> => c.status === 'fail' || c.status === 'warn')
  if (failures.length > 0) lines.push('')
  for (const f of failures) {
    const mark = baselineMarkOf(comparison, f.id)
    lines.push(`  ${f.status === 'fail' ? 'FAIL' : 'WARN'} ${f.id} [${f.level}; ${f.requirement ? `breaks ${f.requirement}` : f.verifies.join(', ')}]${mark ? ` (${mark})` : ''}`)
    lines.push(`       ${f.message}`)
    if (f.fix) lines.push(`       fix: ${f.fix}`)
  }
  const causes = rootCauses(report.checks)
  if (causes.length > 0) lines.push('', 'What to fix first (each cause once, most checks fixed or unblocked first):')
  causes.forEach((cause, i) => {
    const counts = [cause.checkIds.length ? `${cause.checkIds.length} ${cause.status === 'warn' ? 'warned' : 'failed'}` : '', cause.blockedIds.length ? `${cause.blockedIds.length} blocked` : ''].filter(Boolean).join(', ')
    lines.push(`  ${i + 1}. ${cause.heading} (${counts})`)
    if (cause.checkIds.length) lines.push(`       checks: ${cause.checkIds.join(', ')}`)
    // Blocked checks were not judged: their set-up needed what this cause breaks.
    if (cause.blockedIds.length) lines.push(`       blocked, not judged: ${cause.blockedIds.join(', ')}`)
  })
  const totals = countByStatus(report.checks)
  lines.push('')
  lines.push(`${outcome(report).label}: ${report.checks.length} checks, ${totals.pass} passed, ${totals.fail} failed, ${totals.warn} warnings, ${totals.blocked} blocked, ${totals.skip} skipped in ${(report.durationMs / 1000).toFixed(1)}s (profile ${report.profile}, seed ${report.seed})`)
  for (const v of verdictLines(report)) lines.push(`${v.label.toLowerCase()}: ${v.text}`)
  if (report.gate) lines.push(`gate: the exit code follows the ${report.gate} verdict`)
  if (report.interrupted) lines.push('interrupted: the run stopped before every check ran; no verdict')
  if (report.caveat) lines.push(`caveat: ${report.caveat}`)
  if (report.selection) lines.push(`selection: ${selectionText(report.selection)}: a partial run, not a verdict on the whole suite`)
  if (comparison) {
    lines.push(`baseline: ${comparison.newFailures.length} new failure(s), ${comparison.knownFailures.length} known, ${comparison.fixed.length} fixed${comparison.newFailures.length > 0 ? `: ${comparison.newFailures.join(', ')}` : ''}`)
  }
  lines.push(`coverage: ${report.coverage.covered} of ${report.coverage.observable} observable requirements`)
  if (report.cleanup.leftover.length > 0) {
    lines.push(`cleanup: ${report.cleanup.leftover.length} resource(s) could not be deleted: ${report.cleanup.leftover.map((l) => `${l.kind} ${l.id} (${l.reason})`).join('; ')}`)
  } else {
    lines.push(`cleanup: all ${report.cleanup.created} resource(s) the run created were deleted`)
  }
  if (reportPaths.length > 0) lines.push(`reports: ${reportPaths.join(', ')}`)
  lines.push(`replay: --seed ${report.seed}`)
  return lines.join('\n')
}

/** --quiet: the verdict line and where the reports are, nothing else. */
export function quietSummary(report: Report, reportPaths: readonly string[]): string {
  const totals = countByStatus(report.checks)
  return `${outcome(report).label}: ${totals.pass} passed, ${totals.fail} failed, ${totals.warn} warnings, ${totals.blocked} blocked, ${totals.skip} skipped; reports: ${reportPaths.join(', ')}`
}
