import type { Handle, ServerFeatures } from '../../src/server/index.ts'

// A lawful variant is the reference server with exactly one difference the RFCs
// allow. Where the difference is lawful for the RFC but not for Entra, `breaks`
// names the one check (per profile) that must say so; everything else must pass.
// The zoo proves the suite raises no false alarm on a correct server unlike ours.

export type VariantProfile = 'rfc' | 'entra'

export interface Variant {
  readonly id: string
  /** The lawful difference, with the rule that allows it. */
  readonly difference: string
  readonly wrap?: (handle: Handle) => Handle
  readonly features?: Partial<ServerFeatures>
  /** Checks that must fail (or warn) per profile; omitted means none. */
  readonly breaks?: Partial<Record<VariantProfile, readonly string[]>>
}
