// RFC 7644 3.12, Table 8: 501 Not Implemented, "Service provider does not support the request
// operation". Apps that only soft-delete users (deprovisioned with PATCH active=false) refuse
// DELETE that way, or with HTTP's 405 Method Not Allowed. Such a refusal is not a failed delete:
// the checks that need a deleted user are not applicable, and Entra's delete step warns.

const NOT_SUPPORTED = [405, 501]

export const isDeleteUnsupported = (status: number): boolean => NOT_SUPPORTED.includes(status)

/** Ends a check that needs a hard-deleted user as not applicable when the server refused the DELETE as unsupported. */
export function skipIfDeleteUnsupported(res: { readonly method: string; readonly path: string; readonly status: number }, skip: (reason: string) => never): void {
  if (isDeleteUnsupported(res.status)) {
    skip(`not applicable: ${res.method} ${res.path} answered ${res.status}, the server does not support deleting users (RFC 7644 3.12 lets it refuse an operation it does not support)`)
  }
}
