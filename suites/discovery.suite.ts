import { check } from '../src/check.ts'
import { ensure, ensureStatus } from '../src/check-failure.ts'
import { SCHEMA_URN } from '../src/scim/schema-model.ts'
import { resourcesOf } from '../src/resources.ts'

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
