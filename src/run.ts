import { mkdirSync, existsSync, writeFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { createVitest } from 'vitest/node'
import { ReportCollector } from '../reporters/collect.ts'
import { ProgressReporter, type ProgressOutput } from '../reporters/progress.ts'
import { createHttp } from './client/http.ts'
import { preflight } from './preflight.ts'
import { sweep, readJournal, outstanding } from './tracker.ts'
import { loadProfile } from './profile.ts'
import { suitesDir, packageRoot } from './paths.ts'
import { toolVersion } from './version.ts'
import { coverageOf } from './coverage.ts'
import { UsageError } from './errors.ts'
import type { RunConfig } from './run-config.ts'
import type { CleanupSummary, Report } from './report/model.ts'

// runConformance(): preflight, the suites in vitest, the sweep, the Report.
// The only module that knows vitest's node API. Never prints the token,
// never exits the process: the CLI decides what to show and how to exit.

export interface ResolvedTarget {
  readonly baseUrl: string
  readonly token: string
}

export interface ConformanceOptions {
  readonly target: ResolvedTarget
  readonly profile: string
  readonly reportDir: string
  readonly only?: string
  readonly concurrency: number
  readonly timeoutMs: number
  readonly headers: Readonly<Record<string, string>>
  readonly seed: number
  readonly runs: number
  readonly readOnly?: boolean
  /** Where progress goes while the run goes; omit for silence (library use, self-tests). */
  readonly progress?: ProgressOutput
  /** Aborts the run (Ctrl-C): pending checks are cancelled, then the sweep runs. */
  readonly signal?: AbortSignal
}

/** Scim-conform's own bug surfaced during a run: exit 4, never mistaken for a verdict. */
export class InternalError extends Error {
  override readonly name = 'InternalError'
}

export async function runConformance(options: ConformanceOptions): Promise<Report> {
  const startedAt = new Date()
  const profile = loadProfile(options.profile)
  const { baseUrl, token } = options.target
  mkdirSync(options.reportDir, { recursive: true })
  const journalPath = path.resolve(options.reportDir, 'journal.jsonl')
  refuseUnsweptJournal(journalPath)
  const prefix = `scimconf-${randomBytes(4).toString('hex')}-`
  writeFileSync(journalPath, JSON.stringify({ op: 'run', baseUrl, prefix, at: startedAt.toISOString() }) + '\n')

  const suiteFiles = readdirSync(suitesDir).filter((f) => /\.suite\.[jt]s$/.test(f))
  // A suite file runs in one worker with that worker's share of the connections, so its longest
  // chain of requests is paced by that share: at least 4 connections per worker, up to 4 workers.
  const maxWorkers = Math.max(1, Math.min(options.concurrency, suiteFiles.length, 4, Math.max(2, Math.floor(options.concurrency / 4))))
  const connectionsPerWorker = Math.max(1, Math.floor(options.concurrency / maxWorkers))
  const main = createHttp({ baseUrl, token, headers: options.headers, timeoutMs: options.timeoutMs, connections: 2 })
  const collector = new ReportCollector()
  let cleanup: CleanupSummary
  try {
    await preflight(main, baseUrl)
    const run: RunConfig = {
      baseUrl, token, headers: options.headers, profile, dialect: profile.dialect,
      seed: options.seed, runs: options.runs, timeoutMs: options.timeoutMs, connectionsPerWorker, journalPath,
      prefix,
      readOnly: options.readOnly ?? false,
    }
    await runSuites(run, collector, maxWorkers, options)
  } finally {
    // After passes, failures, crashes and Ctrl-C alike: nothing the run created stays behind.
    cleanup = await sweep(journalPath, main)
    await main.close()
  }
  if (collector.internalErrors.length > 0) throw new InternalError(collector.internalErrors.join('\n'))
  return {
    tool: { name: 'scim-conform', version: toolVersion },
    target: { baseUrl },
    profile: profile.name,
    dialect: profile.dialect,
    seed: options.seed,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    interrupted: collector.interrupted || (options.signal?.aborted ?? false),
    checks: collector.checks,
    coverage: coverageOf(collector.checks),
    cleanup,
    throttling: { responses429: 0, waitedMs: 0 },
    traffic: collector.traffic,
  }
}

async function runSuites(run: RunConfig, collector: ReportCollector, maxWorkers: number, options: ConformanceOptions): Promise<void> {
  const ownSignalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') }
  const vitest = await createVitest('test', {
    config: false,
    root: packageRoot,
    dir: suitesDir,
    include: ['**/*.suite.{ts,js}'],
    exclude: [],
    watch: false,
    provide: { run },
    reporters: [collector, ...(options.progress ? [new ProgressReporter(options.progress)] : [])],
    ...(options.only ? { testNamePattern: globToPattern(options.only) } : {}),
    maxWorkers,
    maxConcurrency: run.connectionsPerWorker,
    sequence: { concurrent: true },
    testTimeout: Math.max(60_000, options.timeoutMs * 4),
    passWithNoTests: true,
  })
  // Vitest's logger exits the process on SIGINT/SIGTERM, which would skip the sweep:
  // the caller's signal (the CLI's handler) is the only way to stop a run.
  for (const name of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(name)) if (!ownSignalListeners[name].includes(listener)) process.off(name, listener)
  }
  const abort = () => void vitest.cancelCurrentRun('keyboard-input')
  options.signal?.addEventListener('abort', abort, { once: true })
  try {
    await vitest.start()
  } finally {
    options.signal?.removeEventListener('abort', abort)
    await vitest.close()
  }
}

function refuseUnsweptJournal(journalPath: string): void {
  if (existsSync(journalPath) && outstanding(readJournal(journalPath)).length > 0) {
    throw new UsageError(`${journalPath} lists resources an earlier run left behind: run "scim-conform cleanup --journal ${journalPath}" first, or pick another --report-dir`)
  }
}

/** --only 'users.*' → a pattern over the test's full name, anchored at the check id. */
export function globToPattern(glob: string): string {
  const body = glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^\\s]*')
  return `(^|\\s)${body}$`
}
