// The optional features of RFC 7644 the reference server can switch on and off.
// /ServiceProviderConfig (RFC 7643 section 5) reports exactly these values, so a
// check can be proven both against a server that claims a feature and one that does not.

export interface ServerFeatures {
  /** RFC 7644 section 3.14: meta.version, ETag header, If-Match / If-None-Match. */
  readonly etag: boolean
  /** RFC 7644 section 3.4.2.3: sortBy / sortOrder. */
  readonly sort: boolean
  /** RFC 7644 section 3.7: POST /Bulk (bulk.ts); when off, /Bulk answers 501. */
  readonly bulk: boolean
  /** RFC 7644 section 3.7.4: more operations than this answer 413. */
  readonly bulkMaxOperations: number
  /** RFC 7644 section 3.7.4: a larger bulk body (bytes) answers 413. */
  readonly bulkMaxPayloadSize: number
  /** RFC 7643 section 5: password may be set by PUT and PATCH. */
  readonly changePassword: boolean
  /** RFC 7644 section 3.5.2: PATCH; when off, PATCH answers 501. */
  readonly patch: boolean
  /** RFC 7643 section 5 filter.maxResults: default and maximum page size. */
  readonly filterMaxResults: number
  /** Larger request bodies (bytes) are refused with 413 before parsing; not a /ServiceProviderConfig claim. */
  readonly maxBodyBytes: number
}

export const DEFAULT_FEATURES: ServerFeatures = {
  etag: true,
  sort: true,
  bulk: false,
  bulkMaxOperations: 20,
  bulkMaxPayloadSize: 262_144,
  changePassword: true,
  patch: true,
  filterMaxResults: 200,
  // No SCIM request Entra sends comes near it.
  maxBodyBytes: 2 * 1024 * 1024,
}

export function resolveFeatures(partial: Partial<ServerFeatures> = {}): ServerFeatures {
  const given = Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined))
  const features: ServerFeatures = { ...DEFAULT_FEATURES, ...given }
  if (!Number.isInteger(features.filterMaxResults) || features.filterMaxResults < 1) {
    throw new RangeError(`filterMaxResults must be a positive integer, got ${features.filterMaxResults}`)
  }
  for (const name of ['bulkMaxOperations', 'bulkMaxPayloadSize', 'maxBodyBytes'] as const) {
    if (!Number.isInteger(features[name]) || features[name] < 1) throw new RangeError(`${name} must be a positive integer, got ${features[name]}`)
  }
  return features
}
