import { randomBytes, randomUUID } from 'node:crypto'
import { check } from '../src/kit/check.ts'
import { ensure } from '../src/kit/check-failure.ts'
import { SCHEMA_URN } from '../src/scim/schema-model.ts'
import { resourcesOf, userBody } from '../src/kit/resources.ts'
import { createUser, emailName } from '../src/kit/steps.ts'
import type { HttpRequest, HttpResponse, RequirementId } from '../src/kit/types.ts'

// Where the target is unsafe (issue 8 part 5). The probes that send bad credentials are
// auth.suite.ts's: they take the last turn of a run (src/run/bad-credentials.ts).

/** The response, any depth, names a password attribute or carries the value sent. */
function leaksPassword(res: HttpResponse, password: string): boolean {
  const hasKey = (node: unknown): boolean =>
    Array.isArray(node) ? node.some(hasKey) : typeof node === 'object' && node !== null && Object.entries(node).some(([k, v]) => k.toLowerCase() === 'password' || k.toLowerCase().endsWith(':password') || hasKey(v))
  return res.text.includes(password) || hasKey(res.json)
}

check('security.password.never-returned', { verifies: ['rfc7643:4.1.1:password-never-returned'] }, async ({ scim, uniqueName, skip }) => {
  const userName = emailName(uniqueName('sec-password'))
  const password = `Sc1m-${randomBytes(9).toString('base64url')}!`
  const created = await scim.create('User', userBody(userName, { password }))
  if (created.status >= 400 && created.status < 500) skip(`the server refuses password on create (${created.status}): there is nothing to leak`)
  ensure(created.status === 201 || created.status === 200, `POST /Users with a password answered ${created.status}, expected 201`, { expected: 201, actual: created.status })
  const id = String((created.json as { id?: unknown }).id)
  const filter = `userName eq "${userName}"`
  const reads = [
    created,
    await scim.get('User', id),
    await scim.list('User', { filter }),
    // Projections leave meta out, so these are not handed to the schema checks.
    await scim.send({ method: 'GET', path: `/Users/${encodeURIComponent(id)}`, query: { attributes: 'password' } }),
    await scim.send({ method: 'GET', path: '/Users', query: { filter, attributes: 'userName,password' } }),
    await scim.send({ method: 'POST', path: '/Users/.search', body: { schemas: [SCHEMA_URN.searchRequest], filter } }),
  ]
  const leaks = reads.filter((res) => leaksPassword(res, password)).map((res) => `${res.method} ${res.path}`)
  ensure(leaks.length === 0, `password is returned (RFC 7643 section 4.1.1: returned "never"): ${leaks.join('; ')}`, { expected: 'no password attribute in any response', actual: leaks })
})

/** A 4xx with an RFC 7644 section 3.12 Error body; a 2xx means the request was taken as valid. */
/**
 * A 4xx with an RFC 7644 section 3.12 Error body; a 2xx means the request was taken as valid.
 * Any error status the server sends must carry the Error body (`bodyRule`); that the answer is a
 * 4xx refusal at all is a SHOULD (7.1), so a server that accepts hostile input, or fails on it
 * with a proper Error body, only warns.
 */
function ensureScimError4xx(res: HttpResponse, what: string, bodyRule: RequirementId = 'rfc7644:3.12:error-json-body'): void {
  const schemas = (res.json as { schemas?: unknown } | undefined)?.schemas
  if (res.status >= 400) ensure(Array.isArray(schemas) && schemas.includes(SCHEMA_URN.error), `${res.method} ${res.path} with ${what} answered ${res.status} without a SCIM Error body (RFC 7644 section 3.12)`, { pointer: '/schemas', expected: [SCHEMA_URN.error], actual: res.text.slice(0, 200) }, bodyRule)
  ensure(res.status >= 400 && res.status < 500, `${res.method} ${res.path} with ${what} answered ${res.status}, expected a 4xx SCIM error${res.status >= 500 ? ' (a 5xx means the server failed on client input)' : ''}`, { expected: '4xx', actual: res.status }, 'rfc7644:7.1:hostile-input-4xx')
}

const hostileBodyRequirements = ['rfc7644:7.1:hostile-input-4xx', 'rfc7644:3.12:bad-request-400', 'rfc7644:3.12:error-json-body'] as const
const nested = (depth: number, open: string, close: string, leaf: string): string => open.repeat(depth) + leaf + close.repeat(depth)

check('security.body.malformed-json', { verifies: [...hostileBodyRequirements, 'rfc7644:3.12:invalid-syntax'] }, async ({ scim, uniqueName }) => {
  const userName = emailName(uniqueName('sec-malformed'))
  for (const body of [`{"schemas":["${SCHEMA_URN.user}"],"userName":"${userName}"`, `{'schemas':['${SCHEMA_URN.user}'],'userName':'${userName}'}`, `{"schemas":["${SCHEMA_URN.user}"],"userName":"${userName}",}`]) {
    ensureScimError4xx(await scim.send({ method: 'POST', path: '/Users', body }), 'malformed JSON')
  }
  ensureScimError4xx(await scim.send({ method: 'POST', path: '/Groups', body: `{"schemas":["${SCHEMA_URN.group}"],"displayName":` }), 'malformed JSON')
})

// Refusing text/plain is hardening, not an RFC MUST (a lenient parser is no leak): SHOULD only.
check('security.body.wrong-content-type', { verifies: ['rfc7644:7.1:hostile-input-4xx', 'rfc7644:3.12:bad-request-400'] }, async ({ scim, uniqueName }) => {
  const res = await scim.create('User', userBody(emailName(uniqueName('sec-text-plain'))), { headers: { 'content-type': 'text/plain' } })
  ensureScimError4xx(res, 'Content-Type text/plain', 'rfc7644:3.12:bad-request-400')
})

check('security.body.oversized', { verifies: [...hostileBodyRequirements] }, async ({ scim, uniqueName }) => {
  const res = await scim.create('User', userBody(emailName(uniqueName('sec-oversized')), { displayName: 'x'.repeat(5 * 1024 * 1024) }))
  ensureScimError4xx(res, 'a 5 MB body')
})

check('security.body.deeply-nested', { verifies: [...hostileBodyRequirements] }, async ({ scim }) => {
  // Neither document can be a resource, so a correct answer is a 4xx whether or not the parser descends.
  ensureScimError4xx(await scim.send({ method: 'POST', path: '/Users', body: nested(10_000, '[', ']', '1') }), 'arrays nested 10,000 deep')
  ensureScimError4xx(await scim.send({ method: 'POST', path: '/Users', body: nested(10_000, '{"a":', '}', '1') }), 'objects nested 10,000 deep')
})

const injections = ['" or 1=1', '" or ""="', '*)(uid=*', "'; DROP TABLE users; --", 'a\\', 'a\\"b', '\\u0000', 'ünï-名前-🙂-\u202e', '${7*7}{{7*7}}', '../../etc/passwd'] as const
const filterAttribute = { '/Users': 'userName', '/Groups': 'displayName' } as const

check('security.filter.injection', { verifies: ['rfc7644:3.4.2.2:filter-only-matching', 'rfc7644:3.12:invalid-filter', 'rfc7644:7.1:hostile-input-4xx'], readOnly: true }, async ({ scim }) => {
  // Every probe is independent: send them together, so the check costs a round trip, not sixty.
  const probes = (['/Users', '/Groups'] as const).flatMap((path) => injections.flatMap((payload) => [
    // Raw between quotes (the injection shape) and JSON-escaped (a valid filter no resource matches).
    ...[`${filterAttribute[path]} eq "${payload}"`, `${filterAttribute[path]} eq ${JSON.stringify(payload)}`].map(async (filter) => {
      const res = await scim.send({ method: 'GET', path, query: { filter } })
      const found = resourcesOf(res.json).length
      return res.status !== 400 && !(res.status === 200 && found === 0) ? `GET ${path}?filter=${filter} answered ${res.status}${found > 0 ? ` with ${found} resource(s)` : ''}` : undefined
    }),
    (async () => {
      const byId = await scim.send({ method: 'GET', path: `${path}/${encodeURIComponent(payload)}` })
      return byId.status !== 404 && byId.status !== 400 ? `GET ${byId.path} answered ${byId.status}` : undefined
    })(),
  ]))
  const wrong = (await Promise.all(probes)).filter((w): w is string => w !== undefined)
  ensure(wrong.length === 0, `injection-shaped filters and ids must get 400 or a correct empty result (RFC 7644 section 3.4.2.2), never a 5xx or data: ${wrong.join('; ')}`, { expected: '400, or 200 with no resources (404 for an id)', actual: wrong })
})

check('security.patch-path.injection', { verifies: ['rfc7644:3.12:invalid-path', 'rfc7644:7.1:hostile-input-4xx'] }, async ({ scim, uniqueName }) => {
  const { id } = await createUser(scim, emailName(uniqueName('sec-patch')))
  const before = (await scim.get('User', id)).text
  // Each is outside the path grammar (RFC 7644 section 3.5.2, 3.10); a quoted payload would be a valid filter value.
  const paths = ['emails[value eq "" or 1=1"].value', 'emails[type eq "work" or 1 eq 1].value', "userName'; DROP TABLE users; --", 'name.givenName\\', '*)(uid=*']
  const wrong: string[] = []
  for (const path of paths) {
    const res = await scim.patch('User', id, { schemas: [SCHEMA_URN.patchOp], Operations: [{ op: 'replace', path, value: 'injected' }] })
    if (res.status !== 400) wrong.push(`path ${JSON.stringify(path)} answered ${res.status}`)
  }
  const after = (await scim.get('User', id)).text
  ensure(wrong.length === 0, `injection-shaped PATCH paths must be refused with 400 (RFC 7644 section 3.5.2): ${wrong.join('; ')}`, { expected: 400, actual: wrong })
  ensure(after === before, 'a refused PATCH changed the user', { expected: before, actual: after })
})

const disclosures: readonly [RegExp, string][] = [
  [/\bat (?:Object\.<anonymous>|[\w$.<>]+ \([^)]*:\d+:\d+\))/, 'a JavaScript stack frame'],
  [/Traceback \(most recent call last\)/, 'a Python traceback'],
  [/\bat [\w$.]+\([\w$]+\.java:\d+\)/, 'a Java stack frame'],
  [/[\w/\\-]+\.(?:js|mjs|cjs|ts|py|java|cs|rb|go|php):\d+(?::\d+)?/, 'a source file path with a line number'],
  [/\b(?:[A-Z]\w*Exception|TypeError|ReferenceError|RangeError|SyntaxError|NullPointerException)\b/, 'an exception class name'],
]

check('security.errors.no-internal-disclosure', { verifies: ['rfc7644:7.1:no-internal-disclosure'], readOnly: true }, async ({ scim, run }) => {
  const probes: HttpRequest[] = [
    { method: 'GET', path: `/Users/${randomUUID()}` },
    { method: 'GET', path: `/Groups/${randomUUID()}` },
    { method: 'GET', path: '/Users', query: { filter: '((userName eq' } },
    { method: 'GET', path: '/Users', query: { filter: 'userName eq "a\\' } },
    { method: 'GET', path: '/Users', query: { startIndex: 'abc', count: '-x' } },
    { method: 'GET', path: '/Groups', query: { filter: 'members[value eq' } },
    ...(run.readOnly ? [] : [
      // Unparsable, so nothing can be created by it.
      { method: 'POST', path: '/Users', body: '{"schemas":' },
    ] as const),
  ]
  const leaks: string[] = []
  for (const probe of probes) {
    const res = await scim.send(probe)
    if (res.status < 400) continue
    for (const [pattern, what] of disclosures) {
      const match = pattern.exec(res.text)
      if (match) leaks.push(`${res.method} ${res.path} (${res.status}) shows ${what}: "${match[0]}"`)
    }
  }
  ensure(leaks.length === 0, `error bodies disclose internals: ${leaks.join('; ')}`, { expected: 'no stack traces, file paths or exception names', actual: leaks })
})
