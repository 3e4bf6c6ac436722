import { check } from '../src/kit/check.ts'
import { ensure, ensureStatus } from '../src/kit/check-failure.ts'
import { SCHEMA_URN } from '../src/scim/schema-model.ts'
import { resourcesOf } from '../src/kit/resources.ts'

// RFC 7644 section 4: the discovery endpoints.

check('discovery.service-provider-config', { verifies: ['rfc7644:4:service-provider-config'], readOnly: true }, async ({ scim }) => {
  const res = await scim.send({ method: 'GET', path: '/ServiceProviderConfig', expect: 'ServiceProviderConfig' })
  ensureStatus(res, 200)
  const schemas = (res.json as { schemas?: unknown })?.schemas
  ensure(Array.isArray(schemas) && schemas.includes(SCHEMA_URN.serviceProviderConfig), `the body does not list ${SCHEMA_URN.serviceProviderConfig} in "schemas"`, { pointer: '/schemas', actual: schemas })
})

check('discovery.schemas', { verifies: ['rfc7644:4:schemas'], readOnly: true }, async ({ scim }) => {
  const res = await scim.send({ method: 'GET', path: '/Schemas', expect: 'ListResponse<Schema>' })
  ensureStatus(res, 200)
  const ids = resourcesOf(res.json).map((s) => s.id)
  ensure(ids.includes(SCHEMA_URN.user), `/Schemas does not list the core User schema ${SCHEMA_URN.user}`, { pointer: '/Resources', expected: SCHEMA_URN.user, actual: ids })
})

check('discovery.resource-types', { verifies: ['rfc7644:4:resource-types'], readOnly: true }, async ({ scim }) => {
  const res = await scim.send({ method: 'GET', path: '/ResourceTypes', expect: 'ListResponse<ResourceType>' })
  ensureStatus(res, 200)
  const names = resourcesOf(res.json).map((r) => r.name)
  ensure(names.includes('User'), '/ResourceTypes does not list the User resource type', { pointer: '/Resources', expected: 'User', actual: names })
})

// The discovery resources are resources too. RFC 7643 3.1 defines meta.resourceType as "The name
// of the resource type of the resource" and meta.location as "The URI of the resource being
// returned"; RFC 7643 6 and 7 show them as "ResourceType" or "Schema" and the entry's own URI.
// meta itself is optional there, so only a meta that is present is judged.
const discoveryMeta = [
  { endpoint: '/ResourceTypes', resourceType: 'ResourceType', key: 'name', expect: 'ListResponse<ResourceType>' },
  { endpoint: '/Schemas', resourceType: 'Schema', key: 'id', expect: 'ListResponse<Schema>' },
] as const

for (const { endpoint, resourceType, key, expect } of discoveryMeta) {
  const id = `discovery.${endpoint.slice(1).replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}.meta`
  const requirement = resourceType === 'ResourceType' ? 'rfc7643:6:meta' : 'rfc7643:7:meta'
  check(id, { verifies: [requirement], readOnly: true }, async ({ scim, skip }) => {
    const res = await scim.send({ method: 'GET', path: endpoint, expect })
    if (res.status !== 200) skip(`not applicable: GET ${endpoint} answered ${res.status}; the discovery check for ${endpoint} judges that`)
    resourcesOf(res.json).forEach((entry, index) => {
      const meta = entry.meta as { resourceType?: unknown; location?: unknown } | undefined
      if (meta === undefined) return
      const name = JSON.stringify(entry[key])
      ensure(meta.resourceType === resourceType, `${endpoint} entry ${name} has meta.resourceType ${JSON.stringify(meta.resourceType)}, expected "${resourceType}"`, { pointer: `/Resources/${index}/meta/resourceType`, expected: resourceType, actual: meta.resourceType })
      const own = typeof entry[key] === 'string' ? `${endpoint}/${entry[key] as string}` : endpoint
      const location = meta.location
      ensure(location === undefined || (typeof location === 'string' && (location.endsWith(own) || decodeURIComponent(location).endsWith(own))), `${endpoint} entry ${name} has meta.location ${JSON.stringify(location)}, which is not its own URI (ending in ${own})`, { pointer: `/Resources/${index}/meta/location`, expected: `…${own}`, actual: location })
    })
  })
}
