import { groupByArea } from '../src/report/areas.ts'
import { baselineExitCode } from '../src/report/baseline.ts'
import type { BaselineComparison } from '../src/report/baseline.ts'
import { countByStatus, outcome } from '../src/report/model.ts'
import type { CheckResult, Report } from '../src/report/model.ts'
import { areaChart, latencyChart } from './html/charts.ts'
import { checksTable } from './html/checks-table.ts'
import { coverageSection } from './html/coverage.ts'
import { verdictLines } from '../src/report/gates.ts'
import { galleryRows } from '../src/report/gallery.ts'
import { escapeHtml } from './html/escape.ts'
import { recordedChecks, recordedSection } from './html/recorded.ts'
import { rootCauses } from '../src/report/root-causes.ts'
import { causeList, evidenceByCause, evidenceIdsByCause } from './html/causes.ts'
import { script } from './html/script.ts'
import { styles } from './html/styles.ts'
import { runFacts } from './run-facts.ts'

// report.html: one self-contained file that opens from disk. The Content-Security-
// Policy forbids every fetch, so a regression that adds an external asset shows up
// as a console error in the browser test rather than as a silent network request.

type Failed = Extract<CheckResult, { status: 'fail' | 'warn' }>

const csp = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

function header(report: Report, comparison: BaselineComparison | undefined): string {
  const counts = countByStatus(report.checks)
  const { verdict: result, label } = outcome(report)
  const gate = comparison
    ? `<div>baseline: ${baselineExitCode(comparison) === 0 ? 'no regression' : `${comparison.newFailures.length} new failure(s)`}</div>`
    : ''
  const facts: [string, string][] = [
    ['Target', report.target.baseUrl],
    ['Profile', report.profile],
    ['Dialect', report.dialect],
    ['Started', report.startedAt.replace(/^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(\.\d+)?Z$/, '$1 $2 UTC')],
    ['Duration', `${(report.durationMs / 1000).toFixed(1)} s`],
    ['Seed', String(report.seed)],
    ['Tool', `${report.tool.name} ${report.tool.version}`],
  ]
  const countBoxes = (['fail', 'warn', 'blocked', 'pass', 'skip'] as const)
    .map((s) => `<div class="count count-${s}"><b>${counts[s]}</b>${{ fail: 'failed', warn: 'warnings', blocked: 'blocked', pass: 'passed', skip: 'skipped' }[s]}</div>`)
    .join('')
  return `<header class="summary"><div><h1>SCIM conformance report</h1><dl>${facts.map(([k, v]) => `<dt>${k}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl><div class="counts">${countBoxes}</div></div>`
    + `<div class="verdict verdict-${result}" id="verdict" data-verdict="${result}"><strong>${label}</strong><div>${counts.fail} required check(s) failed of ${report.checks.length}</div>${gate}</div></header>`
}

function notices(report: Report, comparison: BaselineComparison | undefined): string {
  const out: string[] = []
  if (report.interrupted) out.push('<p class="notice">The run was interrupted: not every check ran, so this is no verdict on the server.</p>')
  if (report.selection) out.push('<p class="notice">Partial run: only the selected checks ran, so this is no verdict on the whole suite.</p>')
  for (const warning of report.transport?.warnings ?? []) out.push(`<p class="notice transport-warning"><strong>Warning:</strong> ${escapeHtml(warning)}</p>`)
  if (report.cleanup.leftover.length) {
    const items = report.cleanup.leftover.map((l) => `<li>${escapeHtml(l.kind)} <code>${escapeHtml(l.id)}</code>: ${escapeHtml(l.reason)}</li>`).join('')
    out.push(`<div class="notice"><strong>${report.cleanup.leftover.length} resource(s) the run created could not be deleted:</strong><ul>${items}</ul></div>`)
  }
  if (comparison) {
    const list = (title: string, ids: readonly string[]): string => `<li>${title}: ${ids.length ? ids.map((id) => `<code>${escapeHtml(id)}</code>`).join(', ') : 'none'}</li>`
    out.push(`<div class="notice"><strong>Compared with a baseline.</strong> Only new failures fail the run.<ul>${list('New failures', comparison.newFailures)}${list('Known failures', comparison.knownFailures)}${list('Fixed', comparison.fixed)}</ul></div>`)
  }
  return out.join('')
}

function latencySection(report: Report): string {
  const operations = report.traffic.latency
  if (!operations.length) return '<h2>Latency per operation</h2><p class="muted">No exchange in this report carries a response time.</p>'
  const rows = operations.map((o) => `<tr><td>${escapeHtml(o.operation)}</td><td>${o.count}</td><td>${o.p50}</td><td>${o.p95}</td><td>${o.max}</td></tr>`).join('')
  const samples = operations.reduce((sum, o) => sum + o.count, 0)
  return `<h2>Latency per operation</h2><p class="muted">From the ${samples} exchange(s) recorded as evidence in this report, in milliseconds.</p>${latencyChart(operations)}`
    + '<div class="legend"><span><i class="lat-p50" style="background:#2f5fa8"></i>p50</span><span><i style="background:#7aa2d8"></i>p95</span><span><i style="background:#c8d7ee"></i>max</span></div>'
    + `<table class="latency"><thead><tr><th>Operation</th><th>n</th><th>p50</th><th>p95</th><th>max</th></tr></thead><tbody>${rows}</tbody></table>`
}


function runDetails(report: Report): string {
  const { cleanup } = report
  const facts = runFacts(report).map((f) => `<dt>${escapeHtml(f.label)}</dt><dd>${escapeHtml(f.value)}</dd>`).join('')
  return `<h2>Run details</h2><dl class="run-facts" id="run-facts">${facts}</dl><p>Created ${cleanup.created} resource(s), deleted ${cleanup.deleted}.</p>`
    + `<p>Replay this run with seed <code>${report.seed}</code>. The curl commands read the token from <code>$SCIM_CONFORM_TOKEN</code>; the report holds no credential.</p>`
}

/** The three verdicts side by side, then Microsoft's gallery tests one by one. */
function verdictSection(report: Report): string {
  const cards = verdictLines(report).map((v) => `<div class="verdict-card ${v.ok ? 'ok' : 'bad'}" data-verdict-of="${escapeHtml(v.label)}"><strong>${escapeHtml(v.label)}</strong><p>${escapeHtml(v.text)}</p></div>`).join('')
  const gate = report.gate ? `<p class="muted">The exit code follows the ${escapeHtml(report.gate)} verdict (--gate ${escapeHtml(report.gate)}).</p>` : ''
  const rows = galleryRows(report).map((r) => `<tr data-gallery="${escapeHtml(r.status)}"><td>${escapeHtml(r.name)}</td><td>${escapeHtml(r.status)}</td><td>${r.checks.map((id) => `<code>${escapeHtml(id)}</code>`).join(' ') || '<span class="muted">no check sends it yet</span>'}</td></tr>`).join('')
  return `<h2>Verdicts</h2><div class="verdicts">${cards}</div>${gate}`
    + `<details class="gallery"><summary>Microsoft's gallery validator, test by test</summary><table class="gallery"><thead><tr><th>Test</th><th>Result</th><th>Checks</th></tr></thead><tbody>${rows}</tbody></table></details>`
}

export function html(report: Report, comparison?: BaselineComparison): string {
  const failed = report.checks.filter((c): c is Failed => c.status === 'fail' || c.status === 'warn')
  const causes = rootCauses(report.checks)
  const recorded = recordedChecks(report.checks)
  const evidenceIds = new Map([...evidenceIdsByCause(causes), ...recorded.map((c, i) => [c.id, `recorded-${i}`] as const)])
  const legend = '<div class="legend"><span><i style="background:#2e7d32"></i>pass</span><span><i style="background:#b26a00"></i>warn</span><span><i style="background:#c62828"></i>fail</span><span><i style="background:#a993c9"></i>blocked</span><span><i style="background:#b8bec6"></i>skip</span></div>'
  // The order a reviewer reads in: the verdicts, the failures by cause, their evidence; then the whole picture.
  const body = [
    header(report, comparison),
    notices(report, comparison),
    verdictSection(report),
    causeList(causes),
    evidenceByCause(causes, failed, evidenceIds, comparison),
    `<h2>Results per area</h2>${areaChart(groupByArea(report.checks))}${legend}`,
    `<h2>Checks</h2>${checksTable(report.checks, evidenceIds, comparison)}`,
    recordedSection(recorded, evidenceIds),
    latencySection(report),
    coverageSection(report.coverage),
    runDetails(report),
    `<footer>Generated by ${escapeHtml(report.tool.name)} ${escapeHtml(report.tool.version)}. RFC 7643, RFC 7644 and Microsoft Entra ID provisioning behaviour.</footer>`,
  ].join('\n')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>SCIM conformance: ${outcome(report).label} · ${escapeHtml(report.target.baseUrl)}</title>
<style>${styles}</style>
</head>
<body>
<main>
${body}
</main>
<script>${script}</script>
</body>
</html>
`
}
