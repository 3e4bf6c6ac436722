import { verdictLines } from '../src/report/gates.ts'
import { galleryRows } from '../src/report/gallery.ts'
import { groupByArea } from '../src/report/areas.ts'
import { baselineExitCode, baselineMarkOf } from '../src/report/baseline.ts'
import type { BaselineComparison, BaselineMark } from '../src/report/baseline.ts'
import { countByStatus, outcome } from '../src/report/model.ts'
import type { CheckResult, Report, Verdict } from '../src/report/model.ts'
import { blockedGroups } from '../src/report/blocked-causes.ts'
import { ruleLink } from './html/rule-link.ts'
import { runFacts } from './run-facts.ts'

// report.md: a compact summary for $GITHUB_STEP_SUMMARY and pull-request comments.
// Evidence stays in report.html; this says what failed, why, and under which rule.

type Failed = Extract<CheckResult, { status: 'fail' | 'warn' }>

// Text from the target or the run goes into table cells and list items: keep it on
// one line, and stop it from opening HTML, links or table columns.
function inline(text: string): string {
  const line = text.split('\n')[0] ?? ''
  // eslint-disable-next-line no-control-regex
  return line.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`)
}

const code = (id: string): string => '`' + id.replace(/`/g, "'") + '`'

function rules(ids: readonly string[]): string {
  if (!ids.length) return '—'
  return ids.map((id) => {
    const link = ruleLink(id)
    return link.href ? `[${link.label}](${link.href})` : inline(link.label)
  }).join(', ')
}

const markText: Record<BaselineMark, string> = { 'new-failure': ' **(new)**', 'known-failure': ' (known)', fixed: ' (fixed)' }

const mark = (comparison: BaselineComparison | undefined, id: string): string => {
  const m = baselineMarkOf(comparison, id)
  return m ? markText[m] : ''
}

function checkList(checks: readonly Failed[], comparison: BaselineComparison | undefined): string[] {
  return checks.map((c) => `- ${code(c.id)}${mark(comparison, c.id)} (${c.level}, ${c.requirement ? `breaks ${rules([c.requirement])}` : rules(c.verifies)}): ${inline(c.message)}${c.fix ? `<br>**Fix:** ${inline(c.fix)}` : ''}`)
}

const badge: Record<Verdict, string> = { pass: '✅', fail: '❌', partial: '◐', interrupted: '⏹' }

export function markdown(report: Report, comparison?: BaselineComparison): string {
  const counts = countByStatus(report.checks)
  const { verdict, label } = outcome(report)
  const lines: string[] = [
    `## scim-conform: ${badge[verdict]} ${label}`,
    '',
    `**${counts.fail} failed**, ${counts.warn} warnings, ${counts.blocked} blocked, ${counts.pass} passed, ${counts.skip} skipped of ${report.checks.length} checks against ${code(report.target.baseUrl)} (profile ${code(report.profile)}, dialect ${report.dialect}, ${report.tool.name} ${report.tool.version}).`,
  ]
  lines.push('', ...verdictLines(report).map((v) => `- ${v.ok ? '✅' : '❌'} **${v.label}:** ${inline(v.text)}`))
  if (report.gate) lines.push('', `The exit code follows the ${report.gate} verdict (--gate ${report.gate}).`)
  lines.push('', `**Run:** ${runFacts(report).map((f) => `${f.label}: ${inline(f.value)}`).join(' · ')}`)
  const warnings = report.transport?.warnings ?? []
  if (warnings.length) lines.push('', '**Transport warnings:**', '', ...warnings.map((w) => `- ⚠️ ${inline(w)}`))
  if (report.interrupted) lines.push('', '> **The run was interrupted**: not every check ran, so this is no verdict on the server.')
  if (report.selection) lines.push('', '> **Partial run**: only the selected checks ran, so this is no verdict on the whole suite.')
  if (comparison) {
    const gate = baselineExitCode(comparison) === 0 ? 'no regression' : `${comparison.newFailures.length} new failure(s)`
    lines.push('', `**Baseline:** ${gate}; ${comparison.knownFailures.length} known failure(s), ${comparison.fixed.length} fixed.`)
    if (comparison.fixed.length) lines.push('', `Fixed: ${comparison.fixed.map(code).join(', ')}`)
  }
  lines.push('', '| Area | Pass | Fail | Warn | Blocked | Skip |', '| --- | ---: | ---: | ---: | ---: | ---: |')
  for (const { area, checks } of groupByArea(report.checks)) {
    const c = countByStatus(checks)
    lines.push(`| ${inline(area)} | ${c.pass} | ${c.fail} | ${c.warn} | ${c.blocked} | ${c.skip} |`)
  }
  lines.push('', "### Microsoft's gallery validator, test by test", '', '| Test | Result | Checks |', '| --- | --- | --- |')
  for (const row of galleryRows(report)) lines.push(`| ${inline(row.name)} | ${row.status} | ${row.checks.map(code).join(', ') || 'no check sends it yet'} |`)
  const failed = report.checks.filter((c): c is Failed => c.status === 'fail')
  const warned = report.checks.filter((c): c is Failed => c.status === 'warn')
  if (failed.length) lines.push('', '### Failed checks', '', ...checkList(failed, comparison))
  if (warned.length) lines.push('', '### Warnings (do not fail the run)', '', ...checkList(warned, comparison))
  const blocked = blockedGroups(report.checks)
  if (blocked.length) {
    lines.push('', '### Blocked (set-up failed: not judged)', '')
    for (const group of blocked) lines.push(`- blocked by ${inline(group.label)}: ${group.checkIds.map(code).join(', ')}`)
  }
  const { observable, covered } = report.coverage
  const recorded = report.checks.some((c) => (c.status === 'pass' || c.status === 'skip' || c.status === 'blocked') && c.exchanges !== undefined)
  const percent = observable ? Math.round((covered / observable) * 100) : 0
  lines.push(
    '',
    `Coverage: ${covered} of ${observable} observable requirements (${percent}%). Seed: ${code(String(report.seed))}. Evidence and curl commands: report.html${recorded ? ', which also holds the exchanges of the checks that did not fail (--record all)' : ''}.`,
    '',
  )
  return lines.join('\n')
}

/** report.md when the run stopped with exit 3 (unreachable, credentials refused, not SCIM): the step summary says why. */
export function markdownStopped(baseUrl: string, reason: string): string {
  return [
    '## scim-conform: ⛔ NO VERDICT',
    '',
    `The run against ${code(baseUrl)} stopped before a verdict (exit 3): ${inline(reason)}`,
    '',
  ].join('\n')
}
