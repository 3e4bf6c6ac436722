import { inject } from 'vitest'
import { answerOf, Blocked } from './blocked.ts'
import type { ScimClient } from '../client/scim-client.ts'

// What the target claims in /ServiceProviderConfig (RFC 7643 section 5). The
// optional-feature checks run as far as these claims go: a claimed feature is
// checked fully, an unclaimed one is skipped as "not advertised".

export interface BulkClaim {
  readonly supported: boolean
  /** Absent or non-numeric values are undefined: the claim says nothing about the limit. */
  readonly maxOperations: number | undefined
  readonly maxPayloadSize: number | undefined
}

export interface FilterClaim {
  readonly supported: boolean
  readonly maxResults: number | undefined
}

export interface AuthenticationSchemeClaim {
  readonly type: string
  readonly name: string
}

export interface ServiceProviderClaims {
  readonly patch: boolean
  readonly bulk: BulkClaim
  readonly filter: FilterClaim
  readonly changePassword: boolean
  readonly sort: boolean
  readonly etag: boolean
  readonly authenticationSchemes: readonly AuthenticationSchemeClaim[]
}

export type OptionalFeature = 'patch' | 'bulk' | 'filter' | 'changePassword' | 'sort' | 'etag'

// One read per worker and run: every check the worker runs sees the same claims. A worker
// thread can serve several runs (src/run/kept-threads.ts), so the claims are kept by run.
let cached: { readonly run: string; readonly claims: Promise<ServiceProviderClaims> } | undefined

export function serviceProviderClaims(scim: ScimClient): Promise<ServiceProviderClaims> {
  const run = inject('run').prefix
  if (cached?.run !== run) {
    const claims = readClaims(scim).catch((error: unknown) => {
      if (cached?.claims === claims) cached = undefined
      throw error
    })
    cached = { run, claims }
  }
  return cached.claims
}

/** Ends the check as skipped unless the target claims the feature; returns the claims otherwise. */
export async function requireClaim(scim: ScimClient, feature: OptionalFeature, skip: (reason: string) => never): Promise<ServiceProviderClaims> {
  const claims = await serviceProviderClaims(scim)
  if (!isClaimed(claims, feature)) skip(`not advertised: ${feature}`)
  return claims
}

export function isClaimed(claims: ServiceProviderClaims, feature: OptionalFeature): boolean {
  switch (feature) {
    case 'bulk': return claims.bulk.supported
    case 'filter': return claims.filter.supported
    default: return claims[feature]
  }
}

async function readClaims(scim: ScimClient): Promise<ServiceProviderClaims> {
  const res = await scim.send({ method: 'GET', path: '/ServiceProviderConfig', expect: 'ServiceProviderConfig' })
  const body = res.json
  if (res.status !== 200 || typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new Blocked(`set-up: GET /ServiceProviderConfig answered ${res.status} without a JSON object; the optional features cannot be judged`, { check: 'discovery.service-provider-config', request: 'GET /ServiceProviderConfig', answer: answerOf(res) })
  }
  const config = body as Record<string, unknown>
  const bulk = objectAt(config, 'bulk')
  const filter = objectAt(config, 'filter')
  const schemes = Array.isArray(config['authenticationSchemes']) ? (config['authenticationSchemes'] as unknown[]) : []
  return {
    patch: supported(config, 'patch'),
    bulk: { supported: supported(config, 'bulk'), maxOperations: numberAt(bulk, 'maxOperations'), maxPayloadSize: numberAt(bulk, 'maxPayloadSize') },
    filter: { supported: supported(config, 'filter'), maxResults: numberAt(filter, 'maxResults') },
    changePassword: supported(config, 'changePassword'),
    sort: supported(config, 'sort'),
    etag: supported(config, 'etag'),
    authenticationSchemes: schemes.flatMap((s) => {
      const scheme = s as { type?: unknown; name?: unknown } | null
      return typeof scheme?.type === 'string' ? [{ type: scheme.type, name: typeof scheme.name === 'string' ? scheme.name : '' }] : []
    }),
  }
}

/** Attribute names are case-insensitive (RFC 7643 section 2.1). */
function valueAt(holder: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(holder).find((k) => k.toLowerCase() === name.toLowerCase())
  return key === undefined ? undefined : holder[key]
}

function objectAt(config: Record<string, unknown>, name: string): Record<string, unknown> {
  const value = valueAt(config, name)
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}

/** Only a literal true claims a feature: "true" or a missing flag does not. */
function supported(config: Record<string, unknown>, name: string): boolean {
  return valueAt(objectAt(config, name), 'supported') === true
}

function numberAt(holder: Record<string, unknown>, name: string): number | undefined {
  const value = valueAt(holder, name)
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}
