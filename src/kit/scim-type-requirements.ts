import type { RequirementId } from '../catalogue/index.ts'
import type { ScimType } from '../scim/types.ts'

// RFC 7644 3.12, Table 9: the scimType each kind of 400 carries. The table has no
// RFC 2119 keyword and the attribute is "scimType ... OPTIONAL", so a missing or
// different scimType is at most a SHOULD: a warning, never a failure.

export const scimTypeRequirement: Record<ScimType, RequirementId> = {
  invalidFilter: 'rfc7644:3.12:invalid-filter',
  tooMany: 'rfc7644:3.12:too-many',
  uniqueness: 'rfc7644:3.12:uniqueness',
  mutability: 'rfc7644:3.12:mutability',
  invalidSyntax: 'rfc7644:3.12:invalid-syntax',
  invalidPath: 'rfc7644:3.12:invalid-path',
  noTarget: 'rfc7644:3.12:no-target',
  invalidValue: 'rfc7644:3.12:invalid-value',
  invalidVers: 'rfc7644:3.12:invalid-version',
  sensitive: 'rfc7644:3.12:sensitive',
}
