// Inline CSS for report.html: system fonts only (no web font fetch), and print
// rules so the report reads well as a PDF attached to a gallery submission.
export const styles = `
:root { --pass: #2e7d32; --fail: #c62828; --warn: #b26a00; --skip: #6b7280; --blocked: #6a4c93; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 14px/1.5 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 1200px; margin: 0 auto; padding: 24px 32px 48px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 0 0 8px; }
h4 { font-size: 13px; margin: 16px 0 6px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
h5 { font-size: 12px; margin: 8px 0 4px; color: var(--muted); }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12px; }
pre { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; margin: 0 0 8px; white-space: pre-wrap; word-break: break-word; overflow-wrap: anywhere; }
a { color: #0969da; }
.muted { color: var(--muted); }
header.summary { display: flex; gap: 24px; align-items: flex-start; justify-content: space-between; border-bottom: 1px solid var(--line); padding-bottom: 16px; }
header.summary dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0 0; }
header.summary dt { color: var(--muted); }
header.summary dd { margin: 0; word-break: break-all; }
.verdict { min-width: 220px; text-align: center; border-radius: 8px; padding: 12px 16px; color: #fff; }
.verdict strong { display: block; font-size: 26px; letter-spacing: .06em; }
.verdict-pass { background: var(--pass); }
.verdict-fail { background: var(--fail); }
.verdict-partial, .verdict-interrupted { background: #5f6b7a; }
.counts { display: flex; flex-wrap: wrap; gap: 8px; margin: 16px 0 0; }
.count { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; min-width: 96px; }
.count b { display: block; font-size: 20px; }
.count-fail b { color: var(--fail); } .count-warn b { color: var(--warn); } .count-pass b { color: var(--pass); } .count-skip b { color: var(--skip); } .count-blocked b { color: var(--blocked); }
dl.run-facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; }
dl.run-facts dt { color: var(--muted); }
dl.run-facts dd { margin: 0; overflow-wrap: anywhere; }
.notice { border-left: 4px solid var(--warn); background: #fff8e6; padding: 8px 12px; margin: 12px 0; }
.chart { max-width: 100%; height: auto; }
.chart-label { font-size: 12px; fill: var(--ink); }
.chart-value { font-size: 11px; fill: var(--muted); }
.bar-pass { fill: var(--pass); } .bar-fail { fill: var(--fail); } .bar-warn { fill: var(--warn); } .bar-skip { fill: #b8bec6; } .bar-blocked { fill: #a993c9; }
.lat-max { fill: #c8d7ee; } .lat-p95 { fill: #7aa2d8; } .lat-p50 { fill: #2f5fa8; }
.legend { display: flex; gap: 16px; font-size: 12px; color: var(--muted); margin: 4px 0 0; }
.legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: -1px; }
.controls { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: center; margin: 0 0 8px; }
.controls button, .copy { font: inherit; font-size: 13px; padding: 4px 10px; border: 1px solid var(--line); border-radius: 6px; background: var(--soft); cursor: pointer; }
.controls button:hover, .copy:hover { background: #eaeef2; }
.controls input[type=search] { font: inherit; padding: 4px 8px; border: 1px solid var(--line); border-radius: 6px; min-width: 260px; }
table.checks { width: 100%; border-collapse: collapse; }
table.checks th, table.checks td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
table.checks th { background: var(--soft); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
table.checks .num { text-align: right; white-space: nowrap; }
table.checks .detail { color: var(--muted); font-size: 12px; margin-top: 2px; }
.rule { white-space: nowrap; margin-right: 6px; }
.badge { display: inline-block; min-width: 40px; text-align: center; border-radius: 10px; padding: 0 8px; font-size: 12px; font-weight: 600; color: #fff; text-transform: uppercase; }
.badge-pass { background: var(--pass); } .badge-fail { background: var(--fail); } .badge-warn { background: var(--warn); } .badge-skip { background: var(--skip); } .badge-blocked { background: var(--blocked); }
.mark { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 11px; border: 1px solid currentColor; margin-left: 4px; white-space: nowrap; }
.mark-new-failure { color: var(--fail); font-weight: 700; } .mark-known-failure { color: var(--muted); } .mark-fixed { color: var(--pass); }
.evidence { border: 1px solid var(--line); border-left: 4px solid var(--fail); border-radius: 6px; padding: 12px 16px; margin: 0 0 16px; }
.evidence-warn { border-left-color: var(--warn); }
.message { font-weight: 600; margin: 0 0 4px; }
.rules, .consequence { margin: 0 0 4px; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.recorded { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; margin: 0 0 8px; }
.recorded > summary { cursor: pointer; }
.exchange { border-top: 1px dashed var(--line); padding-top: 8px; margin-top: 8px; }
.exchange-line { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; word-break: break-all; margin-bottom: 4px; }
.method { font-weight: 700; }
.status-code { font-weight: 700; } .status-code.ok { color: var(--pass); } .status-code.bad { color: var(--fail); }
.curl { display: flex; gap: 8px; align-items: flex-start; }
.curl pre { flex: 1; }
.coverage-bar { height: 10px; max-width: 480px; background: #e5e9ee; border-radius: 5px; overflow: hidden; }
.coverage-bar span { display: block; height: 100%; background: var(--pass); }
table.coverage td:nth-child(3) { width: 40%; }
.verdicts { display: flex; gap: 12px; flex-wrap: wrap; }
.verdict-card { flex: 1 1 220px; border: 1px solid #d5dbe1; border-left: 6px solid var(--pass); border-radius: 6px; padding: 8px 12px; }
.verdict-card.bad { border-left-color: var(--fail); }
.verdict-card p { margin: 4px 0 0; }
table.coverage .coverage-bar { height: 8px; }
.root-causes li { margin-bottom: 6px; }
.blocked-ids summary { cursor: pointer; }
.cause-evidence { margin: 0 0 24px; }
.cause-title { font-size: 15px; margin: 20px 0 4px; }
.cause-facts, .blocked-ids { margin: 0 0 8px; }
table.latency { border-collapse: collapse; margin-top: 8px; }
table.latency th, table.latency td { padding: 2px 10px; border-bottom: 1px solid var(--line); text-align: right; }
table.latency th:first-child, table.latency td:first-child { text-align: left; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@media (max-width: 800px) { .pair { grid-template-columns: 1fr; } header.summary { flex-direction: column; } }
@media print {
  @page { margin: 14mm; }
  body { font-size: 11px; }
  code, pre { font-size: 10px; }
  main { max-width: none; padding: 0; }
  .no-print, .copy { display: none !important; }
  tr[data-check-id][hidden] { display: table-row !important; }
  a { color: inherit; text-decoration: none; }
  pre { white-space: pre-wrap; max-height: none; }
  .evidence, .exchange, tr, .chart { break-inside: avoid; }
  h2 { break-after: avoid; }
  .verdict, .badge, .mark, .coverage-bar, .coverage-bar span, .count { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`
