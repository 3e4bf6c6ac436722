import type { Variant } from './variant.ts'
import { caseFoldVariants } from './case-fold.ts'
import { errorVariants } from './errors.ts'
import { featureVariants } from './features.ts'
import { responseVariants } from './responses.ts'
import { ruleVariants } from './rules.ts'
import { schemaVariants } from './schemas.ts'

export type { Variant } from './variant.ts'

/** Every lawful variant the zoo runs. Each area adds its own file and one line here. */
export const variants: readonly Variant[] = [...responseVariants, ...featureVariants, ...ruleVariants, ...caseFoldVariants, ...errorVariants, ...schemaVariants]
