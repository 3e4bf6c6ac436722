import type { CheckResult, Throttling } from '../report/model.ts'
import { fixFor } from '../catalogue/fixes.ts'

// throughput.throttling: the 429 and 503 answers the run met, as evidence rather than a
// silent retry. The run's own traffic is no load test (scim-conform load is), so this is
// a warning, never a failure; and the tool's own pacing (--rate) never counts against it.

export const THROTTLING_CHECK = 'throughput.throttling'

export interface RunPace {
  readonly requests: number
  readonly concurrency: number
  /** --rate, or the profile's declared limit applied as the default. */
  readonly rate?: number
}

export function throttlingCheck(throttling: Throttling, pace: RunPace): CheckResult {
  const base = { id: THROTTLING_CHECK, area: 'throughput', level: 'SHOULD', verifies: ['entra:2.12:sustain-25-rps'], durationMs: 0 } as const
  const throttled = throttling.responses429 + throttling.responses503
  if (throttled === 0) return { ...base, status: 'pass' }
  const at = pace.rate === undefined ? `at --concurrency ${pace.concurrency}` : `at --rate ${pace.rate}/s and --concurrency ${pace.concurrency}`
  return {
    ...base,
    status: 'warn',
    message: `${throttled} of ${pace.requests} requests were throttled (${throttling.responses429} × 429, ${throttling.responses503} × 503) ${at}; the run waited ${(throttling.waitedMs / 1000).toFixed(1)} s and retried them${throttling.gaveUp ? `, giving up on ${throttling.gaveUp}` : ''}`,
    evidence: {
      exchanges: [],
      expected: 'no 429 or 503 at this pace',
      actual: { ...throttling, ...pace },
      consequence: 'Entra records each throttled request as a failed operation (TooManyRequests) and retries it in a later cycle; a provisioning job met with repeated 429s has been put in quarantine',
    },
    fix: fixFor(THROTTLING_CHECK) ?? '',
  }
}
