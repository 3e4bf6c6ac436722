import type { ScimClient } from '../client/scim-client.ts'
import type { ResourceKind } from '../run/tracker.ts'

// The filter that confines a query to the resources one check created, so no other
// check's writes enter the set it judges. RFC 7644 3.12, Table 9 lets a server refuse
// "the specified attribute and filter comparison combination" with 400 invalidFilter,
// so no one operator can be assumed: sw on the shared prefix first, then the names
// one by one joined with or.

export type Confinement =
  | { readonly kind: 'confined'; readonly filter: string }
  | { readonly kind: 'refused'; readonly reason: string }

const quoted = (value: string): string => JSON.stringify(value)

export async function confiningFilter(scim: ScimClient, kind: ResourceKind, attribute: string, prefix: string, values: readonly string[]): Promise<Confinement> {
  const candidates = [`${attribute} sw ${quoted(prefix)}`, values.map((v) => `${attribute} eq ${quoted(v)}`).join(' or ')]
  for (const filter of candidates) {
    const res = await scim.list(kind, { filter, count: '1' })
    const scimType = (res.json as { scimType?: unknown } | undefined)?.scimType
    if (!(res.status === 400 && scimType === 'invalidFilter')) return { kind: 'confined', filter }
  }
  return { kind: 'refused', reason: `not applicable: the server refuses both ${attribute} sw and ${attribute} eq ... or ... with 400 invalidFilter (RFC 7644 section 3.12 allows it), so the query cannot be confined to this check's ${kind}s` }
}
