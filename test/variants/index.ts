import type { Variant } from './variant.ts'
import { caseFoldVariants } from './case-fold.ts'
import { errorVariants } from './errors.ts'
import { featureVariants } from './features.ts'
import { responseVariants } from './responses.ts'
import { ruleVariants } from './rules.ts'

export type { Variant } from './variant.ts'

const all: readonly Variant[] = [...responseVariants, ...featureVariants, ...ruleVariants, ...caseFoldVariants, ...errorVariants]

/**
 * Variants the suite still raises a false alarm on: each is named here with the alarm,
 * and joins the zoo when the alarm is fixed (a failing variant proves nothing).
 */
const PENDING: Readonly<Record<string, string>> = {
  'errors-without-scim-type': 'patch.user.invalid-refused fails a 400 without scimType at MUST (issue 13 item 1, the report-model half)',
  'root-query-too-many': 'search.root-matches-get fails POST /.search answered 400 tooMany (issue 13 item 8, the report-model half)',
  'errors-other-scim-type': 'not run yet: patch.user.invalid-refused asks the exact Table 9 keyword at MUST, as for errors-without-scim-type (issue 13 item 1)',
  'email-required-unique': 'creates without an email (profile.user.required-only-create, patch-read-back) and PATCH removals of the last email (patch.user.generated) ignore the required emails /Schemas declares',
}

/** Every lawful variant the zoo runs. Each area adds its own file and one line here. */
export const variants: readonly Variant[] = all.filter((v) => !(v.id in PENDING))
