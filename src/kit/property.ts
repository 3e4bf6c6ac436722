import fc from 'fast-check'
import { CheckFailure } from './check-failure.ts'
import type { ScimClient } from '../client/scim-client.ts'
import { toCurl } from '../client/exchange.ts'
import type { Exchange } from '../client/exchange.ts'

// forAll(): the only caller of fast-check's runner. A property is an async predicate
// that throws a CheckFailure when the target is wrong. On failure, fast-check shrinks
// to the smallest failing input, and the verdict is a CheckFailure whose evidence is
// the counterexample (the wire input, the seed, fast-check's path, a curl command)
// and the exchanges of the shrunk iteration alone. The same seed replays the same run.

export interface ForAllOptions<T> {
  readonly seed: number
  readonly runs: number
  /** The client of the check: every iteration gets its own fork of it, so evidence never mixes. */
  readonly scim: ScimClient
  /** The input as sent on the wire (a filter text, a query string): the report names it. */
  readonly describe: (value: T) => string
  /** fast-check's counterexample path, to replay only the shrunk case. */
  readonly path?: string
  /** Iterations in flight at once (default 8); 1 runs them one after another. Iterations must not depend on each other. */
  readonly parallel?: number
}

/** The run-wide permit limit (--concurrency) still caps requests in flight: more iterations only queue. */
const DEFAULT_PARALLEL = 8

export interface PropertyStats {
  /** Generated cases checked, shrinks excluded. */
  readonly runs: number
}

interface Failed {
  readonly value: unknown
  readonly exchanges: readonly Exchange[]
}

export async function forAll<T>(
  arbitrary: fc.Arbitrary<T>,
  predicate: (value: T, scim: ScimClient) => Promise<void>,
  options: ForAllOptions<T>,
): Promise<PropertyStats> {
  const parallel = options.parallel ?? DEFAULT_PARALLEL
  // At latency, 50 iterations one after another are 50 round trips: run the cases fast-check
  // would generate for this seed concurrently, and go through fast-check's own (sequential)
  // runner only to find and shrink a failure, so verdicts and replays stay exactly as they were.
  if (options.path === undefined && parallel > 1) {
    const cases = generatedCases(arbitrary, options)
    if (await allHold(cases, predicate, options.scim, parallel)) return { runs: cases.length }
  }
  let lastFailed: Failed | undefined
  const property = fc.asyncProperty(arbitrary, async (value) => {
    const scim = options.scim.fork()
    try {
      await predicate(value, scim)
    } catch (error) {
      // Shrinking only moves on to a failing case, so the last failure is the shrunk one.
      lastFailed = { value, exchanges: scim.exchanges }
      throw error
    }
  })
  const details = await fc.check(property, { seed: options.seed, numRuns: options.runs, ...(options.path !== undefined ? { path: options.path } : {}) })
  if (!details.failed) return { runs: details.numRuns }
  if (details.counterexample === null) throw new Error(`property gave up after ${details.numSkips} skipped cases`)
  const [value] = details.counterexample
  const exchanges = lastFailed?.value === value ? lastFailed.exchanges : []
  const error = details.errorInstance
  if (!(error instanceof CheckFailure)) {
    // A transport error or a bug in the check, not a verdict: keep it as it is.
    throw error instanceof Error ? Object.assign(error, { evidence: { exchanges } }) : new Error(String(error))
  }
  const input = options.describe(value)
  // The request to replay: the last write of the shrunk case (a PATCH, after its set-up
  // create), or, when it only reads, its first request (later ones page on from it).
  const key = exchanges.findLast((e) => e.method !== 'GET') ?? exchanges[0]
  const counterexample = { input, seed: details.seed, path: details.counterexamplePath, curl: key ? toCurl(key) : '' }
  throw new CheckFailure(
    `${error.message} (smallest failing input: ${input}; seed ${details.seed}, path ${details.counterexamplePath}, after ${details.numRuns} runs and ${details.numShrinks} shrinks)`,
    { ...error.evidence, exchanges, counterexample },
    error.requirement,
  )
}

/** The values fc.check generates for this seed and run count, in order (generation does not depend on outcomes). */
function generatedCases<T>(arbitrary: fc.Arbitrary<T>, options: ForAllOptions<T>): T[] {
  const cases: T[] = []
  fc.check(fc.property(arbitrary, (value) => {
    cases.push(value)
  }), { seed: options.seed, numRuns: options.runs })
  return cases
}

/**
 * Whether every case holds, checking `parallel` at once. Case k starts only once every case
 * before k − parallel has ended, and after a failure at case f no case from f + parallel on
 * starts: the cases sent are always the first f + parallel, however the answers interleave,
 * so a replay with the same seed sends the same requests.
 */
async function allHold<T>(cases: readonly T[], predicate: (value: T, scim: ScimClient) => Promise<void>, scim: ScimClient, parallel: number): Promise<boolean> {
  let next = 0
  let firstFailed = Number.POSITIVE_INFINITY
  /** Cases [0, ended) have all ended. */
  let ended = 0
  const hasEnded: boolean[] = []
  const waiting: (() => void)[] = []
  const worker = async (): Promise<void> => {
    for (;;) {
      const k = next
      if (k >= cases.length || k >= firstFailed + parallel) return
      if (k >= ended + parallel) {
        await new Promise<void>((resolve) => waiting.push(resolve))
        continue
      }
      next++
      try {
        await predicate(cases[k] as T, scim.fork())
      } catch {
        firstFailed = Math.min(firstFailed, k)
      }
      hasEnded[k] = true
      while (hasEnded[ended]) ended++
      for (const wake of waiting.splice(0)) wake()
    }
  }
  await Promise.all(Array.from({ length: Math.min(parallel, cases.length) }, worker))
  return firstFailed === Number.POSITIVE_INFINITY
}
