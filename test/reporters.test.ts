import { randomUUID } from 'node:crypto'
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import { afterAll, describe, expect, it } from 'vitest'
import { escapeHtml } from '../reporters/html/escape.ts'
import { summarizeLatency, operationOf } from '../src/report/latency.ts'
import { messagePattern, rootCauses } from '../src/report/root-causes.ts'
import { ruleLink } from '../reporters/html/rule-link.ts'
import { escapeXml } from '../reporters/junit.ts'
import { fileNames, formats, writeReports, writers } from '../reporters/index.ts'
import type { Format } from '../reporters/index.ts'
import { compareWithBaseline } from '../src/report/baseline.ts'
import { outcome, type CheckResult, type Report, type TransportSummary } from '../src/report/model.ts'
import { consoleSummary, quietSummary } from '../reporters/console.ts'
import { schemasDir } from '../src/paths.ts'
import { sampleIdsByStatus, sampleReport, sampleSecrets } from './fixtures/report-sample.ts'

// ajv-formats is CommonJS; under nodenext its default import is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default

const allIds = sampleReport.checks.map((c) => c.id)
const attribute = (tag: string, name: string, xml: string): string[] =>
  [...xml.matchAll(new RegExp(`<${tag}\\b[^>]*\\b${name}="([^"]*)"`, 'g'))].map((m) => m[1] ?? '')

describe('json', () => {
  const validate = async (): Promise<(data: unknown) => boolean> => {
    const schema = JSON.parse(await readFile(join(schemasDir, 'report.schema.json'), 'utf8')) as object
    const ajv = new Ajv2020({ allErrors: true, strict: true })
    addFormats(ajv)
    return ajv.compile(schema)
  }

  it('accepts the entra-flag dialect in a valid report', async () => {
    const flagged = JSON.parse(writers.json({ ...sampleReport, dialect: 'entra-flag' })) as unknown
    expect((await validate())(flagged)).toBe(true)
  })

  it('writes the Report as is, valid against schemas/report.schema.json', async () => {
    const written: unknown = JSON.parse(writers.json(sampleReport))
    expect(written).toEqual({ ...JSON.parse(JSON.stringify(sampleReport)), verdict: 'FAIL' })
    const isValid = await validate()
    expect(isValid(written)).toBe(true)
  })

  it('adds the baseline comparison when one is given, still valid', async () => {
    const comparison = compareWithBaseline(sampleReport, sampleReport)
    const written = JSON.parse(writers.json(sampleReport, comparison)) as { baseline: unknown }
    expect(written.baseline).toEqual(comparison)
    expect((await validate())(written)).toBe(true)
  })

  it('has a schema that rejects impossible states: a pass with a message, a fail without evidence', async () => {
    const isValid = await validate()
    const base = { id: 'x', area: 'users', level: 'MUST', verifies: [], durationMs: 1 }
    const withCheck = (check: object): object => ({ ...JSON.parse(writers.json(sampleReport)), checks: [check] })
    expect(isValid(withCheck({ ...base, status: 'pass' }))).toBe(true)
    expect(isValid(withCheck({ ...base, status: 'pass', message: 'm' }))).toBe(false)
    expect(isValid(withCheck({ ...base, status: 'fail', message: 'm' }))).toBe(false)
    expect(isValid(withCheck({ ...base, status: 'skip' }))).toBe(false)
    expect(isValid(withCheck({ ...base, status: 'blocked', reason: 'r' }))).toBe(false)
    expect(isValid(withCheck({ ...base, status: 'blocked', reason: 'r', cause: { check: 'c' }, message: 'm' }))).toBe(false)
    expect(isValid(withCheck({ ...base, status: 'blocked', reason: 'r', cause: { check: 'c', request: 'POST /Users', answer: '400' } }))).toBe(true)
    expect(isValid(withCheck({ ...base, status: 'broken' }))).toBe(false)
  })
})

describe('the verdict, the same in every writer', () => {
  const passing: Report = { ...sampleReport, checks: sampleReport.checks.filter((c) => c.status !== 'fail') }
  const cases: [string, Report, string, number][] = [
    ['a full run with a failed MUST', sampleReport, 'FAIL', 1],
    ['a full run with none', passing, 'PASS', 0],
    ['an interrupted run, even with no failure', { ...passing, interrupted: true }, 'INTERRUPTED', 130],
    ['an --only run with no failure', { ...passing, selection: { only: 'users.*' } }, 'PARTIAL', 0],
    ['a --read-only run with a failed MUST', { ...sampleReport, selection: { readOnly: true } }, 'PARTIAL', 1],
  ]

  it.each(cases)('%s: %s, exit %i', async (_label, report, label, code) => {
    expect(outcome(report)).toMatchObject({ label, exitCode: code })
    const json = JSON.parse(writers.json(report)) as { verdict: string; selection?: unknown }
    expect(json.verdict).toBe(label)
    expect(json.selection).toEqual(report.selection)
    expect(writers.md(report).split('\n')[0]).toMatch(new RegExp(`^## scim-conform: \\S+ ${label}$`))
    expect(writers.html(report)).toContain(`<strong>${label}</strong>`)
    expect(writers.junit(report)).toContain(`<property name="verdict" value="${label}"/>`)
    expect(consoleSummary(report, [])).toMatch(new RegExp(`^${label}: `, 'm'))
    expect(quietSummary(report, [])).toMatch(new RegExp(`^${label}: `))
  })

  it('a profile whose Entra connector is not SCIM says so in every report', () => {
    const caveat = "Entra's zendesk connector is not SCIM: it calls the vendor's own REST API."
    const report: Report = { ...passing, caveat }
    for (const text of [writers.md(report), writers.html(report), writers.junit(report), consoleSummary(report, [])]) {
      expect(text).toMatch(/zendesk connector is not SCIM/)
    }
  })

  it('a partial run names its selection in every report', () => {
    const report: Report = { ...passing, selection: { only: 'discovery.*', readOnly: true } }
    for (const text of [writers.md(report), writers.html(report), writers.junit(report), consoleSummary(report, [])]) {
      expect(text).toMatch(/--only (&#39;|&apos;|')discovery\.\\?\*(&#39;|&apos;|'), --read-only/)
    }
  })
})

describe('junit', () => {
  const xml = writers.junit(sampleReport)

  it('has one testcase per check, classname = area and name = check id', () => {
    expect(attribute('testcase', 'name', xml).sort()).toEqual([...allIds].sort())
    const classnames = attribute('testcase', 'classname', xml)
    expect(classnames).toHaveLength(allIds.length)
    expect(new Set(classnames)).toEqual(new Set(sampleReport.checks.map((c) => c.area)))
    expect(attribute('testsuite', 'name', xml)).toEqual(['discovery', 'auth', 'users', 'groups', 'filters', 'security'])
  })

  it('has exactly one failure per failed check, typed by level, with rules and exchanges', () => {
    const failures = [...xml.matchAll(/<testcase [^>]*name="([^"]*)"[^>]*>\s*<failure message="([^"]*)" type="([^"]*)">([^<]*)<\/failure>/g)]
    expect(failures.map((f) => f[1]).sort()).toEqual(sampleIdsByStatus('fail').sort())
    expect(xml.match(/<failure /g)).toHaveLength(sampleIdsByStatus('fail').length)
    const create = failures.find((f) => f[1] === 'users.create.status-201')
    expect(create?.[2]).toBe('POST /Users answered 200, expected 201 Created')
    expect(create?.[3]).toBe('MUST')
    expect(create?.[4]).toContain('Rules: rfc7644:3.3:created-201')
    expect(create?.[4]).toContain('&gt; POST https://scim.example.test/scim/v2/Users')
    expect(create?.[4]).toContain('&lt; 200 (112 ms)')
  })

  it('passes warnings with a system-out that says warning, and skips with the reason', () => {
    expect(xml).toMatch(/name="users.create.location-header" time="0.098">\s*<system-out>warning \(SHOULD, does not fail the run\)/)
    expect(xml).toMatch(/name="auth.wrong-token-401" time="0.000">\s*<skipped message="Skipped: the no-token check failed first"\/>/)
    expect(xml.match(/<skipped /g)).toHaveLength(sampleIdsByStatus('skip').length + sampleIdsByStatus('blocked').length)
  })

  it('reports a blocked check as skipped, with its cause in the message, never as a failure', () => {
    expect(xml).toMatch(/name="users.filter.username-eq" time="0.015">\s*<skipped message="blocked by users.create.status-201 \(POST \/Users answered 400 invalidValue &quot;nickName is not supported&quot;\): set-up: creating a user failed/)
    expect(xml).toMatch(/name="users.delete.then-404" time="0.000">\s*<skipped message="blocked by users.filter.username-eq: step/)
    expect(attribute('testsuites', 'failures', xml)).toEqual([String(sampleIdsByStatus('fail').length)])
  })

  it('escapes markup and replaces characters XML 1.0 forbids', () => {
    expect(escapeXml(`a<b>&"c'`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;')
    expect(escapeXml('nul\u0000 bell\u0007 ok\ttab')).toBe('nul\\u0000 bell\\u0007 ok&#9;tab')
    expect(escapeXml('lone \uD800 surrogate, pair 😀')).toBe('lone \\ud800 surrogate, pair 😀')
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/)
    expect(xml).toContain('oracle rejects: &lt;id&gt; &amp; &quot;quotes&quot; \\u0001 control')
  })

  it('labels failures with the baseline mark when a comparison is given', () => {
    const regressed: Report = { ...sampleReport, checks: sampleReport.checks.map((c): CheckResult => (c.id === 'auth.no-token-401' ? { id: c.id, area: c.area, level: c.level, verifies: c.verifies, durationMs: c.durationMs, status: 'pass' } : c)) }
    const marked = writers.junit(sampleReport, compareWithBaseline(sampleReport, regressed))
    expect(marked).toMatch(/name="auth.no-token-401"[\s\S]*?Baseline: new-failure/)
    expect(marked).toMatch(/name="users.create.status-201"[\s\S]*?Baseline: known-failure/)
  })

  it('does not report a known failure of the baseline as a <failure>, so a JUnit publisher stays green when the exit code is 0', () => {
    const comparison = compareWithBaseline(sampleReport, sampleReport)
    expect(comparison.newFailures).toEqual([])
    const xml = writers.junit(sampleReport, comparison)
    expect(xml).not.toContain('<failure')
    expect(attribute('testsuites', 'failures', xml)).toEqual(['0'])
    expect(xml).toMatch(/name="users.create.status-201"[\s\S]*?known failure \(in the baseline, does not fail the run\)/)
  })
})

describe('markdown', () => {
  const md = writers.md(sampleReport)

  it('opens with the verdict and lists every failed check with its rule', () => {
    expect(md.split('\n')[0]).toBe('## scim-conform: ❌ FAIL')
    const failedSection = md.slice(md.indexOf('### Failed checks'), md.indexOf('### Warnings'))
    for (const id of sampleIdsByStatus('fail')) expect(failedSection).toContain(`\`${id}\``)
    for (const id of sampleIdsByStatus('warn')) expect(failedSection).not.toContain(`\`${id}\``)
    expect(failedSection).toContain('[RFC7644 §3.3](https://www.rfc-editor.org/rfc/rfc7644#section-3.3)')
  })

  it('has a count per area, the warnings, the coverage figure and the seed', () => {
    expect(md).toContain('| users | 3 | 2 | 1 | 2 | 0 |')
    expect(md).toContain('### Warnings (do not fail the run)')
    expect(md).toContain('15 of 20 observable requirements (75%)')
    expect(md).toContain('Seed: `1234567`')
  })

  it('lists blocked checks under the root of their cause, apart from failures', () => {
    const blocked = md.slice(md.indexOf('### Blocked'))
    expect(blocked).toContain('- blocked by users.create.status-201 (POST /Users answered 400 invalidValue "nickName is not supported"): `users.filter.username-eq`, `users.delete.then-404`')
    const failedSection = md.slice(md.indexOf('### Failed checks'), md.indexOf('### Warnings'))
    for (const id of sampleIdsByStatus('blocked')) expect(failedSection).not.toContain(`\`${id}\``)
  })

  it('names the requirement a failure breaks, when the check named one', () => {
    expect(md).toContain('- `filters.generated.eq-oracle` (MUST, breaks [RFC7644 §3.4.2.2](https://www.rfc-editor.org/rfc/rfc7644#section-3.4.2.2))')
    expect(writers.junit(sampleReport)).toContain('Breaks: rfc7644:3.4.2.2:filter-eq (MUST)')
  })

  it('keeps target text from breaking the markdown', () => {
    expect(md).toContain('oracle rejects: \\<id\\> & "quotes"   control')
  })

  it('says PASS when nothing failed, and marks baseline results', () => {
    const clean: Report = { ...sampleReport, checks: sampleReport.checks.filter((c) => c.status !== 'fail') }
    expect(writers.md(clean).split('\n')[0]).toBe('## scim-conform: ✅ PASS')
    const allPassed: Report = { ...sampleReport, checks: sampleReport.checks.map((c): CheckResult => ({ id: c.id, area: c.area, level: c.level, verifies: c.verifies, durationMs: c.durationMs, status: 'pass' })) }
    const comparison = compareWithBaseline(sampleReport, allPassed)
    const marked = writers.md(sampleReport, comparison)
    expect(marked).toContain('**Baseline:** 6 new failure(s); 0 known failure(s), 0 fixed.')
    expect(marked).toContain('- `auth.no-token-401` **(new)**')
  })
})

describe('html', () => {
  const page = writers.html(sampleReport)

  it('summarises coverage per source and section, with the uncovered ids folded away', () => {
    const section = page.slice(page.indexOf('<h2>Catalogue coverage</h2>'))
    expect(section).toMatch(/<td>RFC 7644 §3\.4<\/td><td>\d+ of \d+<\/td>/)
    expect(section).toMatch(/<td>Microsoft Entra: Status codes<\/td>/)
    const folded = /<details><summary>(\d+) requirement\(s\) not yet covered<\/summary>/.exec(section)
    expect(Number(folded?.[1])).toBe(sampleReport.coverage.uncovered.length)
    expect(section.indexOf('<code>')).toBeGreaterThan(section.indexOf('<details>'))
  })

  it('has one row per check with its status and id', () => {
    const rows = [...page.matchAll(/<tr data-status="(\w+)" data-check-id="([^"]+)">/g)].map((m) => [m[2], m[1]])
    expect(rows).toEqual(sampleReport.checks.map((c) => [c.id, c.status]))
    expect(page).toContain('id="filter-failed"')
    expect(page).toContain('id="search"')
  })

  it('is self-contained: no external asset, and a policy that forbids any fetch', () => {
    expect(page).not.toMatch(/\s(src|srcset)=/)
    expect(page).not.toMatch(/<link [^>]*href="(?!data:)/)
    expect(page).not.toMatch(/@import|url\(/)
    expect(page).toContain(`content="default-src 'none';`)
  })

  it('escapes what the target sent: only the page script is a script', () => {
    expect(page.match(/<script/g)).toHaveLength(1)
    expect(page).toContain('&lt;html&gt;&lt;body&gt;&lt;script&gt;alert(&quot;internal error &amp; stack&quot;)')
    expect(escapeHtml(`<a href="x">'&\u0001`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;\\u0001')
  })

  it('shows the header facts, the verdict and evidence with a curl per exchange', () => {
    for (const fact of ['https://scim.example.test/scim/v2', 'entra', '2025-11-24 22:30:00 UTC', 'scim-conform 0.1.0']) expect(page).toContain(fact)
    expect(page).toContain('data-verdict="fail"')
    const exchanges = sampleReport.checks.flatMap((c) => (c.status === 'fail' || c.status === 'warn' ? c.evidence.exchanges : []))
    expect(page.match(/<div class="exchange">/g)).toHaveLength(exchanges.length)
    expect(page.match(/data-copy-target=/g)).toHaveLength(exchanges.length + 1)
    expect(page).toContain('href="https://www.rfc-editor.org/rfc/rfc7644#section-3.4.2.2"')
    expect(page).toContain('Entra: Test connection')
  })

  it('groups failures of one request shape once, headed by a real request and answer, with the checks they blocked', () => {
    const causes = rootCauses(sampleReport.checks)
    const patch = causes.find((c) => c.checkIds.includes('groups.patch.add-member'))
    expect(patch).toMatchObject({ checkIds: ['groups.patch.add-member', 'groups.patch.remove-member'], status: 'fail', rules: ['rfc7644:3.12:error-schema'] })
    expect(patch?.heading).toBe('PATCH /scim/v2/Groups/7c0e11aa-93f3-4c1b-a1f0-3be2d7a5e001 answered 500, expected a 2xx status or a SCIM Error body')
    const create = causes.find((c) => c.checkIds.includes('users.create.status-201'))
    expect(create?.blockedIds).toEqual(['users.filter.username-eq', 'users.delete.then-404'])
    expect(causes[0]).toBe(create)
    expect(causes.flatMap((c) => c.checkIds).sort()).toEqual([...sampleIdsByStatus('fail'), ...sampleIdsByStatus('warn')].sort())
    for (const cause of causes) expect(cause.heading, 'a heading is a sentence from the run, never a template').not.toMatch(/\{(n|id|Users\|Groups)\}/)
    expect(messagePattern('filter "a" matched 3')).toBe(messagePattern('filter "b" matched 4'))
    expect(page).toContain('<strong>PATCH /scim/v2/Groups/7c0e11aa-93f3-4c1b-a1f0-3be2d7a5e001 answered 500, expected a 2xx status or a SCIM Error body</strong></a> <span class="muted">(2 checks failed)</span>')
  })

  it('makes 8 failures of one cause one group, and a run against a wrong URL a handful', () => {
    const at = (id: string, method: string, path: string): CheckResult => ({
      id, area: 'users', level: 'MUST', verifies: ['rfc7644:3.3:created-201'], durationMs: 1, status: 'fail', fix: '',
      message: `${method} ${path} answered 404, expected 201`,
      evidence: { exchanges: [{ method, url: `https://wrong.example.test/api${path}`, requestHeaders: {}, responseHeaders: {}, status: 404, durationMs: 3, responseBody: '<html>Not Found</html>' }], expected: 201, actual: 404 },
    })
    const eight = Array.from({ length: 8 }, (_, i) => at(`c${i}`, 'POST', i % 2 ? '/Users' : '/Users?x=1'))
    expect(rootCauses(eight)).toHaveLength(1)
    const endpoints = ['/Users', '/Groups', '/Schemas', '/ResourceTypes', '/ServiceProviderConfig', '/Bulk']
    const wrongUrl = Array.from({ length: 91 }, (_, i) => at(`w${i}`, i % 3 ? 'GET' : 'POST', `${endpoints[i % endpoints.length]}${i % 4 === 0 && i % 6 < 2 ? `/${randomUUID()}` : ''}`))
    const groups = rootCauses(wrongUrl)
    expect(groups.length).toBeLessThanOrEqual(14)
    expect(groups.reduce((n, g) => n + g.checkIds.length, 0)).toBe(91)
  })

  it('puts a check blocked by a request no check judged with the failures of the same request shape', () => {
    const failed: CheckResult = {
      id: 'profile.user.create-read-back', area: 'profile', level: 'MUST', verifies: [], durationMs: 1, status: 'fail', fix: '', message: 'POST /Users answered 400, expected 201',
      evidence: { exchanges: [{ method: 'POST', url: 'https://t.example/Users', requestHeaders: {}, responseHeaders: {}, status: 400, durationMs: 1, responseBody: '{"scimType":"invalidValue","detail":"fax is not supported"}' }], actual: 400 },
    }
    const blocked: CheckResult = { id: 'patch.user.generated', area: 'patch', level: 'MUST', verifies: [], durationMs: 1, status: 'blocked', reason: 'set-up', cause: { request: 'POST /Users', answer: '400 invalidValue "fax is not supported"' } }
    expect(rootCauses([failed, blocked])).toEqual([expect.objectContaining({ checkIds: ['profile.user.create-read-back'], blockedIds: ['patch.user.generated'] })])
  })

  it('computes latency per operation kind with nearest-rank percentiles', () => {
    expect(operationOf('GET', '/Users', true)).toBe('GET /Users?filter')
    expect(operationOf('PATCH', '/Groups/123', false)).toBe('PATCH /Groups/{id}')
    expect(operationOf('GET', '/Users', false)).toBe('GET /Users')
    expect(operationOf('GET', '/ServiceProviderConfig', false)).toBe('GET /ServiceProviderConfig')
    const samples = Array.from({ length: 20 }, (_, i) => ({ operation: 'GET /Users/{id}', ms: i + 1 }))
    expect(summarizeLatency(samples)).toEqual([{ operation: 'GET /Users/{id}', count: 20, p50: 10, p95: 19, max: 20 }])
    expect(writers.html(sampleReport)).toContain(sampleReport.traffic.latency[0]!.operation)
  })

  it('links RFC requirement ids to their section and names the Entra document', () => {
    expect(ruleLink('rfc7643:2.2:case-insensitive-string').href).toBe('https://www.rfc-editor.org/rfc/rfc7643#section-2.2')
    expect(ruleLink('entra:auth:reject-invalid-token')).toMatchObject({ label: 'Entra: Authorization' })
    expect(ruleLink('rfc7644:9.9:not-in-catalogue').label).toBe('RFC7644 §9.9')
  })
})

describe('transport in report.md and report.html', () => {
  const warnings = [
    '--insecure: the certificate of the target was not verified; the results say nothing about whether Entra will trust it',
    'the run stopped at --run-timeout (6 s)',
    'proxy said <img src=x onerror=alert(1)> | *bold*',
  ]
  const transport: TransportSummary = {
    auth: 'client-credentials',
    rate: 5,
    certificateVerified: false,
    tls: { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', tls12: true, entraCipherSuite: null },
    warnings,
  }
  const insecure: Report = { ...sampleReport, throttling: { responses429: 2, responses503: 3, waitedMs: 1500, gaveUp: 1 }, transport }
  const plainHttp: Report = { ...sampleReport, transport: { auth: 'bearer', rate: null, certificateVerified: true, tls: null, warnings: [] } }

  it('report.md says how the run reached the target, and lists every warning before the results', () => {
    const md = writers.md(insecure)
    const run = md.split('\n').find((line) => line.startsWith('**Run:**')) ?? ''
    expect(run).toContain('Auth: OAuth 2.0 client credentials')
    expect(run).toContain('TLS: TLSv1.3, TLS\\_AES\\_256\\_GCM\\_SHA384, certificate not verified (--insecure)')
    expect(run).toContain('Entra TLS: TLS 1.2 accepted, with none of the cipher suites Entra requires')
    expect(run).toContain('Rate: --rate 5 requests/s')
    expect(run).toContain('Throttling: 2 × 429, 3 × 503, waited 1.5 s, gave up on 1 request(s)')
    expect(md).toContain(`- ⚠️ ${warnings[0]}`)
    expect(md).toContain(`- ⚠️ ${warnings[1]}`)
    expect(md).toContain('- ⚠️ proxy said \\<img src=x onerror=alert(1)\\> \\| \\*bold\\*')
    expect(md.indexOf('the run stopped at --run-timeout')).toBeLessThan(md.indexOf('| Area |'))
    expect(writers.md(plainHttp)).toContain('TLS: plain HTTP')
    expect(writers.md(plainHttp)).toContain('Auth: bearer token')
    expect(writers.md(plainHttp)).not.toContain('Rate:')
  })

  it('report.html shows each warning as a notice at the top, and the transport in Run details', () => {
    const page = writers.html(insecure)
    const notices = [...page.matchAll(/<p class="notice transport-warning"><strong>Warning:<\/strong> ([^<]*)<\/p>/g)].map((m) => m[1])
    expect(notices).toEqual([warnings[0], warnings[1], 'proxy said &lt;img src=x onerror=alert(1)&gt; | *bold*'])
    expect(page.indexOf('transport-warning')).toBeLessThan(page.indexOf('<h2>Results per area</h2>'))
    const details = page.slice(page.indexOf('<h2>Run details</h2>'))
    expect(details).toContain('<dt>Auth</dt><dd>OAuth 2.0 client credentials</dd>')
    expect(details).toContain('<dt>TLS</dt><dd>TLSv1.3, TLS_AES_256_GCM_SHA384, certificate not verified (--insecure)</dd>')
    expect(details).toContain('<dt>Rate</dt><dd>--rate 5 requests/s</dd>')
    expect(details).toContain('<dt>Throttling</dt><dd>2 × 429, 3 × 503, waited 1.5 s, gave up on 1 request(s)</dd>')
    expect(writers.html(plainHttp)).toContain('<dt>TLS</dt><dd>plain HTTP</dd>')
  })

  it('renders a report from before 0.2, without transport, with nothing about it', () => {
    expect(sampleReport.transport).toBeUndefined()
    const md = writers.md(sampleReport)
    expect(md).toContain('**Run:** Throttling: 2 × 429, waited 1.5 s')
    expect(md).not.toMatch(/Auth:|TLS:|Transport warnings/)
    const page = writers.html(sampleReport)
    expect(page).toContain('<dt>Throttling</dt><dd>2 × 429, waited 1.5 s</dd>')
    expect(page).not.toMatch(/transport-warning|<dt>Auth<\/dt>|<dt>TLS<\/dt>/)
  })
})

describe('secrets and writeReports', () => {
  const dirs: string[] = []
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true })
  })

  it('writes every format into a new nested directory and returns the paths', async () => {
    const root = await mkdtemp(join(tmpdir(), 'scim-conform-reporters-'))
    dirs.push(root)
    const dir = join(root, 'nested', 'report')
    const written = await writeReports(sampleReport, dir, formats)
    expect(written).toEqual(formats.map((f: Format) => join(dir, fileNames[f])))
    expect((await readdir(dir)).sort()).toEqual(['junit.xml', 'report.html', 'report.json', 'report.md'])
    expect(await writeReports(sampleReport, dir, ['md'])).toEqual([join(dir, 'report.md')])
  })

  it('no written file holds the token or a secret header value, the exchanges having been redacted at capture', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scim-conform-secrets-'))
    dirs.push(dir)
    const withBaseline = compareWithBaseline(sampleReport, sampleReport)
    for (const path of await writeReports(sampleReport, dir, formats, withBaseline)) {
      const text = await readFile(path, 'utf8')
      expect(text.length).toBeGreaterThan(0)
      expect(text, path).not.toContain(sampleSecrets.token)
      expect(text, path).not.toContain(sampleSecrets.apiKey)
    }
    // The redacted exchanges really were in the input: the check is not vacuous.
    expect(writers.json(sampleReport)).toContain('Bearer <redacted>')
    expect(writers.html(sampleReport)).toContain('Bearer $SCIM_CONFORM_TOKEN')
  })
})
