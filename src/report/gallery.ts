import type { CheckResult, Report } from './model.ts'

// Microsoft's SCIM validator (https://learn.microsoft.com/en-us/entra/identity/app-provisioning/scim-validator-tutorial)
// runs 25 required tests before a gallery listing. Each is named here as the validator names it,
// with the checks of this suite that send the same requests and judge the same result. The
// validator is Microsoft's; this table says how a run of scim-conform would have fared on it.

export interface GalleryTest {
  readonly name: string
  /** The checks that emulate it; empty where no check sends that request yet. */
  readonly checks: readonly string[]
}

export const galleryTests: readonly GalleryTest[] = [
  { name: 'Create a new User', checks: ['users.create.status-201', 'profile.user.create-read-back'] },
  { name: 'Create a duplicate User', checks: ['entra.gallery.duplicate-user-409'] },
  { name: 'Filter for an existing user', checks: ['entra.user-cycle.match-found'] },
  { name: 'Filter for a non-existing user', checks: ['entra.test-connection.users'] },
  { name: 'Filter for an existing user with a different case', checks: ['entra.gallery.filter-case-user'] },
  { name: 'Patch User - Replace Attributes', checks: ['entra.user-cycle.update-changed-only'] },
  { name: 'Update User userName', checks: ['entra.gallery.update-username'] },
  { name: 'Patch User - Disable User', checks: ['entra.user-cycle.disable'] },
  { name: 'Patch User - Add Attributes Verbose Request', checks: ['profile.user.patch-read-back'] },
  { name: 'Patch User - Add Manager', checks: ['entra.patch.manager-bare-id'] },
  { name: 'Patch User - Replace Manager', checks: ['entra.patch.manager-bare-id'] },
  { name: 'Patch User - Remove Manager', checks: ['entra.patch.manager-bare-id'] },
  { name: 'Delete a User', checks: ['entra.user-cycle.delete'] },
  { name: 'Get group by id excluding members', checks: ['entra.group-cycle.match-excludes-members'] },
  { name: 'Filter for existing group excluding members', checks: ['entra.group-cycle.match-excludes-members'] },
  { name: 'Filter for an existing group', checks: ['profile.group.match-read-back'] },
  { name: 'Filter for a non-existing group', checks: ['entra.test-connection.groups'] },
  { name: 'Filter for an existing group with a different case', checks: ['entra.gallery.filter-case-group'] },
  { name: 'Create a new Group', checks: ['entra.group-cycle.create', 'groups.create.status-201'] },
  { name: 'Create a duplicate Group', checks: ['entra.gallery.duplicate-group-409'] },
  { name: 'Patch Group - Replace Attributes', checks: ['patch.group.generated'] },
  { name: 'Update Group displayName', checks: ['entra.group-cycle.rename'] },
  { name: 'Patch Group - Add Member', checks: ['entra.group-cycle.add-members'] },
  { name: 'Patch Group - Remove Member', checks: ['entra.group-cycle.remove-member'] },
  { name: 'Delete a Group', checks: ['entra.group-cycle.delete'] },
]

/** not emulated: no check sends the test's requests; not judged: a check it needs was blocked; not applicable: skipped or not run. */
export type GalleryStatus = 'pass' | 'fail' | 'warn' | 'not judged' | 'not applicable' | 'not emulated'

export interface GalleryRow {
  readonly name: string
  readonly status: GalleryStatus
  readonly checks: readonly string[]
}

export function galleryRows(report: Report): GalleryRow[] {
  const byId = new Map<string, CheckResult>(report.checks.map((c) => [c.id, c]))
  return galleryTests.map(({ name, checks }) => {
    const results = checks.flatMap((id) => byId.get(id) ?? [])
    const has = (status: CheckResult['status']) => results.some((c) => c.status === status)
    const status: GalleryStatus = checks.length === 0 ? 'not emulated'
      : has('fail') ? 'fail'
      : has('blocked') ? 'not judged'
      : has('warn') ? 'warn'
      : has('pass') ? 'pass'
      : 'not applicable'
    return { name, status, checks }
  })
}
