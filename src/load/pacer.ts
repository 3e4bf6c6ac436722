import { setTimeout as sleep } from 'node:timers/promises'

// Sends at a fixed rate (open loop: request n leaves at start + n / rate, whether
// or not earlier ones have answered), or, with rate 'unbounded', as fast as
// `maxInFlight` closed loops allow. Never more than `maxInFlight` in flight; when
// that cap holds a request back, the delay is counted (the target is too slow for
// the rate), not hidden.

export interface PaceOptions {
  /** Requests per second, or 'unbounded' for as many as maxInFlight loops can send. */
  readonly rate: number | 'unbounded'
  readonly durationMs: number
  readonly maxInFlight: number
  readonly signal?: AbortSignal
}

export interface PaceResult {
  readonly sent: number
  /** From the first request to the last answer. */
  readonly elapsedMs: number
  /** Requests that left later than their slot because maxInFlight were already in flight. */
  readonly heldBack: number
}

export async function pace(options: PaceOptions, send: (n: number) => Promise<void>): Promise<PaceResult> {
  const started = performance.now()
  const endAt = started + options.durationMs
  let sent = 0
  let heldBack = 0
  const stopped = () => performance.now() >= endAt || options.signal?.aborted === true
  if (options.rate === 'unbounded') {
    const loop = async (): Promise<void> => {
      while (!stopped()) await send(sent++)
    }
    await Promise.all(Array.from({ length: options.maxInFlight }, loop))
    return { sent, elapsedMs: performance.now() - started, heldBack }
  }
  const intervalMs = 1000 / options.rate
  const inFlight = new Set<Promise<void>>()
  while (!stopped()) {
    const due = Math.floor((performance.now() - started) / intervalMs) + 1
    while (sent < due && !stopped()) {
      if (inFlight.size >= options.maxInFlight) {
        heldBack++
        await Promise.race(inFlight)
        continue
      }
      const request: Promise<void> = send(sent++).finally(() => inFlight.delete(request))
      inFlight.add(request)
    }
    const nextSlot = started + sent * intervalMs
    await sleep(Math.max(0, Math.min(nextSlot, endAt) - performance.now()))
  }
  await Promise.all(inFlight)
  return { sent, elapsedMs: performance.now() - started, heldBack }
}
