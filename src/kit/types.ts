// The types a check is written against, from the layers below the kit. Suites import the kit
// only (test/architecture.test.ts), so what they need of the client, the profiles, the
// catalogue and the report model reaches them through here.

export type { ScimClient } from '../client/scim-client.ts'
export type { AuthMode, HttpRequest, HttpResponse } from '../client/http.ts'
export type { MappedAttribute, Profile, ResourceKind } from '../profile.ts'
export type { RequirementId } from '../catalogue/index.ts'
export type { Dialect } from '../report/model.ts'
