import { toCurl } from '../../src/client/exchange.ts'
import type { Exchange } from '../../src/client/exchange.ts'
import type { BaselineMark } from '../../src/report/baseline.ts'
import type { CheckResult } from '../../src/report/model.ts'
import { escapeHtml } from './escape.ts'
import { rulesCell } from './rules-cell.ts'

// The evidence for one failure or warning: what was expected and what came back,
// the exchanges with their bodies, and a curl command per exchange that replays it.

type Failed = Extract<CheckResult, { status: 'fail' | 'warn' }>

function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2)
  } catch {
    return body
  }
}

const value = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v, null, 2) ?? String(v))

function headerList(headers: Readonly<Record<string, string>>): string {
  const rows = Object.entries(headers).map(([name, v]) => `${escapeHtml(name)}: ${escapeHtml(v)}`)
  return rows.length ? `<pre class="headers">${rows.join('\n')}</pre>` : ''
}

export function curlBlock(command: string, domId: string): string {
  return `<div class="curl"><pre id="${domId}">${escapeHtml(command)}</pre><button type="button" class="copy" data-copy-target="${domId}">Copy curl</button></div>`
}

export function exchangeBlock(exchange: Exchange, domId: string): string {
  const outcome = exchange.status === undefined
    ? `<span class="status-code bad">no response</span> ${escapeHtml(exchange.error ?? 'transport error')}`
    : `<span class="status-code ${exchange.status >= 400 ? 'bad' : 'ok'}">${exchange.status}</span>`
  const request = `<div class="half"><h5>Request</h5>${headerList(exchange.requestHeaders)}${exchange.requestBody === undefined ? '' : `<pre class="body">${escapeHtml(prettyBody(exchange.requestBody))}</pre>`}</div>`
  const response = exchange.status === undefined
    ? ''
    : `<div class="half"><h5>Response</h5>${headerList(exchange.responseHeaders)}${exchange.responseBody === undefined ? '' : `<pre class="body">${escapeHtml(prettyBody(exchange.responseBody))}</pre>`}</div>`
  return `<div class="exchange"><div class="exchange-line"><span class="method">${escapeHtml(exchange.method)}</span> <span class="url">${escapeHtml(exchange.url)}</span> → ${outcome} <span class="muted">${exchange.durationMs} ms</span></div><div class="pair">${request}${response}</div>${curlBlock(toCurl(exchange), `${domId}-curl`)}</div>`
}

const markLabels: Record<BaselineMark, string> = { 'new-failure': 'new failure', 'known-failure': 'known failure', fixed: 'fixed' }

export function baselineBadge(mark: BaselineMark | undefined): string {
  return mark ? ` <span class="mark mark-${mark}">${markLabels[mark]}</span>` : ''
}

export function evidenceCard(check: Failed, domId: string, mark: BaselineMark | undefined): string {
  const { evidence } = check
  const parts: string[] = [
    `<h3><span class="badge badge-${check.status}">${check.status}</span> <code>${escapeHtml(check.id)}</code> <span class="muted">${check.level} · ${escapeHtml(check.area)}</span>${baselineBadge(mark)}</h3>`,
    `<p class="message">${escapeHtml(check.message)}</p>`,
    check.requirement ? `<p class="rules">Breaks: ${rulesCell([check.requirement])} (${check.level}) · Rules the check verifies: ${rulesCell(check.verifies)}</p>` : `<p class="rules">Rules: ${rulesCell(check.verifies)}</p>`,
  ]
  if (check.fix) parts.push(`<p class="fix"><strong>How to fix:</strong> ${escapeHtml(check.fix)}</p>`)
  if (evidence.consequence) parts.push(`<p class="consequence"><strong>In Entra:</strong> ${escapeHtml(evidence.consequence)}</p>`)
  if (evidence.expected !== undefined || evidence.actual !== undefined) {
    const at = evidence.pointer ? ` at <code>${escapeHtml(evidence.pointer)}</code>` : ''
    parts.push(`<div class="pair expected-actual"><div class="half"><h5>Expected${at}</h5><pre>${escapeHtml(value(evidence.expected))}</pre></div><div class="half"><h5>Actual</h5><pre>${escapeHtml(value(evidence.actual))}</pre></div></div>`)
  }
  if (evidence.counterexample) {
    const { input, seed, path, curl } = evidence.counterexample
    parts.push(`<div class="counterexample"><h4>Shrunk counterexample</h4><pre>${escapeHtml(input)}</pre><p>Replay with seed <code>${seed}</code>, path <code>${escapeHtml(path)}</code></p>${curlBlock(curl, `${domId}-cx-curl`)}</div>`)
  }
  if (evidence.exchanges.length) {
    parts.push(`<h4>HTTP exchanges (${evidence.exchanges.length})</h4>`, ...evidence.exchanges.map((e, i) => exchangeBlock(e, `${domId}-x${i}`)))
  }
  return `<article class="evidence evidence-${check.status}" id="${domId}" data-evidence-for="${escapeHtml(check.id)}">${parts.join('')}</article>`
}
