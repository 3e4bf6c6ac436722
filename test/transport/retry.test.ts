import { describe, it, expect } from 'vitest'
import { backoffMs, parseRetryAfter, retryDecision, DEFAULT_RETRY_POLICY } from '../../src/client/retry.ts'
import { rateShare } from '../../src/client/rate-limit.ts'

// The retry delay as a pure function: Retry-After in both RFC 9110 forms, and
// the jittered backoff used when the server gives none.

const NOW = Date.parse('2025-06-01T12:00:00Z')

describe('parseRetryAfter', () => {
  it.each([
    ['0', 0],
    ['1', 1000],
    [' 120 ', 120_000],
  ])('delay-seconds %j → %i ms', (value, ms) => {
    expect(parseRetryAfter(value, NOW)).toBe(ms)
  })

  it('an HTTP date in the future → the time until it', () => {
    expect(parseRetryAfter('Sun, 01 Jun 2025 12:00:30 GMT', NOW)).toBe(30_000)
  })

  it('an HTTP date in the past → 0 (retry now)', () => {
    expect(parseRetryAfter('Sun, 01 Jun 2025 11:59:00 GMT', NOW)).toBe(0)
  })

  it.each([undefined, '', 'soon', '-5', '1.5', '2025-06-01T12:00:30Z', 'Mon, 99 Foo 2025 25:00:00 GMT'])('garbage %j → undefined (backoff decides)', (value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined()
  })
})

describe('backoffMs', () => {
  const policy = { maxRetries: 5, baseMs: 500, capMs: 8000 }

  it('doubles its ceiling each attempt, up to the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map((attempt) => backoffMs(attempt, policy, () => 1))).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000])
  })

  it('is jittered down to 0 and never negative', () => {
    expect(backoffMs(3, policy, () => 0)).toBe(0)
    for (let i = 0; i < 200; i++) {
      const ms = backoffMs(i % 8, policy, Math.random)
      expect(ms).toBeGreaterThanOrEqual(0)
      expect(ms).toBeLessThanOrEqual(Math.min(8000, 500 * 2 ** (i % 8)))
    }
  })
})

describe('retryDecision', () => {
  const base = { retryAfter: undefined, attempt: 0, policy: DEFAULT_RETRY_POLICY, nowMs: NOW, random: () => 0.5 }

  it('retries 429 and 503 only', () => {
    expect(retryDecision({ ...base, status: 429, retryAfter: '1' })).toEqual({ retry: true, delayMs: 1000 })
    expect(retryDecision({ ...base, status: 503 })).toEqual({ retry: true, delayMs: 250 })
    expect(retryDecision({ ...base, status: 500 })).toEqual({ retry: false, reason: 'not-throttled' })
    expect(retryDecision({ ...base, status: 401 })).toEqual({ retry: false, reason: 'not-throttled' })
  })

  it('stops after --max-retries', () => {
    expect(retryDecision({ ...base, status: 429, attempt: 4, policy: { ...DEFAULT_RETRY_POLICY, maxRetries: 5 } }).retry).toBe(true)
    expect(retryDecision({ ...base, status: 429, attempt: 5, policy: { ...DEFAULT_RETRY_POLICY, maxRetries: 5 } })).toEqual({ retry: false, reason: 'retries-exhausted' })
    expect(retryDecision({ ...base, status: 429, policy: { ...DEFAULT_RETRY_POLICY, maxRetries: 0 } })).toEqual({ retry: false, reason: 'retries-exhausted' })
  })

  it('caps a long Retry-After, and takes no wait past the run deadline', () => {
    expect(retryDecision({ ...base, status: 429, retryAfter: '3600' })).toEqual({ retry: true, delayMs: DEFAULT_RETRY_POLICY.capMs })
    expect(retryDecision({ ...base, status: 429, retryAfter: '10', deadlineMs: NOW + 5000 })).toEqual({ retry: false, reason: 'past-deadline' })
    expect(retryDecision({ ...base, status: 429, retryAfter: '4', deadlineMs: NOW + 5000 })).toEqual({ retry: true, delayMs: 4000 })
  })
})

it('rateShare splits a run-wide rate evenly over the sending processes', () => {
  expect(rateShare(5, 4)).toBe(1.25)
  expect(rateShare(5, 1)).toBe(5)
  expect(rateShare(5, 0)).toBe(5)
})
