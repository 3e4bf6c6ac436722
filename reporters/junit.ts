import { verdictLines } from '../src/report/gates.ts'
import type { Exchange } from '../src/client/exchange.ts'
import { groupByArea } from '../src/report/areas.ts'
import { baselineMarkOf } from '../src/report/baseline.ts'
import type { BaselineComparison } from '../src/report/baseline.ts'
import { causeLabel } from '../src/report/blocked-causes.ts'
import { countByStatus, outcome } from '../src/report/model.ts'
import { selectionText } from './run-facts.ts'
import type { CheckResult, Report } from '../src/report/model.ts'

// junit.xml: one <testsuite> per area, one <testcase> per check (classname = area,
// name = check id). Warnings pass (a failed SHOULD never fails CI) and say so in
// <system-out>. The document is built as a tree and serialised once, so escaping
// lives in exactly one function (Playwright's junit reporter does the same).

interface XmlElement {
  readonly name: string
  readonly attributes?: Readonly<Record<string, string | number>>
  readonly children?: readonly XmlElement[]
  readonly text?: string
}

// XML 1.0 allows only #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF];
// anything else (NUL, other C0 controls, lone surrogates, U+FFFE/FFFF) cannot even be
// written as a character reference, so it is shown as a visible \uXXXX escape.
// eslint-disable-next-line no-control-regex
const forbiddenInXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

export function escapeXml(value: string): string {
  return value
    .replace(forbiddenInXml, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;')
}

// Newlines in attribute values would be normalised to spaces by parsers.
const escapeAttribute = (value: string): string => escapeXml(value).replace(/\n/g, '&#10;')

function serialize(element: XmlElement, indent = ''): string {
  const attributes = Object.entries(element.attributes ?? {})
    .map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`)
    .join('')
  const open = `${indent}<${element.name}${attributes}`
  if (element.text !== undefined) return `${open}>${escapeXml(element.text)}</${element.name}>`
  if (!element.children?.length) return `${open}/>`
  const inner = element.children.map((child) => serialize(child, indent + '  ')).join('\n')
  return `${open}>\n${inner}\n${indent}</${element.name}>`
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3)

function exchangeText(exchange: Exchange): string {
  const lines = [`> ${exchange.method} ${exchange.url}`]
  for (const [name, value] of Object.entries(exchange.requestHeaders)) lines.push(`> ${name}: ${value}`)
  if (exchange.requestBody !== undefined) lines.push('>', ...exchange.requestBody.split('\n').map((l) => `> ${l}`))
  if (exchange.status === undefined) {
    lines.push(`< (no response: ${exchange.error ?? 'unknown transport error'})`)
  } else {
    lines.push(`< ${exchange.status} (${exchange.durationMs} ms)`)
    for (const [name, value] of Object.entries(exchange.responseHeaders)) lines.push(`< ${name}: ${value}`)
    if (exchange.responseBody !== undefined) lines.push('<', ...exchange.responseBody.split('\n').map((l) => `< ${l}`))
  }
  return lines.join('\n')
}

type Failed = Extract<CheckResult, { status: 'fail' | 'warn' }>

function failureText(check: Failed, mark: string | undefined): string {
  const { evidence } = check
  const lines = [check.message, ...(check.requirement ? [`Breaks: ${check.requirement} (${check.level})`] : []), `Rules: ${check.verifies.join(', ') || '(none)'}`, ...(check.fix ? [`Fix: ${check.fix}`] : [])]
  if (mark) lines.push(`Baseline: ${mark}`)
  if (evidence.pointer !== undefined) lines.push(`At: ${evidence.pointer}`)
  if (evidence.expected !== undefined) lines.push(`Expected: ${JSON.stringify(evidence.expected)}`)
  if (evidence.actual !== undefined) lines.push(`Actual: ${JSON.stringify(evidence.actual)}`)
  if (evidence.counterexample) {
    const { input, seed, path, curl } = evidence.counterexample
    lines.push(`Counterexample: ${input}`, `Replay: seed ${seed}, path ${path}`, `Reproduce: ${curl}`)
  }
  if (evidence.consequence) lines.push(`In Entra: ${evidence.consequence}`)
  for (const exchange of evidence.exchanges) lines.push('', exchangeText(exchange))
  return lines.join('\n')
}

function testcase(check: CheckResult, comparison: BaselineComparison | undefined): XmlElement {
  const attributes = { classname: check.area, name: check.id, time: seconds(check.durationMs) }
  const mark = baselineMarkOf(comparison, check.id)
  switch (check.status) {
    case 'pass':
      return { name: 'testcase', attributes, children: mark ? [{ name: 'system-out', text: `Baseline: ${mark}` }] : [] }
    case 'skip':
      return { name: 'testcase', attributes, children: [{ name: 'skipped', attributes: { message: check.reason } }] }
    case 'blocked':
      return { name: 'testcase', attributes, children: [{ name: 'skipped', attributes: { message: `blocked by ${causeLabel(check.cause)}: ${check.reason}` } }] }
    case 'warn':
      return { name: 'testcase', attributes, children: [{ name: 'system-out', text: `warning (${check.level}, does not fail the run): ${failureText(check, mark)}` }] }
    case 'fail':
      // With --baseline, a failure the baseline already had does not fail the run: a JUnit
      // publisher must not go red on it either.
      if (comparison?.knownFailures.includes(check.id)) {
        return { name: 'testcase', attributes, children: [{ name: 'system-out', text: `known failure (in the baseline, does not fail the run): ${failureText(check, mark)}` }] }
      }
      return {
        name: 'testcase',
        attributes,
        children: [{ name: 'failure', attributes: { message: check.message, type: check.level }, text: failureText(check, mark) }],
      }
  }
}

export function junit(report: Report, comparison?: BaselineComparison): string {
  const known = (checks: readonly CheckResult[]): number => checks.filter((c) => c.status === 'fail' && comparison?.knownFailures.includes(c.id)).length
  const properties: XmlElement = {
    name: 'properties',
    children: Object.entries({
      target: report.target.baseUrl,
      profile: report.profile,
      dialect: report.dialect,
      seed: String(report.seed),
      'tool.version': report.tool.version,
      interrupted: String(report.interrupted),
      verdict: outcome(report).label,
      ...(report.selection ? { selection: selectionText(report.selection) } : {}),
      ...(report.caveat ? { caveat: report.caveat } : {}),
      ...Object.fromEntries(verdictLines(report).map((v) => [`verdict.${v.label.split(' ')[0]!.toLowerCase()}`, v.text])),
      ...(report.gate ? { gate: report.gate } : {}),
    }).map(([name, value]) => ({ name: 'property', attributes: { name, value } })),
  }
  const suites = groupByArea(report.checks).map(({ area, checks }): XmlElement => {
    const counts = countByStatus(checks)
    return {
      name: 'testsuite',
      attributes: {
        name: area,
        tests: checks.length,
        failures: counts.fail - known(checks),
        errors: 0,
        skipped: counts.skip + counts.blocked,
        time: seconds(checks.reduce((sum, c) => sum + c.durationMs, 0)),
        timestamp: report.startedAt,
      },
      children: [properties, ...checks.map((check) => testcase(check, comparison))],
    }
  })
  const counts = countByStatus(report.checks)
  const root: XmlElement = {
    name: 'testsuites',
    attributes: {
      name: 'scim-conform',
      tests: report.checks.length,
      failures: counts.fail - known(report.checks),
      errors: 0,
      skipped: counts.skip + counts.blocked,
      time: seconds(report.durationMs),
      timestamp: report.startedAt,
    },
    children: suites,
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(root)}\n`
}
