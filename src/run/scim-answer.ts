import type { HttpResponse } from '../client/http.ts'

// Whether an answer comes from a SCIM server at all, judged before any check: a
// --url without /scim/v2, or pointing at a web page, would otherwise run the
// whole suite (and send its writes) to something that is not a SCIM endpoint.

/** JSON whose `schemas` names a SCIM URN, or a ListResponse's members (some servers leave `schemas` out). */
export function looksScim(response: HttpResponse): boolean {
  if (!/json/i.test(response.headers['content-type'] ?? '')) return false
  const body = response.json
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false
  const schemas = (body as { schemas?: unknown }).schemas
  if (Array.isArray(schemas) && schemas.some((s) => typeof s === 'string' && s.toLowerCase().startsWith('urn:ietf:params:scim:'))) return true
  return 'Resources' in body || 'totalResults' in body
}

/** One line naming what came back and the likeliest fix, e.g. "... answered 404 text/html: is /scim/v2 missing from --url?". */
export function notScimMessage(baseUrl: string, request: string, response: HttpResponse): string {
  const type = (response.headers['content-type'] ?? '').split(';')[0]?.trim() || 'no content type'
  const shape = /json/i.test(type) && !looksScim(response) ? `${type} without a SCIM schema URN` : type
  const answered = `${request} answered ${response.status} ${shape}`
  const path = new URL(baseUrl).pathname.replace(/\/+$/, '')
  if (!/\/scim(\/v2)?$/i.test(path) && (response.status === 404 || /html/i.test(type))) return `${answered}: is /scim/v2 missing from --url?`
  if (/html/i.test(type)) return `${answered}: --url serves a web page; pass the SCIM base URL (the one /Users is under)`
  return `${answered}: --url ${baseUrl} does not look like a SCIM base URL (the one /Users is under)`
}
