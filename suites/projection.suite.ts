import { check } from '../src/kit/check.ts'
import { ensure, ensureStatus } from '../src/kit/check-failure.ts'
import { SCHEMA_URN } from '../src/scim/schema-model.ts'
import { resourcesOf } from '../src/kit/resources.ts'
import { createUser, emailName } from '../src/kit/steps.ts'
import type { ScimClient } from '../src/kit/types.ts'
import type { JsonObject } from '../src/scim/types.ts'

// attributes and excludedAttributes (RFC 7644 3.4.2.5: "SCIM clients MAY use one of these two
// OPTIONAL parameters, which MUST be supported by SCIM service providers"), judged on a
// query and on a GET by id. Whatever is asked, a representation keeps "schemas" (RFC 7643 3,
// REQUIRED) and the attributes returned "always" (id: RFC 7643 3.1).

/** The user as a query and as a GET by id return it, with `query` added to both requests. */
async function projectedTwice(scim: ScimClient, userName: string, id: string, query: Record<string, string>): Promise<{ where: string; resource: JsonObject | undefined }[]> {
  const listed = await scim.list('User', { filter: `userName eq "${userName}"`, ...query })
  ensureStatus(listed, 200)
  const byId = await scim.get('User', id, query)
  ensureStatus(byId, 200)
  const asked = new URLSearchParams(query).toString()
  return [
    { where: `GET /Users?filter=…&${asked}`, resource: resourcesOf(listed.json).find((r) => r.id === id) },
    { where: `GET /Users/{id}?${asked}`, resource: byId.json as JsonObject | undefined },
  ]
}

const quoted = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 120 ? `${text.slice(0, 117)}...` : text
}

check('projection.attributes.only-named', { verifies: ['rfc7644:3.4.2.5:attributes-override', 'rfc7644:3.4.2.5:attributes-supported'] }, async ({ scim, uniqueName }) => {
  const userName = emailName(uniqueName('only-named'))
  const { id } = await createUser(scim, userName)
  for (const { where, resource } of await projectedTwice(scim, userName, id, { attributes: 'userName' })) {
    ensure(resource !== undefined, `${where} did not return the user`, { expected: id })
    const extra = ['emails', 'name', 'active'].filter((name) => Object.keys(resource).some((key) => key.toLowerCase() === name.toLowerCase()))
    ensure(extra.length === 0, `${where} returned ${extra.join(', ')} although only userName was asked for: "the default list of attributes SHALL be overridden" (RFC 7644 3.9)`, { pointer: `/${extra[0]}`, expected: 'absent', actual: quoted(resource[extra[0]!]) })
    ensure(resource.userName === userName, `${where} left out userName, the attribute asked for`, { pointer: '/userName', expected: userName, actual: quoted(resource.userName) })
  }
})

check('projection.attributes.keeps-schemas-and-id', { verifies: ['rfc7643:3:schemas', 'rfc7643:3.1:id-returned-always', 'rfc7644:3.9:attributes-minimum-set', 'rfc7643:7:returned-always'] }, async ({ scim, uniqueName }) => {
  const userName = emailName(uniqueName('keeps-schemas'))
  const { id } = await createUser(scim, userName)
  for (const query of [{ attributes: 'userName' }, { excludedAttributes: 'emails' }] as Record<string, string>[]) {
    for (const { where, resource } of await projectedTwice(scim, userName, id, query)) {
      ensure(resource !== undefined, `${where} did not return the user`, { expected: id })
      const schemas = resource.schemas
      ensure(Array.isArray(schemas) && schemas.includes(SCHEMA_URN.user), `${where} answered ${quoted(resource)}: without "schemas" listing ${SCHEMA_URN.user}, which every representation carries (RFC 7643 3, REQUIRED)`, { pointer: '/schemas', expected: [SCHEMA_URN.user], actual: quoted(schemas) })
      ensure(resource.id === id, `${where} answered ${quoted(resource)}: without id, which is returned always (RFC 7643 3.1)`, { pointer: '/id', expected: id, actual: quoted(resource.id) })
    }
  }
})

check('projection.excluded-attributes.emails', { verifies: ['rfc7644:3.4.2.5:excluded-attributes', 'rfc7644:3.4.2.5:attributes-supported'] }, async ({ scim, uniqueName }) => {
  const userName = emailName(uniqueName('excluded'))
  const { id } = await createUser(scim, userName)
  for (const { where, resource } of await projectedTwice(scim, userName, id, { excludedAttributes: 'emails' })) {
    ensure(resource !== undefined, `${where} did not return the user`, { expected: id })
    const emails = Object.entries(resource).find(([key]) => key.toLowerCase() === 'emails')?.[1]
    ensure(emails === undefined, `${where} still returned emails ${quoted(emails)}: excludedAttributes removes the named attributes (RFC 7644 3.4.2.5)`, { pointer: '/emails', expected: 'absent', actual: quoted(emails) })
    ensure(resource.userName === userName, `${where} lost userName, which was not excluded`, { pointer: '/userName', expected: userName, actual: quoted(resource.userName) })
  }
})
