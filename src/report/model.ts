import { gateFailures, type Gate } from './gates.ts'
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

/**
 * Why a check was blocked. `check`: the check in this report that fails for the same
 * reason (fixing it unblocks this one); `request` and `answer`: the set-up exchange
 * that failed, e.g. 'POST /Users' and '400 invalidValue "nickName is not supported"'.
 */
export interface BlockedCause {
  readonly check?: string
  readonly request?: string
  readonly answer?: string
}

interface CheckResultBase {
  readonly id: string
  /** The suite (report area) the check belongs to: discovery, users, groups, ... */
  readonly area: string
  readonly level: Level
  readonly verifies: readonly string[]
  readonly durationMs: number
}

/**
 * --record all: the exchanges of a check that did not fail, redacted at capture as a failure's
 * evidence is (a failure or warning keeps its evidence, which is already its record).
 */
interface Recorded {
  readonly exchanges?: readonly Exchange[]
}

export type CheckResult =
  | (CheckResultBase & Recorded & { readonly status: 'pass' })
  /**
   * `fix`: what the server should do instead, with the rule (src/catalogue/fixes.ts). `requirement`: the
   * one requirement the failure breaks, when the check named it; `level` is then its level.
   */
  | (CheckResultBase & { readonly status: 'fail' | 'warn'; readonly message: string; readonly evidence: Evidence; readonly fix: string; readonly requirement?: string })
  | (CheckResultBase & Recorded & { readonly status: 'skip'; readonly reason: string })
  /** Not judged: its set-up failed. Never a failure, never changes the exit code; listed under its cause. */
  | (CheckResultBase & Recorded & { readonly status: 'blocked'; readonly reason: string; readonly cause: BlockedCause })

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

/** Throttling the target answered with (429/503), counted over every request of the run. */
export interface Throttling {
  readonly responses429: number
  readonly responses503: number
  /** Total time spent waiting before retries (Retry-After or backoff), summed over concurrent requests. */
  readonly waitedMs: number
  /** Requests still throttled after --max-retries (or the run deadline): the check saw the 429/503. */
  readonly gaveUp: number
}

export type ThrottlingSummary = Pick<Throttling, 'responses429' | 'waitedMs'> & Partial<Throttling>

export const addThrottling = (a: Throttling, b: Partial<Throttling>): Throttling => ({
  responses429: a.responses429 + (b.responses429 ?? 0),
  responses503: a.responses503 + (b.responses503 ?? 0),
  waitedMs: a.waitedMs + (b.waitedMs ?? 0),
  gaveUp: a.gaveUp + (b.gaveUp ?? 0),
})

/** The target's TLS next to Entra's requirement (TLS 1.2 with a listed suite). */
export interface TlsSummary {
  /** What a default handshake negotiated, e.g. TLSv1.3. */
  readonly protocol: string
  /** IANA name of the negotiated suite. */
  readonly cipher: string
  /** The target completed a TLS 1.2 handshake. */
  readonly tls12: boolean
  /** The suite agreed when only Entra's listed suites were offered over TLS 1.2, or null when none was accepted. */
  readonly entraCipherSuite: string | null
}

export interface TransportSummary {
  readonly auth: 'bearer' | 'client-credentials'
  /** --rate: requests per second the whole run stayed under, or null. */
  readonly rate: number | null
  /** profile: no --rate was given, and the profile's declared limit was applied as the default. */
  readonly rateOrigin?: 'flag' | 'profile'
  /** False with --insecure: the certificate was not verified. */
  readonly certificateVerified: boolean
  /** Null when the target is plain HTTP. */
  readonly tls: TlsSummary | null
  readonly warnings: readonly string[]
}

export interface Report {
  readonly tool: { readonly name: 'scim-conform'; readonly version: string }
  /** Never headers or credentials. */
  readonly target: { readonly baseUrl: string }
  readonly profile: string
  /**
   * What the verdict does not cover, said in every report: set for a profile whose Entra
   * connector is not SCIM (Zendesk), where the run judges a SCIM endpoint that would replace it.
   */
  readonly caveat?: string
  /** --gate, or the profile's default: which verdict sets the exit code (src/report/gates.ts). */
  readonly gate: Gate
  readonly dialect: Dialect
  readonly seed: number
  readonly startedAt: string
  readonly durationMs: number
  readonly interrupted: boolean
  /** --only and --read-only: the run judged only part of the suite. Absent when every check was selected. */
  readonly selection?: Selection
  readonly checks: readonly CheckResult[]
  readonly coverage: Coverage
  readonly cleanup: CleanupSummary
  readonly throttling: ThrottlingSummary
  /** How the run reached the target: auth, TLS, --rate, and warnings about it. Absent in reports before 0.2. */
  readonly transport?: TransportSummary
  /** Which attributes the run judged: the ones the server advertises, or the core schemas. Absent in reports before 0.4. */
  readonly attributes?: AttributesJudged
  /** Every request the run sent (checks, preflight and sweep), with latency per operation type of the checks' requests. */
  readonly traffic: { readonly requests: number; readonly latency: readonly OperationLatency[] }
}

export interface AttributesJudged {
  /** discovery: as /Schemas and /ResourceTypes list them; core-schemas: RFC 7643 8.7.1, because discovery could not be read. */
  readonly source: 'discovery' | 'core-schemas'
  /** Why discovery could not be read (source core-schemas only). */
  readonly reason?: string
  /** Profile attributes the run never sent, because the server does not list them, e.g. "User nickName". */
  readonly leftOut: readonly string[]
}

export interface Selection {
  readonly only?: string
  /** With --only: the suite files (areas) the run loaded, only those that can hold a selected check. */
  readonly suites?: readonly string[]
  readonly readOnly?: boolean
}

/**
 * pass: every check ran to completion and no required check failed. partial: an --only or
 * --read-only selection, judged by its own checks. interrupted: Ctrl-C, SIGTERM or
 * --run-timeout stopped the run before every check ran, so there is no verdict.
 */
export type Verdict = 'pass' | 'fail' | 'partial' | 'interrupted'

export interface Outcome {
  readonly verdict: Verdict
  /** What every writer shows: PASS, FAIL, PARTIAL, INTERRUPTED. */
  readonly label: 'PASS' | 'FAIL' | 'PARTIAL' | 'INTERRUPTED'
  /** A required check failed (with a baseline: a check that passed there fails now). */
  readonly failed: boolean
  readonly exitCode: 0 | 1 | 130
}

/** The run's verdict and exit code, decided here only: the CLI and every writer show this, never their own. */
export function outcome(report: Report, baseline?: { readonly newFailures: readonly string[] }): Outcome {
  const gated = new Set(gateFailures(report, report.gate).map((c) => c.id))
  const failed = baseline ? baseline.newFailures.some((id) => gated.has(id)) : gated.size > 0
  if (report.interrupted) return { verdict: 'interrupted', label: 'INTERRUPTED', failed, exitCode: 130 }
  const exitCode = failed ? 1 : 0
  if (report.selection) return { verdict: 'partial', label: 'PARTIAL', failed, exitCode }
  return failed ? { verdict: 'fail', label: 'FAIL', failed, exitCode } : { verdict: 'pass', label: 'PASS', failed, exitCode }
}

export const verdict = (report: Report): Verdict => outcome(report).verdict

export const exitCode = (report: Report): 0 | 1 | 130 => outcome(report).exitCode

export function countByStatus(checks: readonly CheckResult[]): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { pass: 0, fail: 0, warn: 0, skip: 0, blocked: 0 }
  for (const c of checks) counts[c.status]++
  return counts
}
