import { describe, it, expect } from 'vitest'
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { startServer, runAgainst, tempDir } from './helpers.ts'
import { cliEntry } from './cli-build.ts'
import { threadsStarted } from '../src/run/kept-threads.ts'
import type { Report } from '../src/report/model.ts'

// A vitest thread outlives its run and serves the next one in the process (src/run/kept-threads.ts).
// Nothing of one run's target may reach the next: here the second target advertises bulk and
// the first and third do not, and each run must judge its own.

const bulkStatuses = (report: Report) => [...new Set(report.checks.filter((c) => c.id.startsWith('bulk.')).map((c) => c.status))].sort()

describe('kept vitest threads', () => {
  it('serve the next run without starting new threads, and each run sees only its own target', async () => {
    const plain = await startServer()
    const bulk = await startServer({ features: { bulk: true } })
    try {
      expect(bulkStatuses(await runAgainst(plain, { only: 'bulk.*' }))).toEqual(['skip'])
      const before = threadsStarted()
      expect(before).toBeGreaterThan(0)
      expect(bulkStatuses(await runAgainst(bulk, { only: 'bulk.*' }))).toEqual(['pass'])
      expect(bulkStatuses(await runAgainst(plain, { only: 'bulk.*' }))).toEqual(['skip'])
      expect(threadsStarted()).toBe(before)
    } finally {
      await Promise.all([plain.close(), bulk.close()])
    }
  })
})

// A parked thread must not hold the process: the CLI would otherwise wait for the instance's
// idle close (5 s) after printing its verdict. The compiled run, in a process of its own.
const HOLDS_AFTER_A_RUN = (dist: string) => `
const { runConformance } = await import(${JSON.stringify(`${dist}/run/run.js`)})
const { createReferenceServer } = await import(${JSON.stringify(`${dist}/server/index.js`)})
const server = await createReferenceServer({ token: 't', port: 0 })
await runConformance({ target: { baseUrl: server.url, token: 't' }, profile: 'entra', reportDir: process.argv[1], concurrency: 4, timeoutMs: 10000, headers: {}, seed: 1, runs: 5, only: 'users.create.*' })
await server.close()
setImmediate(() => console.log(JSON.stringify(process._getActiveHandles().filter((h) => typeof h.hasRef === 'function' && h.hasRef()).map((h) => h.constructor.name))))
`

describe('after a run', () => {
  it('nothing of vitest or its kept threads holds the process open', async () => {
    const dist = path.dirname(cliEntry)
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', HOLDS_AFTER_A_RUN(dist), tempDir('holds')])
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual([])
  })
})
