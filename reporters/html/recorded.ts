import type { Exchange } from '../../src/client/exchange.ts'
import type { CheckResult } from '../../src/report/model.ts'
import { escapeHtml } from './escape.ts'
import { exchangeBlock } from './evidence.ts'

// --record all: what each check that did not fail sent and received, one folded card per
// check (a full run records hundreds of exchanges), each exchange with its replaying curl.

export type RecordedCheck = Extract<CheckResult, { status: 'pass' | 'skip' | 'blocked' }> & { readonly exchanges: readonly Exchange[] }

export const recordedChecks = (checks: readonly CheckResult[]): RecordedCheck[] =>
  checks.filter((c): c is RecordedCheck => (c.status === 'pass' || c.status === 'skip' || c.status === 'blocked') && (c.exchanges?.length ?? 0) > 0)

export function recordedSection(checks: readonly RecordedCheck[], ids: ReadonlyMap<string, string>): string {
  if (!checks.length) return ''
  const cards = checks.map((check) => {
    const domId = ids.get(check.id) ?? ''
    const count = `${check.exchanges.length} exchange${check.exchanges.length === 1 ? '' : 's'}`
    return `<details class="recorded" id="${domId}" data-recorded-for="${escapeHtml(check.id)}"><summary><span class="badge badge-${check.status}">${check.status}</span> <code>${escapeHtml(check.id)}</code> <span class="muted">${escapeHtml(check.area)} · ${count}</span></summary>`
      + `${check.exchanges.map((e, i) => exchangeBlock(e, `${domId}-x${i}`)).join('')}</details>`
  })
  return `<h2>Exchanges of the checks that did not fail</h2><p class="muted">Recorded with --record all, redacted as the evidence of failures is.</p>${cards.join('')}`
}
