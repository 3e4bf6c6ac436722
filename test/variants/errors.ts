import type { Variant } from './variant.ts'
import { bodyOf, onResponse, withBody } from '../faults/wrappers.ts'

// RFC 7644 section 3.12: scimType is "A SCIM detail error keyword. See Table 9.
// OPTIONAL." Only 409 on a uniqueness clash names its keyword with a MUST (section 3.3).

const isError = (status: number): boolean => status >= 400

export const errorVariants: readonly Variant[] = [
  {
    id: 'errors-without-scim-type',
    difference: 'sends no scimType in any error except the 409 uniqueness that section 3.3 requires',
    // Warnings, never failures, are lawful to show: these two ask for the SHOULD keywords of Table 9.
    breaks: { rfc: ['filters.malformed.scim-type-invalid-filter', 'patch.user.invalid-refused'], entra: ['filters.malformed.scim-type-invalid-filter', 'patch.user.invalid-refused'] },
    wrap: onResponse(() => true, (res) => {
      const body = bodyOf(res)
      if (!isError(res.status) || body === undefined || body.scimType === undefined || res.status === 409) return res
      const { scimType: _dropped, ...rest } = body
      return withBody(res, rest)
    }),
  },
  {
    id: 'errors-other-scim-type',
    difference: 'answers every 400 but invalidFilter with scimType invalidValue',
    // Table 9, invalidValue: "the value specified was not compatible with the operation or
    // attribute type ..., or resource schema" also describes a bad path, target or mutability.
    wrap: onResponse(() => true, (res) => {
      const body = bodyOf(res)
      if (res.status !== 400 || body === undefined || body.scimType === undefined || body.scimType === 'invalidFilter') return res
      return withBody(res, { ...body, scimType: 'invalidValue' })
    }),
  },
]
