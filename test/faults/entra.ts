import type { Fault } from './fault.ts'
import type { Handle, ScimHttpResponse } from '../../src/server/index.ts'
import { onResponse, bodyOf, withBody, notFoundJson, isAny } from './wrappers.ts'

// Faults Entra's provisioning cycle and the per-profile round trips must catch,
// each named by the scenario step or round trip that fails.

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
const GUID = /^displayName eq "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"$/i

/** Applies `change` to every resource in a Users/Groups answer, single or ListResponse. */
function eachResource(res: ScimHttpResponse, change: (resource: Record<string, unknown>) => void): ScimHttpResponse {
  const body = bodyOf(res)
  if (!body) return res
  const resources = Array.isArray(body.Resources) ? (body.Resources as Record<string, unknown>[]) : [body]
  resources.forEach(change)
  return withBody(res, body)
}

const dropsEnterprise = onResponse(isAny('Users'), (res) => eachResource(res, (resource) => {
  delete resource[ENTERPRISE]
  if (Array.isArray(resource.schemas)) resource.schemas = resource.schemas.filter((s) => s !== ENTERPRISE)
}))

/** 4255551234 → +1 (425) 555-1234, the reformatting Microsoft's Entra SCIM documentation warns about. */
const normalisesPhones = onResponse(isAny('Users'), (res) => eachResource(res, (resource) => {
  if (!Array.isArray(resource.phoneNumbers)) return
  for (const phone of resource.phoneNumbers as { value?: unknown }[]) {
    const digits = typeof phone.value === 'string' ? phone.value.replace(/\D/g, '') : ''
    if (digits.length === 10) phone.value = `+1 (${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`
  }
}))

const returnsExcludedMembers = (handle: Handle): Handle => (req) => {
  if (!req.query.has('excludedAttributes')) return handle(req)
  const query = new URLSearchParams(req.query)
  query.delete('excludedAttributes')
  return handle({ ...req, query })
}

export const entraFaults: readonly Fault[] = [
  {
    id: 'drops-enterprise-extension-zip',
    defect: 'drops the enterprise extension (profile zip: department, employeeNumber, manager)',
    profile: 'zip',
    only: 'profile.*',
    breaks: ['profile.user.create-read-back', 'profile.user.match-read-back', 'profile.user.patch-read-back'],
    wrap: dropsEnterprise,
  },
  {
    id: 'drops-enterprise-extension-zscaler',
    defect: 'drops the enterprise extension (profile zscaler: department)',
    profile: 'zscaler',
    only: 'profile.*',
    breaks: ['profile.user.create-read-back', 'profile.user.match-read-back', 'profile.user.patch-read-back', 'profile.user.required-only-create'],
    wrap: dropsEnterprise,
  },
  {
    id: 'drops-enterprise-extension-zapier',
    defect: 'drops the enterprise extension, which profile zapier does not map',
    profile: 'zapier',
    only: 'profile.*',
    breaks: [],
    wrap: dropsEnterprise,
  },
  {
    id: 'returns-excluded-members',
    defect: 'returns members despite excludedAttributes=members',
    only: 'entra.*',
    breaks: ['entra.group-cycle.match-excludes-members'],
    wrap: returnsExcludedMembers,
  },
  {
    id: 'groups-probe-404',
    defect: 'answers Entra\'s Test Connection probe on /Groups (displayName eq "<GUID>") with 404',
    only: 'entra.*',
    breaks: ['entra.test-connection.groups'],
    wrap: onResponse((req) => req.method === 'GET' && req.path === '/Groups' && GUID.test(req.query.get('filter') ?? ''), () => notFoundJson()),
  },
  {
    id: 'ignores-external-id',
    defect: 'ignores externalId',
    only: 'entra.*',
    breaks: ['entra.user-cycle.second-cycle-no-patch'],
    wrap: onResponse(isAny('Users', 'Groups'), (res) => eachResource(res, (resource) => delete resource.externalId)),
  },
  {
    id: 'normalises-phone-numbers',
    defect: 'normalises phone numbers (4255551234 comes back as +1 (425) 555-1234)',
    only: 'entra.*',
    breaks: ['entra.user-cycle.second-cycle-no-patch'],
    wrap: normalisesPhones,
  },
]
