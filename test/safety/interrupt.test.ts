import { describe, it, expect } from 'vitest'
import { outstanding, readJournal } from '../../src/run/tracker.ts'
import { runCli, startServer, tempDir, TOKEN, writtenVerdicts, everyReportSays } from '../helpers.ts'
import path from 'node:path'
import { runResources, startRun, untilCreated } from './run-process.ts'
import type { ReferenceServer } from '../../src/server/index.ts'

// Issue 8 "Done when": an interrupted run leaves nothing on the server, and
// `scim-conform cleanup` removes what a killed one left.

/** Every resource on the server that the run created or named. */
function leftOnServer(server: ReferenceServer, journal: string): string[] {
  const { ids, prefix } = runResources(journal)
  const { Users, Groups } = server.snapshot()
  return [...Users, ...Groups]
    .filter((r) => ids.includes(String(r.id)) || JSON.stringify(r).includes(prefix))
    .map((r) => `${String(r.meta && (r.meta as { resourceType?: string }).resourceType)} ${String(r.id)}`)
}

describe('an interrupted run', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('%s mid-way: exits 130 within seconds, cleans up, every report says INTERRUPTED, and the journal says every created resource was deleted', async (signal) => {
    const server = await startServer()
    try {
      const run = startRun(server.url, tempDir('sigint'))
      await untilCreated(run.journal, 5)
      const sentAt = Date.now()
      run.child.kill(signal)
      const { code, stderr } = await run.exited
      const tookMs = Date.now() - sentAt
      expect(stderr).toContain('interrupted, cleaning up')
      expect(code).toBe(130)
      expect(tookMs).toBeLessThan(15_000)
      expect(runResources(run.journal).ids.length).toBeGreaterThanOrEqual(5)
      expect(readJournal(run.journal).filter((e) => e.op !== 'run' && outstanding(readJournal(run.journal)).some((o) => o.id === e.id))).toEqual([])
      expect(leftOnServer(server, run.journal)).toEqual([])
      expect(writtenVerdicts(path.dirname(run.journal))).toEqual(everyReportSays('INTERRUPTED'))
    } finally {
      await server.close()
    }
  })

  it('a second SIGINT exits at once, naming the journal and how many resources are left', async () => {
    const server = await startServer()
    try {
      const run = startRun(server.url, tempDir('sigint-twice'))
      await untilCreated(run.journal, 5)
      run.child.kill('SIGINT')
      await run.printed('interrupted, cleaning up') // two signals sent together arrive as one
      run.child.kill('SIGINT')
      const { code, stderr } = await run.exited
      expect(code).toBe(130)
      expect(stderr).toContain(`cleanup --journal ${run.journal}`)
      expect(stderr).toMatch(/\d+ resource\(s\) left/)
      const cleaned = await runCli(['cleanup', '--journal', run.journal], { env: { SCIM_CONFORM_TOKEN: TOKEN } })
      expect(cleaned.code).toBe(0)
      expect(outstanding(readJournal(run.journal))).toEqual([])
      expect(leftOnServer(server, run.journal)).toEqual([])
    } finally {
      await server.close()
    }
  })

  it('SIGKILL mid-way: `scim-conform cleanup --journal` removes what the run left and exits 0', async () => {
    const server = await startServer()
    try {
      const run = startRun(server.url, tempDir('sigkill'))
      await untilCreated(run.journal, 5)
      run.child.kill('SIGKILL')
      const { signal } = await run.exited
      expect(signal).toBe('SIGKILL')
      expect(outstanding(readJournal(run.journal)).length).toBeGreaterThan(0)
      const cleaned = await runCli(['cleanup', '--journal', run.journal], { env: { SCIM_CONFORM_TOKEN: TOKEN } })
      expect(cleaned.stderr).toBe('')
      expect(cleaned.code).toBe(0)
      expect(cleaned.stdout).toMatch(/cleanup: (\d+) of \1 resource\(s\) deleted/)
      expect(outstanding(readJournal(run.journal))).toEqual([])
      expect(leftOnServer(server, run.journal)).toEqual([])
    } finally {
      await server.close()
    }
  })
})
