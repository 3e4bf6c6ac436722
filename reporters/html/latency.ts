import type { Exchange } from '../../src/client/exchange.ts'
import type { Report } from '../../src/report/model.ts'

// Latency per operation type, from the exchanges the report carries. Operations are
// named by method and resource path kind ("GET /Users?filter", "PATCH /Groups/{id}"),
// so ids and filter values never split a group.

export interface OperationLatency {
  readonly operation: string
  readonly count: number
  readonly p50: number
  readonly p95: number
  readonly max: number
}

export function operationOf(exchange: Exchange, baseUrl: string): string {
  let url: URL
  try {
    url = new URL(exchange.url)
  } catch {
    return `${exchange.method} (unparsable URL)`
  }
  let basePath = ''
  try {
    basePath = new URL(baseUrl).pathname.replace(/\/+$/, '')
  } catch {
    // A base URL that does not parse leaves the full path as the operation.
  }
  const path = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) : url.pathname
  const [resource, id] = path.split('/').filter(Boolean)
  const shape = resource === undefined ? '/' : id === undefined ? `/${resource}` : `/${resource}/{id}`
  const query = url.searchParams.has('filter') ? '?filter' : ''
  return `${exchange.method.toUpperCase()} ${shape}${query}`
}

// Nearest-rank percentile: always an observed value, never an interpolation.
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[rank - 1] ?? 0
}

/** Only exchanges that got a response: a transport timeout is not a latency. */
export function latencyByOperation(report: Report): OperationLatency[] {
  const samples = new Map<string, number[]>()
  for (const check of report.checks) {
    if (check.status !== 'fail' && check.status !== 'warn') continue
    for (const exchange of check.evidence.exchanges) {
      if (exchange.status === undefined) continue
      const operation = operationOf(exchange, report.target.baseUrl)
      const list = samples.get(operation) ?? []
      list.push(exchange.durationMs)
      samples.set(operation, list)
    }
  }
  return [...samples.entries()]
    .map(([operation, durations]) => {
      const sorted = [...durations].sort((a, b) => a - b)
      return { operation, count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] ?? 0 }
    })
    .sort((a, b) => a.operation.localeCompare(b.operation))
}
