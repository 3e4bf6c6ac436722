import type { Fault } from './fault.ts'
import type { ScimHttpResponse } from '../../src/server/index.ts'
import { TOKEN } from '../helpers.ts'
import { coreSchemaSubset } from '../variants/schemas.ts'

// Faults whose main effect is on other checks' set-up: the checks that judge the refused
// request fail, and every check that needed it as its set-up is blocked under them, not failed.

const refusal = (detail: string): ScimHttpResponse => ({
  status: 400,
  headers: { 'content-type': 'application/scim+json' },
  body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400', scimType: 'invalidValue', detail }),
})

export const blockedFaults: readonly Fault[] = [
  {
    id: 'refuses-fax-number-on-create',
    defect: 'refuses a new user carrying a fax number (one attribute of the entra profile)',
    breaks: ['entra.user-cycle.create', 'profile.user.create-read-back'],
    // Every other check that needs such a user as its set-up, and the scenario steps after the failed create.
    blocks: [
      'entra.gallery.delete-twice-404', 'entra.gallery.duplicate-user-409', 'entra.gallery.filter-case-user', 'entra.gallery.recreate-after-delete', 'entra.gallery.update-username', 'entra.gallery.user-pagination',
      'entra.group-cycle.add-members', 'entra.group-cycle.delete', 'entra.group-cycle.display-name-unique', 'entra.group-cycle.match-excludes-members', 'entra.group-cycle.remove-member', 'entra.group-cycle.rename',
      'entra.user-cycle.delete', 'entra.user-cycle.disable', 'entra.user-cycle.get-by-id', 'entra.user-cycle.manager', 'entra.user-cycle.match-found', 'entra.user-cycle.re-enable', 'entra.user-cycle.second-cycle-no-patch', 'entra.user-cycle.update-changed-only',
      'filters.groups.entra-eq', 'filters.groups.rfc-operators', 'filters.malformed.invalid-filter-400', 'filters.malformed.scim-type-invalid-filter', 'filters.pagination', 'filters.sort', 'filters.users.entra-eq', 'filters.users.rfc-operators',
      'patch.user.generated', 'patch.user.invalid-refused',
      'profile.group.patch-read-back', 'profile.user.filterable-eq', 'profile.user.match-read-back', 'profile.user.patch-read-back',
    ],
    // Only once authenticated: the auth probes' creates carry no fax number but must still meet the 401.
    wrap: (handle) => (req) => (req.method === 'POST' && req.path === '/Users' && req.headers.authorization === `Bearer ${TOKEN}` && /"type":\s*"fax"/.test(req.body) ? Promise.resolve(refusal('phoneNumbers of type fax are not supported')) : handle(req)),
  },
  {
    id: 'refuses-unlisted-enterprise-extension',
    defect: 'neither lists nor accepts the enterprise extension, which the entra profile maps (department, employeeNumber, manager)',
    only: 'profile.*,entra.*',
    breaks: ['profile.attributes-advertised'],
    // The run leaves unlisted attributes out; the checks that need the manager regardless wait on the one that judges it.
    blocks: ['entra.patch.extension-on-core-only-user', 'entra.patch.manager-bare-id', 'entra.user-cycle.manager'],
    wrap: coreSchemaSubset,
  },
]
