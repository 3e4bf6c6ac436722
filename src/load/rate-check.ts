import { pace } from './pacer.ts'
import { createRecorder, type Tally } from './recorder.ts'
import { createTrafficMix } from './traffic-mix.ts'
import type { LoadSend } from './transport.ts'

// One step of the load check: Entra's traffic mix at a fixed rate for a duration,
// judged against the rate asked for. --rate max repeats it at rising rates.

export interface RateStep {
  readonly targetRate: number
  readonly achievedRate: number
  readonly durationMs: number
  readonly tally: Tally
  /** Requests that left late because maxInFlight were already waiting on the target. */
  readonly heldBack: number
  readonly sustained: boolean
}

export interface RateStepOptions {
  readonly transport: LoadSend
  readonly journalPath: string
  readonly prefix: string
  readonly rate: number
  readonly durationMs: number
  readonly maxInFlight: number
  readonly signal?: AbortSignal
}

/** Achieved within 5 % of the target, no error, no 429. */
const SUSTAINED_SHARE = 0.95

export async function rateStep(options: RateStepOptions): Promise<RateStep> {
  const recorder = createRecorder(options.transport)
  const mix = createTrafficMix(recorder, options.journalPath, options.prefix)
  await mix.setUp(createRecorder(options.transport))
  const result = await pace(
    { rate: options.rate, durationMs: options.durationMs, maxInFlight: options.maxInFlight, ...(options.signal ? { signal: options.signal } : {}) },
    (n) => mix.send(n),
  )
  const tally = recorder.tally()
  const achievedRate = result.sent / (result.elapsedMs / 1000)
  return {
    targetRate: options.rate,
    achievedRate: Math.round(achievedRate * 10) / 10,
    durationMs: Math.round(result.elapsedMs),
    tally,
    heldBack: result.heldBack,
    sustained: tally.errors === 0 && tally.throttled === 0 && achievedRate >= options.rate * SUSTAINED_SHARE,
  }
}

/** --rate max: doubles from `from` until a step is not sustained, then halves the gap twice. */
export async function findMaxRate(options: Omit<RateStepOptions, 'rate'> & { readonly from: number; readonly maxSteps: number }): Promise<{ readonly best?: RateStep; readonly steps: readonly RateStep[] }> {
  const steps: RateStep[] = []
  let best: RateStep | undefined
  let failedAt: number | undefined
  let rate = options.from
  while (steps.length < options.maxSteps && !options.signal?.aborted) {
    // Each step names its resources apart: the previous step's are only deleted at the end.
    const step = await rateStep({ ...options, rate, prefix: `${options.prefix}s${steps.length}-` })
    steps.push(step)
    if (step.sustained) best = step
    else failedAt = rate
    if (failedAt === undefined) rate *= 2
    else if (best === undefined) break // not even the first rate holds
    else {
      const next = Math.round((best.targetRate + failedAt) / 2)
      if (failedAt - best.targetRate <= best.targetRate / 8) break // close enough
      rate = next
    }
  }
  return { ...(best ? { best } : {}), steps }
}
