import { it, expect, onTestFinished } from 'vitest'
import { setTimeout as sleep } from 'node:timers/promises'
import { runAgainst, runCli, startServer, tempDir, TOKEN, writtenVerdicts, everyReportSays } from '../helpers.ts'

// --run-timeout stops the whole run: pending checks are cancelled, running ones send
// no further request but DELETEs, the report says the run was interrupted and why, and what the run created is deleted.
// Every response is slowed by 150 ms, so the ~1,700-request suite needs well over
// 30 s at concurrency 8 on any machine and the 6 s limit always cuts it short.

it('--run-timeout cancels the run and still cleans up; after it, checks send nothing but DELETEs', async () => {
  const arrivals: { at: number; method: string; sweep: boolean }[] = []
  const server = await startServer({
    wrap: (handle) => async (req) => {
      // The main process's sweep searches for the run's strays by name prefix after the deadline: that GET is cleanup too.
      arrivals.push({ at: Date.now(), method: req.method, sweep: / sw "scimconf-/.test(req.query.get('filter') ?? '') })
      await sleep(150)
      return handle(req)
    },
  })
  onTestFinished(() => server.close())
  const started = Date.now()
  const report = await runAgainst(server, { runTimeoutMs: 6_000 })
  expect(Date.now() - started).toBeLessThan(60_000)
  // Slack for a request sent just before the deadline and a loaded machine; before, scenario chains went on for 17 s.
  const late = arrivals.filter((a) => a.at > started + 6_000 + 3_000 && a.method !== 'DELETE' && !a.sweep)
  expect(late.map((a) => a.method)).toEqual([])
  expect(report.interrupted).toBe(true)
  expect(report.transport?.warnings).toContain('the run stopped at --run-timeout (6 s)')
  expect(report.cleanup.leftover).toEqual([])
  expect(server.snapshot()).toEqual({ Users: [], Groups: [] })
}, 120_000)

it('the CLI exits 130 when --run-timeout expires, as documented in --help', async () => {
  const server = await startServer({ wrap: (handle) => async (req) => (await sleep(150), handle(req)) })
  onTestFinished(() => server.close())
  const dir = tempDir('run-timeout-cli')
  const { code, stdout } = await runCli(['--url', server.url, '--run-timeout', '5', '--report-dir', dir, '--quiet'], { env: { SCIM_CONFORM_TOKEN: TOKEN } })
  expect(code).toBe(130)
  expect(stdout).toMatch(/^INTERRUPTED: /m)
  expect(writtenVerdicts(dir)).toEqual(everyReportSays('INTERRUPTED'))
  expect(server.snapshot()).toEqual({ Users: [], Groups: [] })
}, 120_000)
