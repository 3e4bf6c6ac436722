// What each kind of SCIM message is validated against: its schema in schemas/, and the
// section cited when the failing part of the schema names no rule of its own. The
// validators themselves are compiled ahead of time (src/generated/response-validators.ts,
// written by `npm run schemas`), with the options below.

import type { Options } from 'ajv/dist/2020.js'

export interface KindSpec {
  readonly schema: string
  /** For a ListResponse: the schema every element of Resources must meet. */
  readonly resources?: string
  /** Cited when the failing part of the schema names no rule of its own. */
  readonly section: string
}

export const responseKinds = {
  User: { schema: 'user.schema.json', section: 'RFC7643 4.1' },
  Group: { schema: 'group.schema.json', section: 'RFC7643 4.2' },
  'ListResponse<User>': { schema: 'list-response.schema.json', resources: 'user.schema.json', section: 'RFC7644 3.4.2' },
  'ListResponse<Group>': { schema: 'list-response.schema.json', resources: 'group.schema.json', section: 'RFC7644 3.4.2' },
  Error: { schema: 'error.schema.json', section: 'RFC7644 3.12' },
  ServiceProviderConfig: { schema: 'service-provider-config.schema.json', section: 'RFC7643 5' },
  ResourceType: { schema: 'resource-type.schema.json', section: 'RFC7643 6' },
  'ListResponse<ResourceType>': { schema: 'list-response.schema.json', resources: 'resource-type.schema.json', section: 'RFC7644 3.4.2' },
  Schema: { schema: 'schema.schema.json', section: 'RFC7643 7' },
  'ListResponse<Schema>': { schema: 'list-response.schema.json', resources: 'schema.schema.json', section: 'RFC7644 3.4.2' },
  PatchOp: { schema: 'patch-op.schema.json', section: 'RFC7644 3.5.2' },
  BulkRequest: { schema: 'bulk-request.schema.json', section: 'RFC7644 3.7' },
  BulkResponse: { schema: 'bulk-response.schema.json', section: 'RFC7644 3.7' },
} as const satisfies Record<string, KindSpec>

export type ResponseKind = keyof typeof responseKinds

/** The name a kind's validator is exported under: 'ListResponse<User>' → 'ListResponse_User'. */
export const validatorName = (kind: ResponseKind): string => kind.replace(/<(\w+)>/, '_$1')

/**
 * verbose: errors carry parentSchema, whose $comment names the rule. validateSchema: false,
 * because test/schemas.test.ts holds every file to the draft 2020-12 meta-schema.
 */
export const AJV_OPTIONS = {
  allErrors: true, verbose: true, strictSchema: true, strictTypes: false, allowMatchingProperties: true, validateSchema: false,
} as const satisfies Options
