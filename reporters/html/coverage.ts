import { requirements, type Requirement } from '../../src/catalogue/index.ts'
import type { Coverage } from '../../src/report/model.ts'
import { escapeHtml } from './escape.ts'

// The catalogue coverage of report.html: one row per source and section (how many of its
// observable requirements a check covers), with the uncovered ids folded away.

const SOURCES: Readonly<Record<Requirement['source'], string>> = { RFC7643: 'RFC 7643', RFC7644: 'RFC 7644', RFC7235: 'RFC 7235', RFC6750: 'RFC 6750', Entra: 'Microsoft Entra' }
const ORDER = Object.keys(SOURCES)

interface Row { readonly source: Requirement['source']; readonly label: string; readonly key: string; total: number; uncovered: number }

function rowOf(r: Requirement): Omit<Row, 'total' | 'uncovered'> {
  if (r.source === 'Entra') return { source: r.source, label: `${SOURCES.Entra}: ${r.title ?? r.section}`, key: r.section }
  const top = r.section.split('.').slice(0, 2).join('.')
  return { source: r.source, label: `${SOURCES[r.source]} §${top}`, key: top }
}

const byNumber = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true })

export function coverageSection(coverage: Coverage): string {
  const { observable, covered, uncovered } = coverage
  const percent = observable ? Math.round((covered / observable) * 100) : 0
  const missing = new Set(uncovered)
  const rows = new Map<string, Row>()
  for (const [id, r] of Object.entries(requirements) as [string, Requirement][]) {
    if (r.unobservable !== undefined) continue
    const base = rowOf(r)
    const row = rows.get(base.label) ?? { ...base, total: 0, uncovered: 0 }
    row.total++
    if (missing.has(id)) row.uncovered++
    rows.set(base.label, row)
  }
  const sorted = [...rows.values()].sort((a, b) => ORDER.indexOf(a.source) - ORDER.indexOf(b.source) || byNumber(a.key, b.key))
  const body = sorted.map((row) => {
    const done = row.total - row.uncovered
    const share = Math.round((done / row.total) * 100)
    return `<tr><td>${escapeHtml(row.label)}</td><td>${done} of ${row.total}</td><td><div class="coverage-bar" aria-hidden="true"><span style="width:${share}%"></span></div></td></tr>`
  }).join('')
  const folded = uncovered.length
    ? `<details><summary>${uncovered.length} requirement(s) not yet covered</summary><p class="muted">${uncovered.map((id) => `<code>${escapeHtml(id)}</code>`).join(', ')}</p></details>`
    : ''
  return `<h2>Catalogue coverage</h2><div class="coverage-bar" aria-hidden="true"><span style="width:${percent}%"></span></div>`
    + `<p id="coverage"><strong>${covered} of ${observable}</strong> observable requirements of the catalogue covered by a check (${percent}%).</p>`
    + `<table class="coverage"><thead><tr><th>Source and section</th><th>Covered</th><th></th></tr></thead><tbody>${body}</tbody></table>${folded}`
}
