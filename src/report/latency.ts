// Latency per operation type. Operations are named by method and resource path
// kind ("GET /Users?filter", "PATCH /Groups/{id}"), so ids and filter values never split a group.

export interface OperationLatency {
  readonly operation: string
  readonly count: number
  readonly p50: number
  readonly p95: number
  readonly max: number
}

export interface TimingSample {
  readonly operation: string
  readonly ms: number
}

/** `path` is below the base URL, e.g. '/Users/123'. */
export function operationOf(method: string, path: string, hasFilter: boolean): string {
  const [resource, id] = path.split('?')[0]!.split('/').filter(Boolean)
  const shape = resource === undefined ? '/' : id === undefined ? `/${resource}` : `/${resource}/{id}`
  return `${method.toUpperCase()} ${shape}${hasFilter ? '?filter' : ''}`
}

// Nearest-rank percentile: always an observed value, never an interpolation.
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[rank - 1] ?? 0
}

export function summarizeLatency(samples: readonly TimingSample[]): OperationLatency[] {
  const byOperation = new Map<string, number[]>()
  for (const { operation, ms } of samples) {
    const list = byOperation.get(operation) ?? []
    list.push(ms)
    byOperation.set(operation, list)
  }
  return [...byOperation.entries()]
    .map(([operation, durations]) => {
      const sorted = [...durations].sort((a, b) => a - b)
      return { operation, count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] ?? 0 }
    })
    .sort((a, b) => a.operation.localeCompare(b.operation))
}
