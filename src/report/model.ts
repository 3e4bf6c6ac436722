import type { Exchange } from '../client/exchange.ts'
import type { OperationLatency } from './latency.ts'

// The one report model every writer renders (console, JSON, JUnit, HTML, Markdown).

export type Level = 'MUST' | 'SHOULD' | 'MAY'
export type Dialect = 'rfc' | 'entra' | 'entra-flag'

/** What proves a failure: the exchanges, and where known the pointer, expected and actual values. */
export interface Evidence {
  readonly exchanges: readonly Exchange[]
  readonly pointer?: string
  readonly rule?: string
  readonly expected?: unknown
  readonly actual?: unknown
  readonly counterexample?: {
    readonly input: string
    readonly seed: number
    readonly path: string
    readonly curl: string
  }
  readonly dialect?: Dialect
  /** What Entra does when the endpoint behaves this way. */
  readonly consequence?: string
}

interface CheckResultBase {
  readonly id: string
  /** The suite (report area) the check belongs to: discovery, users, groups, ... */
  readonly area: string
  readonly level: Level
  readonly verifies: readonly string[]
  readonly durationMs: number
}

export type CheckResult =
  | (CheckResultBase & { readonly status: 'pass' })
  | (CheckResultBase & { readonly status: 'fail' | 'warn'; readonly message: string; readonly evidence: Evidence })
  | (CheckResultBase & { readonly status: 'skip'; readonly reason: string })

export type CheckStatus = CheckResult['status']

export interface Coverage {
  readonly observable: number
  readonly covered: number
  readonly uncovered: readonly string[]
}

export interface CleanupSummary {
  readonly created: number
  readonly deleted: number
  /** Resources the run created and could not delete, with the reason. */
  readonly leftover: readonly { readonly kind: string; readonly id: string; readonly reason: string }[]
}

export interface Report {
  readonly tool: { readonly name: 'scim-conform'; readonly version: string }
  /** Never headers or credentials. */
  readonly target: { readonly baseUrl: string }
  readonly profile: string
  readonly dialect: Dialect
  readonly seed: number
  readonly startedAt: string
  readonly durationMs: number
  readonly interrupted: boolean
  readonly checks: readonly CheckResult[]
  readonly coverage: Coverage
  readonly cleanup: CleanupSummary
  readonly throttling: { readonly responses429: number; readonly waitedMs: number }
  /** Every request the checks sent (not the preflight or the sweep), with latency per operation type. */
  readonly traffic: { readonly requests: number; readonly latency: readonly OperationLatency[] }
}

export type Verdict = 'pass' | 'fail'

export const verdict = (report: Report): Verdict => (report.checks.some((c) => c.status === 'fail') ? 'fail' : 'pass')

export const exitCode = (report: Report): 0 | 1 => (verdict(report) === 'fail' ? 1 : 0)

export function countByStatus(checks: readonly CheckResult[]): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { pass: 0, fail: 0, warn: 0, skip: 0 }
  for (const c of checks) counts[c.status]++
  return counts
}
