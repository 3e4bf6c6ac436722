import type { BlockedCause } from '../report/model.ts'

/**
 * A check's precondition failed, so the check was not judged: it could not create
 * the resource it needs, or an earlier step of its scenario failed. Never a verdict
 * on the rule the check verifies. Like CheckFailure it crosses the worker boundary
 * as plain data and is recognised by `name`; `blockedBy` names the cause, the check
 * that fails for the same reason where there is one (`cause` is taken by Error).
 */
export class Blocked extends Error {
  override readonly name = 'Blocked'
  readonly blockedBy: BlockedCause
  /** Thrown before the check sent anything: a scenario's later steps still start from a sound state. */
  readonly sentNothing: boolean

  constructor(message: string, blockedBy: BlockedCause, options: { readonly sentNothing?: boolean } = {}) {
    super(message)
    this.blockedBy = blockedBy
    this.sentNothing = options.sentNothing ?? false
  }
}

interface Answered {
  readonly status: number
  readonly method: string
  readonly path: string
  readonly json?: unknown
}

/**
 * Throws Blocked unless a set-up request was answered with an expected status.
 * `check` is the check that judges this very request on its own (and so fails
 * when it is refused); `what` says in plain words what the set-up was doing.
 */
export function ensureSetUp(response: Answered, expected: number | readonly number[], cause: { readonly check: string; readonly what: string }): void {
  const allowed = typeof expected === 'number' ? [expected] : expected
  if (allowed.includes(response.status)) return
  throw new Blocked(`set-up: ${cause.what}: ${response.method} ${response.path} answered ${response.status}`, {
    check: cause.check,
    request: `${response.method} ${response.path}`,
    answer: answerOf(response),
  })
}

/** Throws Blocked when a set-up step produced nothing usable (a created resource without an id). */
export function blockedUnless(condition: unknown, what: string, cause: BlockedCause): asserts condition {
  if (!condition) throw new Blocked(`set-up: ${what}`, cause)
}

/** The status and, where the body is a SCIM error, its detail: what a vendor greps their logs for. */
export function answerOf(response: Answered): string {
  const body = response.json as { detail?: unknown; scimType?: unknown } | undefined
  const detail = typeof body?.detail === 'string' ? body.detail.split('\n')[0]!.slice(0, 160) : undefined
  const scimType = typeof body?.scimType === 'string' ? body.scimType : undefined
  return [String(response.status), scimType, detail === undefined ? undefined : JSON.stringify(detail)].filter((p) => p !== undefined).join(' ')
}
