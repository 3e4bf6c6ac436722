import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CheckResult, Report } from '../src/report/model.ts'
import { patchFaults } from './faults/patch.ts'
import { brokenIds, repoRoot, runAgainst, startServer, tempDir } from './helpers.ts'

// The same --seed replays the same PATCH requests and the same verdict: the shrunk
// counterexample (written with placeholders, so independent of the ids the server
// assigns) and fast-check's path are identical from run to run.

const failureOf = (report: Report, id: string): Extract<CheckResult, { message: string }> => {
  const result = report.checks.find((c) => c.id === id)
  if (result?.status !== 'fail') throw new Error(`${id} did not fail: ${result?.status}`)
  return result
}

describe('patch.user.generated against a server that ignores active', () => {
  const fault = patchFaults.find((f) => f.id === 'patch-ignores-active')!

  it('replays the same shrunk request, path and verdict with the same seed', async () => {
    const server = await startServer({ wrap: fault.wrap })
    try {
      const [first, second] = [await runAgainst(server, { only: 'patch.user.generated', seed: 7 }), await runAgainst(server, { only: 'patch.user.generated', seed: 7 })]
      const [a, b] = [failureOf(first, 'patch.user.generated'), failureOf(second, 'patch.user.generated')]
      expect(a.evidence.counterexample?.input).toContain('"path":"active"')
      expect(b.evidence.counterexample).toMatchObject({ input: a.evidence.counterexample?.input, path: a.evidence.counterexample?.path, seed: 7 })
      expect(b.evidence.counterexample?.curl).toMatch(/^curl -i -X /)
      expect(a.evidence.dialect).toBe('entra')
      expect(b.message.replace(/[0-9a-f-]{36}/g, '<id>')).toBe(a.message.replace(/[0-9a-f-]{36}/g, '<id>'))
    } finally {
      await server.close()
    }
  })
})

/** The entra profile in the aadOptscim062020 dialect: no built-in profile uses it. */
function flagProfile(): string {
  const file = path.join(tempDir('profile'), 'entra-flag.json')
  const entra = JSON.parse(readFileSync(path.join(repoRoot, 'profiles/entra.json'), 'utf8')) as Record<string, unknown>
  writeFileSync(file, JSON.stringify({ ...entra, $schema: undefined, name: 'entra-flag', dialect: 'entra-flag' }))
  return file
}

describe('the PATCH checks against the reference server', () => {
  // The rfc profile does not judge Entra's 204 recommendation for groups (RFC 7644 3.5.2 allows 200).
  it.each<[string, () => string, readonly string[]]>([
    ['rfc', () => 'rfc', ['patch.group.generated', 'patch.user.generated', 'patch.user.invalid-refused']],
    ['entra-flag', flagProfile, ['patch.group.generated', 'patch.group.status-204', 'patch.user.generated', 'patch.user.invalid-refused']],
  ])('pass with the %s dialect', async (_, profile, passing) => {
    const server = await startServer()
    try {
      const report = await runAgainst(server, { only: '*patch.*', profile: profile() })
      expect(brokenIds(report)).toEqual([])
      expect(report.checks.filter((c) => c.id.startsWith('patch.') && c.status === 'pass').map((c) => c.id).sort()).toEqual(passing)
    } finally {
      await server.close()
    }
  })
})
