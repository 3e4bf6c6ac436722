import type { ScimType } from '../types.ts'

/**
 * A request error found while applying a PATCH (RFC 7644 section 3.12, Table 9).
 * Thrown only inside the oracle; applyPatch turns it into a `{ ok: false }` result,
 * so it never reaches a caller.
 */
export class PatchRejection extends Error {
  override readonly name = 'PatchRejection'
  readonly scimType: ScimType

  constructor(scimType: ScimType, detail: string) {
    super(detail)
    this.scimType = scimType
  }
}

export function reject(scimType: ScimType, detail: string): never {
  throw new PatchRejection(scimType, detail)
}
