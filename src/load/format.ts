import type { LoadReport } from './run-load.ts'
import type { RateStep } from './rate-check.ts'
import type { LatencySummary } from './histogram.ts'

// The load report as the console shows it.

const ms = (l: LatencySummary): string => `p50 ${l.p50} ms, p95 ${l.p95} ms, p99 ${l.p99} ms, max ${l.max} ms`

function stepLines(step: RateStep): string[] {
  const t = step.tally
  return [
    `  ${step.targetRate}/s asked, ${step.achievedRate}/s achieved over ${(step.durationMs / 1000).toFixed(1)} s: ${t.requests} requests, ${t.errors} errors, ${t.throttled} answered 429${step.heldBack > 0 ? `, ${step.heldBack} held back by the in-flight cap` : ''}`,
    `    latency ${ms(t.latency)}`,
    ...t.operations.map((o) => `    ${o.operation.padEnd(14)} ${o.latency.count} requests, ${ms(o.latency)}${o.errors > 0 ? `, ${o.errors} errors` : ''}`),
    ...t.examples.map((e) => `    error: ${e}`),
  ]
}

export function formatLoadReport(report: LoadReport): string {
  const lines: string[] = []
  if (report.kind === 'rate') {
    lines.push(`load check: Entra's traffic mix at ${report.requirement} requests/s`, ...stepLines(report.step))
    lines.push(report.passed ? `PASS: sustained ${report.requirement}/s without errors or 429s` : `FAIL: ${report.requirement}/s was not sustained without errors or 429s`)
  } else if (report.kind === 'max') {
    lines.push('load check: the highest rate sustained without errors or 429s (--rate max)')
    for (const step of report.steps) lines.push(...stepLines(step).slice(0, 2).map((l, i) => (i === 0 ? `${l} ${step.sustained ? 'held' : 'NOT held'}` : l)))
    lines.push(report.best ? `highest sustained: ${report.best.targetRate}/s (${report.best.achievedRate}/s achieved)` : 'no rate was sustained')
    lines.push(report.passed ? `PASS: at or above Entra's ${report.requirement}/s` : `FAIL: below Entra's ${report.requirement}/s`)
  } else {
    const s = report.sync
    lines.push(`initial sync: ${s.usersCreated} users, ${s.groupsCreated} groups, ${s.membersAdded} memberships in ${(s.durationMs / 1000).toFixed(1)} s (${s.tally.requests} requests, ${s.tally.errors} errors, ${s.tally.throttled} answered 429)`)
    for (const p of s.phases) {
      lines.push(`  ${p.phase}: ${(p.durationMs / 1000).toFixed(1)} s; p50 per tenth as data grows: ${p.tenths.map((t) => t.p50).join(', ')} ms`)
    }
    lines.push(...s.tally.examples.map((e) => `  error: ${e}`))
    lines.push(report.passed ? 'PASS: every request answered as expected' : 'FAIL: some requests failed')
  }
  const c = report.cleanup
  lines.push(`cleanup: ${c.deleted} of ${c.created} created resource(s) deleted${c.leftover.length > 0 ? `; ${c.leftover.length} left (see the load journal in the report directory)` : ''}`)
  return lines.join('\n') + '\n'
}
