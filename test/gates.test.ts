import { describe, it, expect } from 'vitest'
import { defaultGate, gateFailures, verdictLines } from '../src/report/gates.ts'
import { galleryRows, galleryTests } from '../src/report/gallery.ts'
import { outcome, type CheckResult, type Report } from '../src/report/model.ts'
import { parseCommand } from '../src/cli/options.ts'
import { writers } from '../reporters/index.ts'
import { consoleSummary } from '../reporters/console.ts'
import { sampleReport } from './fixtures/report-sample.ts'

// Three verdicts over one run (Entra, Microsoft's gallery tests, the RFCs) and --gate, which
// picks the one that sets the exit code.

const fail = (id: string, verifies: string[], requirement?: string): CheckResult => ({
  id, area: id.split('.')[0]!, level: 'MUST', verifies, durationMs: 1, status: 'fail', message: `${id} failed`, evidence: { exchanges: [] }, fix: '', ...(requirement ? { requirement } : {}),
})
const pass = (id: string): CheckResult => ({ id, area: id.split('.')[0]!, level: 'MUST', verifies: [], durationMs: 1, status: 'pass' })

const report = (checks: CheckResult[], gate?: Report['gate']): Report => ({ ...sampleReport, checks, ...(gate ? { gate } : {}) })

describe('verdicts', () => {
  // An RFC-only failure, an Entra-only failure, and a check citing both whose failure names the RFC MUST.
  const checks = [
    fail('users.create.location-header', ['rfc7644:3.3:location-header']),
    fail('entra.gallery.duplicate-user-409', ['entra:2.1:duplicate-409']),
    fail('users.create.status-201', ['rfc7644:3.3:created-201', 'entra:2.1:create-201'], 'rfc7644:3.3:created-201'),
    pass('entra.test-connection.users'),
  ]

  it('sorts each failure under the requirement it breaks', () => {
    expect(gateFailures(report(checks), 'rfc').map((c) => c.id)).toEqual(['users.create.location-header', 'users.create.status-201'])
    expect(gateFailures(report(checks), 'entra').map((c) => c.id)).toEqual(['entra.gallery.duplicate-user-409'])
    expect(gateFailures(report(checks), 'gallery').map((c) => c.id)).toEqual(['entra.gallery.duplicate-user-409', 'users.create.status-201'])
    expect(gateFailures(report(checks), 'all')).toHaveLength(3)
  })

  it('lists Microsoft\'s 25 required validator tests by name, each from the checks behind it', () => {
    expect(galleryTests).toHaveLength(25)
    const rows = galleryRows(report(checks))
    expect(rows.find((r) => r.name === 'Create a duplicate User')?.status).toBe('fail')
    expect(rows.find((r) => r.name === 'Filter for a non-existing user')?.status).toBe('pass')
    expect(rows.find((r) => r.name === 'Update User userName')?.status).toBe('not applicable')
    // Every test is emulated by at least one check.
    expect(galleryTests.filter((t) => t.checks.length === 0).map((t) => t.name)).toEqual([])
    expect(rows.find((r) => r.name === 'Delete a Group')?.status).toBe('not applicable')
  })

  it('says in one line each whether Entra will work, how the gallery tests fare, and whether the RFCs hold', () => {
    const [entra, gallery, rfc] = verdictLines(report(checks))
    expect(entra).toMatchObject({ label: 'Entra', ok: false, text: expect.stringContaining('will fail at 1 step(s): entra.gallery.duplicate-user-409') })
    expect(gallery).toMatchObject({ label: 'Gallery', ok: false, text: expect.stringMatching(/^1 of 25 of Microsoft's required validator tests pass; 2 fail/) })
    expect(rfc).toMatchObject({ ok: false, text: expect.stringContaining('2 check(s) break an RFC MUST') })
    const clean = verdictLines(report([pass('entra.test-connection.users')]))
    expect(clean.map((v) => v.ok)).toEqual([true, true, true])
  })

  it('shows the three verdicts in every report', () => {
    const r = report(checks)
    for (const text of [writers.md(r), writers.html(r), writers.junit(r), consoleSummary(r, [])]) {
      expect(text).toContain('provisioning job will fail at 1 step(s)')
      expect(text).toContain('required validator tests pass')
      expect(text).toContain('break an RFC MUST')
    }
    expect(writers.md(r)).toContain('| Patch Group - Remove Member |')
    expect(writers.html(r)).toContain('<td>Update User userName</td><td>not applicable</td>')
  })
})

describe('--gate', () => {
  it('sets the exit code from the chosen verdict only', () => {
    const rfcOnly = [fail('users.create.location-header', ['rfc7644:3.3:location-header']), pass('entra.test-connection.users')]
    expect(outcome(report(rfcOnly, 'all')).exitCode).toBe(1)
    expect(outcome(report(rfcOnly, 'entra')).exitCode).toBe(0)
    expect(outcome(report(rfcOnly, 'gallery')).exitCode).toBe(0)
    expect(outcome(report(rfcOnly, 'rfc')).exitCode).toBe(1)
  })

  it('defaults to the verdict the profile is for: entra, or rfc for the rfc profile', () => {
    expect(defaultGate('entra')).toBe('entra')
    expect(defaultGate('entra-flag')).toBe('entra')
    expect(defaultGate('rfc')).toBe('rfc')
  })

  it('is parsed from the command line, and a wrong value is a usage error', () => {
    const command = parseCommand(['--url', 'https://scim.example.com/scim/v2', '--gate', 'entra'], { SCIM_CONFORM_TOKEN: 't' })
    expect(command.name === 'run' && command.options.gate).toBe('entra')
    expect(() => parseCommand(['--url', 'https://scim.example.com/scim/v2', '--gate', 'strict'], { SCIM_CONFORM_TOKEN: 't' })).toThrow(/--gate must be one of all, entra, gallery, rfc/)
  })
})
