import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { createHttp } from '../client/http.ts'
import { DEFAULT_RETRY_POLICY } from '../client/retry.ts'
import { preflight } from '../run/preflight.ts'
import { cleanupJournaled } from './cleanup.ts'
import { loadTransport } from './transport.ts'
import { rateStep, findMaxRate, type RateStep } from './rate-check.ts'
import { initialSync, type SyncResult } from './initial-sync.ts'
import type { CleanupSummary } from '../report/model.ts'

// runLoad(): the load check (Entra's traffic mix at a rate, or --rate max) or the
// initial-sync simulation against one target, then the clean-up of everything it
// created. Never prints, never exits: the CLI (load/command.ts) does.

/** Entra's gallery requirement: 25 requests per second per tenant. */
export const GALLERY_RATE = 25

export interface LoadRun {
  readonly baseUrl: string
  readonly token: string
  readonly headers?: Readonly<Record<string, string>>
  readonly reportDir: string
  readonly timeoutMs: number
  readonly concurrency: number
  readonly durationMs: number
  readonly rate: number | 'max'
  readonly sync?: { readonly users: number; readonly groups: number; readonly members: number }
  readonly signal?: AbortSignal
}

export type LoadVerdict =
  | { readonly kind: 'rate'; readonly passed: boolean; readonly requirement: number; readonly step: RateStep }
  | { readonly kind: 'max'; readonly passed: boolean; readonly requirement: number; readonly best?: RateStep; readonly steps: readonly RateStep[] }
  | { readonly kind: 'sync'; readonly passed: boolean; readonly sync: SyncResult }

export type LoadReport = LoadVerdict & { readonly cleanup: CleanupSummary }

/** --rate max: each step lasts a fifth of --duration (at least 2 s); at most 12 steps. */
const MAX_STEPS = 12
const CLEANUP_CONNECTIONS = 8

export async function runLoad(run: LoadRun): Promise<LoadReport> {
  mkdirSync(run.reportDir, { recursive: true })
  const journalPath = path.resolve(run.reportDir, `load-journal-${Date.now()}.jsonl`)
  const prefix = `scimconf-${randomBytes(4).toString('hex')}-`
  writeFileSync(journalPath, JSON.stringify({ op: 'run', baseUrl: run.baseUrl, prefix, at: new Date().toISOString() }) + '\n')
  // No retries: a 429 is a finding of the load check, counted, never waited out.
  const http = createHttp({
    baseUrl: run.baseUrl, token: run.token, headers: run.headers ?? {}, timeoutMs: run.timeoutMs,
    connections: run.concurrency, retry: { ...DEFAULT_RETRY_POLICY, maxRetries: 0 },
  })
  const transport = loadTransport(http, { baseUrl: run.baseUrl, token: run.token, timeoutMs: run.timeoutMs, ...(run.headers ? { headers: run.headers } : {}) })
  const common = { transport, journalPath, prefix, maxInFlight: run.concurrency, ...(run.signal ? { signal: run.signal } : {}) }
  let report: LoadVerdict
  let cleanup: CleanupSummary
  try {
    await preflight(http, run.baseUrl)
    if (run.sync) {
      const sync = await initialSync({ ...common, ...run.sync, concurrency: run.concurrency })
      report = { kind: 'sync', passed: sync.tally.errors === 0 && sync.tally.throttled === 0, sync }
    } else if (run.rate === 'max') {
      const found = await findMaxRate({ ...common, from: GALLERY_RATE, maxSteps: MAX_STEPS, durationMs: Math.max(2000, run.durationMs / 5) })
      report = { kind: 'max', passed: (found.best?.targetRate ?? 0) >= GALLERY_RATE, requirement: GALLERY_RATE, steps: found.steps, ...(found.best ? { best: found.best } : {}) }
    } else {
      const step = await rateStep({ ...common, rate: run.rate, durationMs: run.durationMs })
      report = { kind: 'rate', passed: step.sustained, requirement: run.rate, step }
    }
  } finally {
    await http.close()
    // The clean-up waits out 429s as the server asks: nothing may stay behind because the target throttled.
    const cleaner = createHttp({ baseUrl: run.baseUrl, token: run.token, headers: run.headers ?? {}, timeoutMs: run.timeoutMs, connections: CLEANUP_CONNECTIONS })
    cleanup = await cleanupJournaled(journalPath, cleaner, CLEANUP_CONNECTIONS)
    await cleaner.close()
  }
  const full: LoadReport = { ...report, cleanup }
  writeFileSync(path.join(run.reportDir, 'load.json'), JSON.stringify(full, null, 2) + '\n')
  return full
}
