import { setTimeout as sleep } from 'node:timers/promises'

// --rate: requests leave at most `perSecond` per second, evenly spaced. Each
// process (main and every vitest worker) holds its own limiter with its share
// of the rate, so the whole run stays under the limit without coordination.

export interface RateLimiter {
  /** Resolves when the next request may leave; returns how long it waited, in ms. */
  acquire(): Promise<number>
}

export function createRateLimiter(perSecond: number): RateLimiter {
  const intervalMs = 1000 / perSecond
  let nextSlot = 0
  return {
    async acquire() {
      const now = performance.now()
      const slot = Math.max(now, nextSlot)
      nextSlot = slot + intervalMs
      const waitMs = slot - now
      if (waitMs > 0) await sleep(waitMs)
      return Math.round(waitMs)
    },
  }
}

/** The share of a run-wide rate one of `processes` concurrent senders may use. */
export const rateShare = (perSecond: number, processes: number): number => perSecond / Math.max(1, processes)
