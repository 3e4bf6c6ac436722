import type { AttributesJudged, Report, Selection, ThrottlingSummary, TransportSummary } from '../src/report/model.ts'

// How the run reached the target and how hard the target pushed back, as plain-text
// label/value pairs: report.html escapes them, report.md keeps them on one line, so
// a reviewer reads the same facts in both.

export interface RunFact {
  readonly label: string
  readonly value: string
}

const authText: Record<TransportSummary['auth'], string> = {
  bearer: 'bearer token',
  'client-credentials': 'OAuth 2.0 client credentials',
}

function tlsText({ tls, certificateVerified }: TransportSummary): string {
  if (tls === null) return 'plain HTTP'
  return `${tls.protocol}, ${tls.cipher}, ${certificateVerified ? 'certificate verified' : 'certificate not verified (--insecure)'}`
}

function entraTlsText({ tls12, entraCipherSuite }: NonNullable<TransportSummary['tls']>): string {
  if (!tls12) return 'refused TLS 1.2'
  return entraCipherSuite === null ? 'TLS 1.2 accepted, with none of the cipher suites Entra requires' : `TLS 1.2 accepted with ${entraCipherSuite}`
}

// 503s and give-ups are absent from reports written before they were counted: say
// nothing about them rather than a misleading 0.
function throttlingText(t: ThrottlingSummary): string {
  const parts = [`${t.responses429} × 429`]
  if (t.responses503 !== undefined) parts.push(`${t.responses503} × 503`)
  parts.push(`waited ${(t.waitedMs / 1000).toFixed(1)} s`)
  if (t.gaveUp !== undefined) parts.push(`gave up on ${t.gaveUp} request(s)`)
  return parts.join(', ')
}

function attributesText(judged: AttributesJudged): string {
  const basis = judged.source === 'discovery' ? 'as /Schemas and /ResourceTypes list them' : `the RFC 7643 core schemas (${judged.reason ?? 'discovery not readable'})`
  return judged.leftOut.length === 0 ? basis : `${basis}; not sent, because not listed: ${judged.leftOut.join(', ')}`
}

/** --only 'users.*', --read-only: the flags that made the run partial, as typed. */
export function selectionText(selection: Selection): string {
  const parts: string[] = []
  if (selection.only !== undefined) parts.push(`--only '${selection.only}'`)
  if (selection.readOnly) parts.push('--read-only')
  return parts.join(', ')
}

/** Auth, TLS and --rate when the report has a transport (0.2 and later), then throttling. */
export function runFacts(report: Report): RunFact[] {
  const facts: RunFact[] = []
  if (report.caveat) facts.push({ label: 'Caveat', value: report.caveat })
  if (report.selection) facts.push({ label: 'Selection', value: `${selectionText(report.selection)} (partial run)` })
  const transport = report.transport
  if (transport) {
    facts.push({ label: 'Auth', value: authText[transport.auth] })
    facts.push({ label: 'TLS', value: tlsText(transport) })
    if (transport.tls) facts.push({ label: 'Entra TLS', value: entraTlsText(transport.tls) })
    if (transport.rate !== null) {
      const rate = transport.rateOrigin === 'profile'
        ? `${transport.rate} requests/s, the ${report.profile} profile's declared rate limit (the default --rate)`
        : `--rate ${transport.rate} requests/s`
      facts.push({ label: 'Rate', value: rate })
    }
  }
  if (report.attributes) facts.push({ label: 'Attributes', value: attributesText(report.attributes) })
  facts.push({ label: 'Throttling', value: throttlingText(report.throttling) })
  return facts
}
