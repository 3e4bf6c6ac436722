import { baselineMarkOf } from '../../src/report/baseline.ts'
import type { BaselineComparison } from '../../src/report/baseline.ts'
import type { CheckResult } from '../../src/report/model.ts'
import type { RootCause } from '../../src/report/root-causes.ts'
import { escapeHtml } from './escape.ts'
import { evidenceCard } from './evidence.ts'
import { rulesCell } from './rules-cell.ts'

// What a reviewer reads first after the verdicts: the failures grouped by root cause, one
// line and its fix each (fix from the top), then each cause under its own heading with its
// rules, its checks, what it blocked and the evidence of every check it failed, so the
// request and answer behind the first cause sit right below the list, not after the table
// of every check. List item N links to the section cause-N.

type Failed = Extract<CheckResult, { status: 'fail' | 'warn' }>

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`

function counts(cause: RootCause): string {
  return [
    cause.checkIds.length ? `${plural(cause.checkIds.length, 'check')} ${cause.status === 'warn' ? 'warned' : 'failed'}` : '',
    cause.blockedIds.length ? `${plural(cause.blockedIds.length, 'check')} blocked` : '',
  ].filter(Boolean).join(', ')
}

const codes = (ids: readonly string[], evidenceIds: ReadonlyMap<string, string>): string =>
  ids.map((id) => {
    const target = evidenceIds.get(id)
    return target ? `<a href="#${target}"><code>${escapeHtml(id)}</code></a>` : `<code>${escapeHtml(id)}</code>`
  }).join(', ')

/** The ids of the evidence cards in the order the causes list them: every failed or warned check once. */
export function evidenceIdsByCause(causes: readonly RootCause[]): Map<string, string> {
  return new Map(causes.flatMap((c) => c.checkIds).map((id, i) => [id, `evidence-${i}`]))
}

/** A long list of blocked ids is folded: the count is what matters on a first read. */
function blockedLine(ids: readonly string[], evidenceIds: ReadonlyMap<string, string>): string {
  if (!ids.length) return ''
  const label = 'Blocked, not judged until this is fixed'
  return ids.length <= 6
    ? `<p class="blocked-ids">${label}: ${codes(ids, evidenceIds)}</p>`
    : `<details class="blocked-ids"><summary>${label}: ${plural(ids.length, 'check')}</summary>${codes(ids, evidenceIds)}</details>`
}

/** Most checks first: fixing the first cause fixes or unblocks the most. One line and its fix each: the rest is under the cause's evidence. */
export function causeList(causes: readonly RootCause[]): string {
  if (!causes.length) return ''
  const items = causes
    .map((c, i) => `<li class="cause-${c.status}" data-cause="${i + 1}"><a href="#cause-${i + 1}"><strong>${escapeHtml(c.heading)}</strong></a> <span class="muted">(${counts(c)})</span>`
      + (c.fix ? `<br><strong>Fix:</strong> ${escapeHtml(c.fix)}` : '')
      + '</li>')
    .join('')
  return `<h2>Failures by root cause</h2><p class="muted">Fix from the top: each cause is listed once, with the checks it failed and the checks it blocked (their set-up failed, so they were not judged). Its rules and the evidence follow below.</p><ol class="root-causes" id="root-causes">${items}</ol>`
}

/** Under each cause's heading: its rules and checks, what it blocked, then the evidence card of each check it failed. */
export function evidenceByCause(
  causes: readonly RootCause[],
  failed: readonly Failed[],
  evidenceIds: ReadonlyMap<string, string>,
  comparison: BaselineComparison | undefined,
): string {
  if (!causes.length) return ''
  const byId = new Map(failed.map((c) => [c.id, c]))
  const sections = causes.map((cause, i) => {
    const cards = cause.checkIds.flatMap((id) => {
      const check = byId.get(id)
      return check ? [evidenceCard(check, evidenceIds.get(id) ?? '', baselineMarkOf(comparison, id))] : []
    })
    const facts = [
      cause.rules.length ? `Rules: ${rulesCell(cause.rules)}` : '',
      cause.checkIds.length ? `Checks: ${codes(cause.checkIds, evidenceIds)}` : '',
    ].filter(Boolean).join('<br>')
    return `<section class="cause-evidence cause-${cause.status}" id="cause-${i + 1}" data-cause="${i + 1}"><h3 class="cause-title">${i + 1}. ${escapeHtml(cause.heading)} <span class="muted">(${counts(cause)})</span></h3>`
      + (facts ? `<p class="cause-facts">${facts}</p>` : '')
      + blockedLine(cause.blockedIds, evidenceIds)
      + cards.join('')
      + '</section>'
  })
  return `<h2>Evidence, by cause</h2>${sections.join('')}`
}
