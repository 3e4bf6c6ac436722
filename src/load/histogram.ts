// Latency percentiles in fixed memory: a log-scale histogram (buckets 2 % wide,
// 10 µs to ~10 min), so a run of a million requests costs no more than one of ten.

const MIN_MS = 0.01
const GROWTH = 1.02
const BUCKETS = Math.ceil(Math.log(60_000_000) / Math.log(GROWTH)) + 1

export interface LatencySummary {
  readonly count: number
  readonly p50: number
  readonly p95: number
  readonly p99: number
  readonly max: number
}

export interface Histogram {
  record(ms: number): void
  summary(): LatencySummary
}

export function createHistogram(): Histogram {
  const counts = new Uint32Array(BUCKETS)
  let count = 0
  let max = 0
  const bucketOf = (ms: number): number => Math.min(BUCKETS - 1, Math.max(0, Math.floor(Math.log(Math.max(ms, MIN_MS) / MIN_MS) / Math.log(GROWTH))))
  // The upper bound of a bucket: a percentile is never reported lower than it was.
  const upperOf = (bucket: number): number => MIN_MS * GROWTH ** (bucket + 1)
  const percentile = (p: number): number => {
    if (count === 0) return 0
    const rank = Math.ceil((p / 100) * count)
    let seen = 0
    for (let b = 0; b < BUCKETS; b++) {
      seen += counts[b] as number
      if (seen >= rank) return Math.min(max, upperOf(b))
    }
    return max
  }
  return {
    record(ms) {
      const bucket = bucketOf(ms)
      counts[bucket] = (counts[bucket] ?? 0) + 1
      count++
      if (ms > max) max = ms
    },
    summary: () => ({ count, p50: round(percentile(50)), p95: round(percentile(95)), p99: round(percentile(99)), max: round(max) }),
  }
}

const round = (ms: number): number => Math.round(ms * 100) / 100
