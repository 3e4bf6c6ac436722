import type { HttpResponse } from '../client/http.ts'
import type { Observation } from './run-config.ts'
import { validate } from '../validate.ts'
import type { ResponseKind } from '../response-kinds.ts'
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
  if (response.status >= 400) findings.push({ check: 'schema.error-scim-type-status', violations: scimTypeStatusViolations(response) })
  const kind = (response.status >= 400 ? 'Error' : expect) as ResponseKind
  const violations = validate(kind, response.json)
  findings.push({ check: schemaCheckId(kind), violations: asked.projected ? violations.filter((v) => !isMissingMeta(v)) : violations })
  if ((kind === 'User' || kind === 'Group') && response.status < 300 && !asked.projected) {
    findings.push({ check: `schema.${kind.toLowerCase()}-rules`, violations: checkResourceRules(kind, response.json, { endpointUrl: collectionUrl(response.exchange.url) }) })
  }
  return findings
}

// RFC 7644 3.12, Table 9: the scimType keywords are defined for 400 Bad Request; 3.3 and 3.5.1
// pair uniqueness with 409 Conflict, and 3.13 invalidVers with 412. A keyword on another status
// (invalidSyntax on a 404) tells the client something the status contradicts.
const SCIM_TYPE_STATUSES: Readonly<Record<string, readonly number[]>> = {
  invalidFilter: [400], tooMany: [400], uniqueness: [400, 409], mutability: [400], invalidSyntax: [400],
  invalidPath: [400], noTarget: [400], invalidValue: [400], invalidVers: [400, 412], sensitive: [400],
}

function scimTypeStatusViolations(response: HttpResponse) {
  const scimType = (response.json as { scimType?: unknown } | undefined)?.scimType
  if (typeof scimType !== 'string' || !Object.hasOwn(SCIM_TYPE_STATUSES, scimType)) return []
  const statuses = SCIM_TYPE_STATUSES[scimType]!
  if (statuses.includes(response.status)) return []
  return [{ pointer: '/scimType', rule: 'RFC7644 3.12 Table 9: a scimType keyword goes with its status', message: `scimType "${scimType}" came with status ${response.status}; Table 9 defines it for ${statuses.join(' or ')}` }]
}

function contentTypeViolation(response: HttpResponse, rule: string) {
  return { pointer: '', rule, message: `Content-Type is ${JSON.stringify(response.headers['content-type'] ?? '(none)')}` }
}

/** The collection a resource URL belongs to: .../Users/abc?x → .../Users */
const collectionUrl = (url: string): string => url.replace(/(\/(?:Users|Groups))(?:\/[^?]*)?(?:\?.*)?$/, '$1')

const isMissingMeta = (v: { readonly pointer: string; readonly message: string }): boolean =>
  /(^|\/)meta$/.test(v.pointer) && v.message.includes('missing')
