import type { BaselineComparison } from '../../src/report/baseline.ts'
import { baselineMarkOf } from '../../src/report/baseline.ts'
import type { CheckResult, CheckStatus } from '../../src/report/model.ts'
import { causeLabel } from '../../src/report/blocked-causes.ts'
import { escapeHtml } from './escape.ts'
import { baselineBadge } from './evidence.ts'
import { rulesCell } from './rules-cell.ts'

// The table of every check, with the status filters and the search box the page
// script drives (ids and data attributes are the contract with script.ts and the
// browser test).

const statuses: readonly CheckStatus[] = ['fail', 'warn', 'blocked', 'pass', 'skip']
const statusLabels: Record<CheckStatus, string> = { fail: 'Failed', warn: 'Warnings', blocked: 'Blocked', pass: 'Passed', skip: 'Skipped' }

function detail(check: CheckResult): string {
  if (check.status === 'blocked') return `<div class="detail">Not judged: ${escapeHtml(check.reason)}. Blocked by ${escapeHtml(causeLabel(check.cause))}</div>`
  if (check.status === 'skip') return `<div class="detail">${escapeHtml(check.reason)}</div>`
  if (check.status === 'fail' || check.status === 'warn') return `<div class="detail">${escapeHtml(check.message)}</div>`
  return ''
}

export function checksTable(
  checks: readonly CheckResult[],
  evidenceIds: ReadonlyMap<string, string>,
  comparison: BaselineComparison | undefined,
): string {
  const counts = new Map<CheckStatus, number>(statuses.map((s) => [s, checks.filter((c) => c.status === s).length]))
  const toggles = statuses
    .map((s) => `<label class="toggle toggle-${s}"><input type="checkbox" data-status-filter="${s}" checked> ${statusLabels[s]} (${counts.get(s) ?? 0})</label>`)
    .join('')
  const controls = `<div class="controls no-print"><button type="button" id="filter-failed">Failed only</button><button type="button" id="filter-all">Show all</button>${toggles}<input type="search" id="search" placeholder="Search checks, rules, messages" aria-label="Search checks"><span id="visible-count" class="muted"></span></div>`
  const rows = checks.map((check) => {
    const evidenceId = evidenceIds.get(check.id)
    const idCell = evidenceId ? `<a href="#${evidenceId}"><code>${escapeHtml(check.id)}</code></a>` : `<code>${escapeHtml(check.id)}</code>`
    return `<tr data-status="${check.status}" data-check-id="${escapeHtml(check.id)}"><td>${idCell}${detail(check)}</td><td>${escapeHtml(check.area)}</td><td>${rulesCell(check.verifies)}</td><td>${check.level}</td><td><span class="badge badge-${check.status}">${check.status}</span>${baselineBadge(baselineMarkOf(comparison, check.id))}</td><td class="num">${check.durationMs} ms</td></tr>`
  })
  return `${controls}<table class="checks"><thead><tr><th>Check</th><th>Area</th><th>Rules</th><th>Level</th><th>Status</th><th class="num">Duration</th></tr></thead><tbody>${rows.join('')}</tbody></table><p id="no-match" class="muted" hidden>No check matches the filter.</p>`
}
