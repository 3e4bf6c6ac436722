import { it, expect } from 'vitest'
import { listChecks } from '../src/run/check-list.ts'
import { globToPattern } from '../src/run/selection.ts'
import { runAgainst, runCli, startServer, tempDir, TOKEN } from './helpers.ts'

// An --only run loads only the suite files that can hold a selected check (src/run/suite-index.ts),
// and judges exactly the checks that collecting every suite file says the selection matches.

it('loads only the matching suite files, runs the same checks as collecting every file selects, and keeps the bad-credential checks last', async () => {
  const only = 'users.create.*,auth.*,security.query-token.*'
  const server = await startServer()
  try {
    const report = await runAgainst(server, { only })
    // security.query-token.* is auth.suite.ts's, with every check that sends bad credentials.
    expect(report.selection).toEqual({ only, suites: ['auth', 'users'] })
    const pattern = new RegExp(globToPattern(only))
    const everySuite = (await listChecks('entra')).filter((c) => pattern.test(c.id)).map((c) => c.id).sort()
    const judged = report.checks.filter((c) => c.area !== 'schema')
    expect(judged.map((c) => c.id).sort()).toEqual(everySuite)
    // The bad-credential probes ran (in the last turn), and the reference server passes every check, as a full run finds.
    expect(everySuite).toEqual(expect.arrayContaining(['auth.no-token.401', 'security.query-token.reads', 'users.create.status-201']))
    expect(judged.filter((c) => c.status !== 'pass')).toEqual([])
    expect(server.snapshot()).toEqual({ Users: [], Groups: [] })
  } finally {
    await server.close()
  }
}, 300_000)

it('a selection only the main process judges (throughput.throttling) loads no suite file', async () => {
  const server = await startServer()
  try {
    const report = await runAgainst(server, { only: 'throughput.throttling' })
    expect(report.selection).toEqual({ only: 'throughput.throttling', suites: [] })
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([['throughput.throttling', 'pass']])
  } finally {
    await server.close()
  }
}, 120_000)

it('--only whose prefix names a file but no check in it still exits 2 with one line, before any request', async () => {
  let requests = 0
  const server = await startServer({ wrap: (handle) => (req) => (requests++, handle(req)) })
  try {
    const r = await runCli(['--url', server.url, '--only', 'users.create.no-such-check', '--report-dir', tempDir('only-none')], { env: { SCIM_CONFORM_TOKEN: TOKEN } })
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/--only 'users\.create\.no-such-check' matches no check of profile entra: ids start with .*users\./)])
    expect(requests).toBe(0)
  } finally {
    await server.close()
  }
}, 120_000)
