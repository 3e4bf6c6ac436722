import { createHistogram, type Histogram, type LatencySummary } from './histogram.ts'
import type { HttpRequest } from '../client/http.ts'
import type { LoadResponse, LoadSend } from './transport.ts'

// Counts what a load run saw, in fixed memory: per operation a latency histogram,
// and errors, 429s and transport failures, with the first few examples kept.

export interface OperationStats {
  readonly operation: string
  readonly latency: LatencySummary
  readonly errors: number
}

export interface Tally {
  readonly requests: number
  readonly errors: number
  readonly throttled: number
  readonly transportErrors: number
  readonly latency: LatencySummary
  readonly operations: readonly OperationStats[]
  /** Up to five, e.g. "POST /Users answered 500". */
  readonly examples: readonly string[]
}

export interface Recorder {
  /** Sends through the transport and records the outcome; never throws: a failure is a count. */
  send(operation: string, request: HttpRequest, expected: readonly number[]): Promise<LoadResponse | undefined>
  tally(): Tally
}

const MAX_EXAMPLES = 5

export function createRecorder(transport: LoadSend): Recorder {
  const all = createHistogram()
  const perOperation = new Map<string, { histogram: Histogram; errors: number }>()
  const examples: string[] = []
  let requests = 0
  let errors = 0
  let throttled = 0
  let transportErrors = 0
  const example = (text: string) => {
    if (examples.length < MAX_EXAMPLES) examples.push(text)
  }
  return {
    async send(operation, request, expected) {
      let stats = perOperation.get(operation)
      if (!stats) perOperation.set(operation, (stats = { histogram: createHistogram(), errors: 0 }))
      requests++
      const started = performance.now()
      try {
        const response = await transport(request)
        const ms = performance.now() - started
        all.record(ms)
        stats.histogram.record(ms)
        if (response.status === 429) throttled++
        else if (!expected.includes(response.status)) {
          errors++
          stats.errors++
          example(`${request.method} ${request.path} answered ${response.status}`)
        }
        return response
      } catch (error) {
        transportErrors++
        errors++
        stats.errors++
        example((error as Error).message)
        return undefined
      }
    },
    tally: () => ({
      requests, errors, throttled, transportErrors,
      latency: all.summary(),
      operations: [...perOperation].map(([operation, s]) => ({ operation, latency: s.histogram.summary(), errors: s.errors })),
      examples: [...examples],
    }),
  }
}
