import type { Reporter, TestModule, TestCase } from 'vitest/node'
import { addThrottling, type BlockedCause, type CheckResult, type Evidence, type Report, type Throttling } from '../report/model.ts'
import { levelOf, requirements, type RequirementId } from '../catalogue/index.ts'
import { fixFor } from '../catalogue/fixes.ts'
import { summarizeLatency, type TimingSample } from '../report/latency.ts'
import type { CheckMeta, Observation } from '../kit/run-config.ts'
import { areaOf } from './suite-index.ts'

// The only code that reads vitest's task objects: test modules → CheckResults.
// Schema observations recorded on every check become the schema.* results.
// It also stops the run when the target stops answering: that many checks in
// a row failing with a transport error (in the order they finish, across
// workers) means the target is gone, not that each check found a defect.

export interface CollectorOptions {
  /** 0 never stops the run. */
  readonly maxConsecutiveTransportFailures: number
  /** Stops the run (pending checks are cancelled), called once when the target stopped answering. */
  readonly stopRun?: () => void
}

export class ReportCollector implements Reporter {
  #checks: CheckResult[] = []
  #moduleErrors: string[] = []
  #suites = new Set<string>()
  #runReason: string | undefined
  #timings: TimingSample[] = []
  #observations: Observation[] = []
  #throttling: Throttling = { responses429: 0, responses503: 0, waitedMs: 0, gaveUp: 0 }
  #options: CollectorOptions
  #transportFailuresInARow = 0
  #transportGaveUp: string | undefined

  constructor(options: CollectorOptions = { maxConsecutiveTransportFailures: 0 }) {
    this.#options = options
  }

  onTestCaseResult(test: TestCase): void {
    const result = test.result()
    if (result.state === 'skipped' || result.state === 'pending') return
    const error = result.state === 'failed' ? (result.errors?.[0] as { name?: string; message?: string; evidence?: Partial<Evidence> } | undefined) : undefined
    // A check that got some answers before one timed out met a slow server, not a gone one: it fails, and the run goes on.
    const answered = error?.evidence?.exchanges?.some((exchange) => exchange.status !== undefined) ?? false
    if (error?.name !== 'TransportError' || answered) {
      this.#transportFailuresInARow = 0
      return
    }
    this.#transportFailuresInARow++
    const limit = this.#options.maxConsecutiveTransportFailures
    if (limit > 0 && this.#transportFailuresInARow >= limit && this.#transportGaveUp === undefined) {
      this.#transportGaveUp = `${limit} checks in a row got no answer from the target (last: ${firstLine(error.message ?? 'transport error')})`
      this.#options.stopRun?.()
    }
  }

  // Called once, at the end of the run.
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>, reason: string): void {
    if (this.#runReason !== 'interrupted') this.#runReason = reason
    const observations = this.#observations
    for (const module of testModules) {
      const area = areaOf(module.moduleId)
      this.#suites.add(area)
      for (const error of module.errors()) this.#moduleErrors.push(`${area}: ${error.message}`)
      // The deletes each suite file sends at its end, after its last check.
      this.#timings.push(...(module.meta().timings ?? []))
      this.#throttling = addThrottling(this.#throttling, module.meta().throttling ?? {})
      for (const test of module.children.allTests()) {
        const check = test.meta().check
        // Checks left out by --only are not part of this run: they are neither passed nor skipped.
        if (!check || test.options.mode === 'skip' || test.options.mode === 'todo') continue
        const result = toCheckResult(test, check, area)
        if (result) this.#checks.push(result)
        observations.push(...(test.meta().observations ?? []))
        this.#timings.push(...(test.meta().timings ?? []))
        this.#throttling = addThrottling(this.#throttling, test.meta().throttling ?? {})
      }
    }
    for (const e of unhandledErrors) this.#moduleErrors.push(String((e as Error)?.message ?? e))
  }

  /** Every check of every phase, then the schema.* results over the responses of all of them. */
  get checks(): readonly CheckResult[] {
    return withResolvedCauses([...this.#checks, ...schemaResults(this.#observations)])
  }

  /** The suite files (areas) the run loaded, in either phase. */
  get suites(): readonly string[] {
    return [...this.#suites].sort()
  }

  get traffic(): Report['traffic'] {
    return { requests: this.#timings.length, latency: summarizeLatency(this.#timings) }
  }

  /** 429/503 the checks' requests met, summed over workers. */
  get throttling(): Throttling {
    return this.#throttling
  }

  /** Why the run stopped as unreachable mid-way, when it did. */
  get transportGaveUp(): string | undefined {
    return this.#transportGaveUp
  }

  /** Errors that are scim-conform's own (a suite failed to load, an unhandled rejection): a bug, never a verdict. */
  get internalErrors(): readonly string[] {
    return this.#moduleErrors
  }

  get interrupted(): boolean {
    return this.#runReason === 'interrupted'
  }
}

function toCheckResult(test: TestCase, check: CheckMeta, area: string): CheckResult | undefined {
  const result = test.result()
  const base = { id: check.id, area, level: check.level, verifies: check.verifies, durationMs: Math.round(test.diagnostic()?.duration ?? 0) }
  const exchanges = test.meta().exchanges
  const recorded = exchanges === undefined ? {} : { exchanges }
  switch (result.state) {
    case 'passed':
      return { ...base, ...recorded, status: 'pass' }
    case 'skipped':
      return { ...base, ...recorded, status: 'skip', reason: result.note ?? 'skipped' }
    case 'failed': {
      const error = result.errors?.[0] as { message?: string; name?: string; evidence?: Partial<Evidence>; blockedBy?: BlockedCause; requirement?: string } | undefined
      if (error?.name === 'Blocked') return { ...base, ...recorded, status: 'blocked', reason: firstLine(error.message ?? 'set-up failed'), cause: error.blockedBy ?? {} }
      // --run-timeout cut the check short: it did not finish, which is not a failure.
      if (error?.name === 'RunStopped') return { ...base, ...recorded, status: 'skip', reason: `not finished: ${firstLine(error.message ?? 'the run stopped')}` }
      const evidence: Evidence = { exchanges: [], ...(error?.evidence ?? {}) }
      // Still 429 or 503 after every retry: the server's throttling kept the check from a verdict, it proved no defect.
      const throttled = evidence.exchanges.find((exchange) => exchange.status === 429 || exchange.status === 503)
      if (throttled) return { ...base, ...recorded, status: 'skip', reason: `not judged: ${throttled.method} ${throttled.url} was still answered ${throttled.status} after the retries (raise --max-retries, or lower --rate or --concurrency)` }
      const message = firstLine(error?.message ?? 'failed')
      // The failure's level is that of the requirement it names (the check's own when it names none).
      // A failed SHOULD or MAY is a warning and never changes the exit code; so is what a check could
      // not judge through no fault of the rule (a tarpit holding a refusal past --timeout).
      const named = error?.requirement !== undefined && error.requirement in requirements ? (error.requirement as RequirementId) : undefined
      const level = named ? requirements[named].level : check.level
      const warning = level !== 'MUST' || error?.name === 'CheckWarning'
      return { ...base, level, status: warning ? 'warn' : 'fail', message, evidence, fix: fixFor(check.id) ?? '', ...(named ? { requirement: named } : {}) }
    }
    case 'pending':
      return { ...base, status: 'skip', reason: 'not run (the run was interrupted or filtered)' }
  }
}

/**
 * A blocked check names a cause check only when that check is in the report and did
 * not pass: a passed (or filtered-out) cause would send the reader to the wrong place,
 * so the cause is then the failed request and its answer alone.
 */
function withResolvedCauses(checks: readonly CheckResult[]): CheckResult[] {
  const broken = new Set(checks.filter((c) => c.status === 'fail' || c.status === 'warn' || c.status === 'blocked').map((c) => c.id))
  return checks.map((c) => {
    if (c.status !== 'blocked' || c.cause.check === undefined || broken.has(c.cause.check)) return c
    const { check: _unconfirmed, ...rest } = c.cause
    return { ...c, cause: rest }
  })
}

/** schema.* results: fail with the first violations if any response broke the rule; pass if responses were judged and none did. */
function schemaResults(observations: readonly Observation[]): CheckResult[] {
  const byCheck = new Map<string, { judged: number; failures: Observation[] }>()
  for (const observation of observations) {
    const entry = byCheck.get(observation.check) ?? { judged: 0, failures: [] }
    entry.judged++
    if (observation.violations.length > 0) entry.failures.push(observation)
    byCheck.set(observation.check, entry)
  }
  return [...byCheck.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([id, entry]): CheckResult => {
    const verifies = schemaRequirements(id)
    const base = { id, area: 'schema', level: levelOf(verifies), verifies, durationMs: 0 } as const
    const first = entry.failures[0]
    if (!first) return { ...base, status: 'pass' }
    const violation = first.violations[0]!
    const exchange = first.exchange
    const count = entry.failures.reduce((n, f) => n + f.violations.length, 0)
    return {
      ...base,
      status: base.level === 'MUST' ? 'fail' : 'warn',
      fix: fixFor(id) ?? '',
      message: `${violation.pointer || '(body)'}: ${violation.message} (${violation.rule}; ${count} violation${count === 1 ? '' : 's'} in ${entry.failures.length} of ${entry.judged} responses)`,
      evidence: { exchanges: exchange ? [exchange] : [], pointer: violation.pointer, rule: violation.rule, actual: entry.failures.flatMap((f) => f.violations).slice(0, 20) },
    }
  })
}

/** What each response rule verifies; its level is the strongest of these (a SHOULD-only rule warns). */
function schemaRequirements(id: string): RequirementId[] {
  // RFC 7644 8.1 only recommends application/scim+json; Entra needs a JSON content type to read the body.
  if (id === 'schema.content-type-scim') return ['rfc7644:3.1:content-type']
  if (id === 'schema.content-type-json') return ['rfc7644:3.1:content-type', 'entra:2.2:content-type']
  if (id === 'schema.error-scim-type-status') return ['rfc7644:3.12:scim-type-status']
  if (id === 'schema.error') return ['rfc7644:3.12:error-schema']
  if (id.endsWith('-rules')) return ['rfc7643:3.1:id-assigned', 'rfc7643:3.1:meta', 'rfc7643:3:schemas']
  // RFC 7643 gives the declared types without a RFC 2119 keyword; Entra cannot parse other types.
  return ['rfc7643:2:attribute-types', 'entra:2.2:parseable-types']
}

const firstLine = (text: string): string => text.split('\n')[0] ?? text
