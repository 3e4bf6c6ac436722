import { describe, expect, it } from 'vitest'
import { baselineExitCode, baselineMarkOf, compareWithBaseline } from '../src/report/baseline.ts'
import type { CheckResult, Report } from '../src/report/model.ts'
import { sampleIdsByStatus, sampleReport } from './fixtures/report-sample.ts'

const failing = (check: CheckResult): CheckResult => ({
  id: check.id, area: check.area, level: check.level, verifies: check.verifies, durationMs: check.durationMs,
  status: 'fail', message: 'now broken', evidence: { exchanges: [] }, fix: 'sample fix',
})
const passing = (check: CheckResult): CheckResult => ({
  id: check.id, area: check.area, level: check.level, verifies: check.verifies, durationMs: check.durationMs, status: 'pass',
})
const withChecks = (checks: CheckResult[]): Report => ({ ...sampleReport, checks })

describe('compareWithBaseline', () => {
  it('exits 0 when nothing changed: every failure is a known failure', () => {
    const comparison = compareWithBaseline(sampleReport, sampleReport)
    expect(comparison).toEqual({ newFailures: [], fixed: [], knownFailures: sampleIdsByStatus('fail') })
    expect(baselineExitCode(comparison)).toBe(0)
  })

  it('exits 1 when a check that passed in the baseline fails now, and names it', () => {
    const regressed = withChecks(sampleReport.checks.map((c) => (c.id === 'users.get-by-id' ? failing(c) : c)))
    const comparison = compareWithBaseline(regressed, sampleReport)
    expect(comparison.newFailures).toEqual(['users.get-by-id'])
    expect(comparison.knownFailures).toEqual(sampleIdsByStatus('fail'))
    expect(baselineExitCode(comparison)).toBe(1)
    expect(baselineMarkOf(comparison, 'users.get-by-id')).toBe('new-failure')
  })

  it('reports a check that failed in the baseline and passes now as fixed, without gating', () => {
    const repaired = withChecks(sampleReport.checks.map((c) => (c.id === 'auth.no-token-401' ? passing(c) : c)))
    const comparison = compareWithBaseline(repaired, sampleReport)
    expect(comparison.fixed).toEqual(['auth.no-token-401'])
    expect(comparison.knownFailures).not.toContain('auth.no-token-401')
    expect(baselineExitCode(comparison)).toBe(0)
    expect(baselineMarkOf(comparison, 'auth.no-token-401')).toBe('fixed')
  })

  it('does not gate on a failing check absent from the baseline (a check a newer version added)', () => {
    const baseline = withChecks(sampleReport.checks.filter((c) => c.id !== 'users.create.status-201'))
    const comparison = compareWithBaseline(sampleReport, baseline)
    expect(comparison.newFailures).toEqual([])
    expect(comparison.knownFailures).toContain('users.create.status-201')
    expect(baselineExitCode(comparison)).toBe(0)
  })

  it('does not gate on a check that was skipped or warned before and fails now', () => {
    const now = withChecks(sampleReport.checks.map((c) => (c.id === 'auth.wrong-token-401' || c.id === 'security.timeout' ? failing(c) : c)))
    const comparison = compareWithBaseline(now, sampleReport)
    expect(comparison.newFailures).toEqual([])
    expect(comparison.knownFailures).toEqual(expect.arrayContaining(['auth.wrong-token-401', 'security.timeout']))
  })

  it('gates on a check that passed in the baseline and fails now', () => {
    const passed = sampleReport.checks.find((c) => c.status === 'pass')!
    const now = withChecks(sampleReport.checks.map((c) => (c.id === passed.id ? failing(c) : c)))
    const comparison = compareWithBaseline(now, sampleReport)
    expect(comparison.newFailures).toEqual([passed.id])
    expect(baselineExitCode(comparison)).toBe(1)
  })

  it('never gates on a warning, even one the baseline did not have', () => {
    const baseline = withChecks(sampleReport.checks.map((c) => (c.status === 'warn' ? passing(c) : c)))
    const comparison = compareWithBaseline(sampleReport, baseline)
    expect(comparison.newFailures).toEqual([])
    expect(baselineExitCode(comparison)).toBe(0)
  })

  it('marks nothing when no comparison was made', () => {
    expect(baselineMarkOf(undefined, 'auth.no-token-401')).toBeUndefined()
  })
})
