import type { AreaChecks } from '../../src/report/areas.ts'
import { countByStatus } from '../../src/report/model.ts'
import type { CheckStatus } from '../../src/report/model.ts'
import { escapeHtml } from './escape.ts'
import type { OperationLatency } from '../../src/report/latency.ts'

// Inline SVG charts: no chart library and no network, and they print as vectors.

const statusOrder: readonly CheckStatus[] = ['pass', 'warn', 'fail', 'blocked', 'skip']
const width = 760
const labelWidth = 180
const countWidth = 200
const barWidth = width - labelWidth - countWidth
const rowHeight = 24

const round = (n: number): string => String(Math.round(n * 10) / 10)

/** One stacked bar per area: pass, warn, fail, skip. */
export function areaChart(areas: readonly AreaChecks[]): string {
  const max = Math.max(1, ...areas.map((a) => a.checks.length))
  const rows = areas.map(({ area, checks }, i) => {
    const counts = countByStatus(checks)
    const y = i * rowHeight
    let x = labelWidth
    const segments = statusOrder
      .filter((s) => counts[s] > 0)
      .map((status) => {
        const w = (counts[status] / max) * barWidth
        const rect = `<rect class="bar-${status}" x="${round(x)}" y="${y + 4}" width="${round(w)}" height="${rowHeight - 8}"><title>${escapeHtml(area)}: ${counts[status]} ${status}</title></rect>`
        x += w
        return rect
      })
      .join('')
    const summary = statusOrder.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`).join(' · ')
    return `<g><text class="chart-label" x="${labelWidth - 8}" y="${y + rowHeight / 2 + 4}" text-anchor="end">${escapeHtml(area)}</text>${segments}<text class="chart-value" x="${round(x + 6)}" y="${y + rowHeight / 2 + 4}">${summary}</text></g>`
  })
  const height = Math.max(rowHeight, areas.length * rowHeight)
  return `<svg class="chart" role="img" aria-label="Results per area" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${rows.join('')}</svg>`
}

/** Per operation: max, p95 and p50 drawn over each other on one shared millisecond scale. */
export function latencyChart(operations: readonly OperationLatency[]): string {
  const max = Math.max(1, ...operations.map((o) => o.max))
  const scale = (ms: number): number => Math.max(1, (ms / max) * barWidth)
  const rows = operations.map((o, i) => {
    const y = i * rowHeight
    const bars = (['max', 'p95', 'p50'] as const)
      .map((k) => `<rect class="lat-${k}" x="${labelWidth}" y="${y + 4}" width="${round(scale(o[k]))}" height="${rowHeight - 8}"><title>${escapeHtml(o.operation)} ${k} ${o[k]} ms</title></rect>`)
      .join('')
    return `<g><text class="chart-label" x="${labelWidth - 8}" y="${y + rowHeight / 2 + 4}" text-anchor="end">${escapeHtml(o.operation)}</text>${bars}<text class="chart-value" x="${round(labelWidth + scale(o.max) + 6)}" y="${y + rowHeight / 2 + 4}">${o.p50} / ${o.p95} / ${o.max} ms</text></g>`
  })
  const height = Math.max(rowHeight, operations.length * rowHeight)
  return `<svg class="chart" role="img" aria-label="Latency per operation: p50, p95, max" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${rows.join('')}</svg>`
}
