import type { Level } from '../report/model.ts'
import { entra } from './entra.ts'
import { httpAuth } from './http-auth.ts'
import { rfc7643 } from './rfc7643.ts'
import { rfc7644 } from './rfc7644.ts'

// Every normative statement of RFC 7643, RFC 7644, the HTTP authentication rules
// they build on, and Entra's provisioning documents that scim-conform knows of. A check cites the ids it verifies;
// coverage is measured over the observable ones.

export interface Requirement {
  readonly source: 'RFC7643' | 'RFC7644' | 'RFC7235' | 'RFC6750' | 'Entra'
  /** '3.4.2.2' of the RFC, or the section number of the Entra catalogue (src/catalogue/entra.ts). */
  readonly section: string
  /** Entra entries: the section's title, as reports show it. */
  readonly title?: string
  /** Entra entries: the Microsoft page that documents the requirement. */
  readonly url?: string
  readonly level: Level
  /** One line, in our own words. */
  readonly summary: string
  /**
   * The source's own words, quoted. A MUST-level entry's text carries MUST, SHALL or REQUIRED
   * (a failure at MUST needs one); test/catalogue-data.test.ts holds every quoted entry to it.
   */
  readonly text?: string
  /** Why a black-box client cannot check it; such requirements are left out of coverage. */
  readonly unobservable?: string
}

export const requirements = {
  ...rfc7643,
  ...rfc7644,
  ...httpAuth,
  ...entra,
} as const satisfies Record<string, Requirement>

export type RequirementId = keyof typeof requirements

export const requirementIds = Object.keys(requirements) as RequirementId[]

/** The requirements coverage is measured over: those a black-box client can observe. */
export function observableRequirements(): RequirementId[] {
  return requirementIds.filter((id) => (requirements[id] as Requirement).unobservable === undefined)
}

/** A check's level is the strongest level among the requirements it verifies. */
export function levelOf(ids: readonly RequirementId[]): Level {
  const levels = ids.map((id) => requirements[id].level)
  if (levels.includes('MUST')) return 'MUST'
  if (levels.includes('SHOULD')) return 'SHOULD'
  return 'MAY'
}
