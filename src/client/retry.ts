// When to send a throttled request again. Pure functions: the clock and the
// random source are arguments, so every bound is unit-tested.
// RFC 9110 §10.2.3: Retry-After = HTTP-date / delay-seconds.

export interface RetryPolicy {
  /** Retries after the first attempt (--max-retries); 0 never retries. */
  readonly maxRetries: number
  /** First backoff step without Retry-After; doubled each attempt. */
  readonly baseMs: number
  /** No single wait is longer than this, whatever the server asks. */
  readonly capMs: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 5, baseMs: 500, capMs: 60_000 }

/** 429 Too Many Requests and 503 Service Unavailable are the statuses a server uses to say "later". */
export const isRetryableStatus = (status: number): status is 429 | 503 => status === 429 || status === 503

/**
 * The delay a Retry-After value asks for, in ms: delay-seconds, or an HTTP date
 * (a date in the past means now, 0). Undefined when absent or unparseable.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined
  const text = value.trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  // Only real HTTP dates: Date.parse also accepts "5" or "2024", which are not dates here.
  if (!/^[A-Za-z]{3},? /.test(text)) return undefined
  const at = Date.parse(text)
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs)
}

/** Exponential backoff with full jitter: uniform in [0, min(cap, base * 2^attempt)]. attempt starts at 0. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt))
  return Math.round(random() * ceiling)
}

export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number }
  | { readonly retry: false; readonly reason: 'not-throttled' | 'retries-exhausted' | 'past-deadline' }

/**
 * Whether to retry a response with `status` after `attempt` earlier retries,
 * and after how long: Retry-After when the server gave one (capped), else backoff.
 * A wait that would end after the run's deadline is not taken.
 */
export function retryDecision(input: {
  readonly status: number
  readonly retryAfter: string | undefined
  readonly attempt: number
  readonly policy: RetryPolicy
  readonly nowMs: number
  readonly deadlineMs?: number
  readonly random: () => number
}): RetryDecision {
  if (!isRetryableStatus(input.status)) return { retry: false, reason: 'not-throttled' }
  if (input.attempt >= input.policy.maxRetries) return { retry: false, reason: 'retries-exhausted' }
  const asked = parseRetryAfter(input.retryAfter, input.nowMs)
  const delayMs = asked === undefined ? backoffMs(input.attempt, input.policy, input.random) : Math.min(asked, input.policy.capMs)
  if (input.deadlineMs !== undefined && input.nowMs + delayMs > input.deadlineMs) return { retry: false, reason: 'past-deadline' }
  return { retry: true, delayMs }
}
