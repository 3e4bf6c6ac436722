import type { HttpResponse } from './client/http.ts'
import type { Observation } from './run-config.ts'
import { validate, type ResponseKind } from './validate.ts'
import { checkResourceRules, checkContentType } from './response-rules.ts'

// Every response a check receives is judged here, beside the check's own verdict:
// "the server answered 201" and "the body it sent is malformed" are separate results.

type Finding = Observation

/** The schema check id a response kind counts for: 'ListResponse<User>' → 'schema.list-response-user'. */
export const schemaCheckId = (kind: string): string =>
  'schema.' + kind.replace(/[<>]/g, ' ').trim().replace(/\s+/g, '-').replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()

export function observeResponse(response: HttpResponse, expect: string, asked: { readonly projected: boolean } = { projected: false }): Finding[] {
  if (response.status === 204 || response.status === 304 || response.text === '') return []
  const findings: Finding[] = []
  const contentType = checkContentType(response.headers['content-type'])
  findings.push({ check: 'schema.content-type-json', violations: contentType === 'fail' ? [contentTypeViolation(response, 'RFC7644 8.1: a SCIM response body is JSON')] : [] })
  findings.push({ check: 'schema.content-type-scim', violations: contentType === 'ok' ? [] : [contentTypeViolation(response, 'RFC7644 3.1: responses use application/scim+json')] })
  if (response.json === undefined) {
    findings.push({ check: 'schema.json-body', violations: [{ pointer: '', rule: 'RFC7644 3.1: the body is JSON', message: `the body is not JSON: ${response.text.slice(0, 80)}` }] })
    return findings
  }
  findings.push({ check: 'schema.json-body', violations: [] })
  const kind = (response.status >= 400 ? 'Error' : expect) as ResponseKind
  const violations = validate(kind, response.json)
  findings.push({ check: schemaCheckId(kind), violations: asked.projected ? violations.filter((v) => !isMissingMeta(v)) : violations })
  if ((kind === 'User' || kind === 'Group') && response.status < 300 && !asked.projected) {
    findings.push({ check: `schema.${kind.toLowerCase()}-rules`, violations: checkResourceRules(kind, response.json, { endpointUrl: collectionUrl(response.exchange.url) }) })
  }
  return findings
}

function contentTypeViolation(response: HttpResponse, rule: string) {
  return { pointer: '', rule, message: `Content-Type is ${JSON.stringify(response.headers['content-type'] ?? '(none)')}` }
}

/** The collection a resource URL belongs to: .../Users/abc?x → .../Users */
const collectionUrl = (url: string): string => url.replace(/(\/(?:Users|Groups))(?:\/[^?]*)?(?:\?.*)?$/, '$1')

const isMissingMeta = (v: { readonly pointer: string; readonly message: string }): boolean =>
  /(^|\/)meta$/.test(v.pointer) && v.message.includes('missing')
