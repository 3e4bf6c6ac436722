import path from 'node:path'

// Which suite file holds which check ids, by the ids' prefixes, so that an --only run
// imports only the files that can hold a selected check instead of all of them (each
// import costs a worker's start-up and the file's collection). Data, not a scan of the
// suites: ids are built at registration (`profile.${label}.…`, `security.${placement}.…`).
// test/suite-index.test.ts collects every suite and fails when a check's id does not
// lead here to the file that registers it, or a suite file is missing from the index.

/** Area (the suite file suites/<area>.suite.ts) → the prefixes of every check id it registers. */
export const suiteIndex = {
  auth: ['auth.', 'security.no-token.', 'security.wrong-token.', 'security.query-token.', 'security.other-scheme.'],
  discovery: ['discovery.'],
  'entra-connection': ['entra.test-connection.'],
  'entra-gallery': ['entra.gallery.'],
  'entra-groups': ['entra.group-cycle.'],
  'entra-headers': ['entra.headers.'],
  'entra-patch': ['entra.patch.'],
  'entra-users': ['entra.user-cycle.'],
  filters: ['filters.'],
  groups: ['groups.'],
  me: ['me.'],
  oauth: ['oauth.'],
  'optional-bulk': ['bulk.'],
  'optional-claims': ['claims.'],
  'optional-etag': ['etag.'],
  'optional-password': ['password.'],
  'optional-put': ['put.'],
  'optional-search': ['search.'],
  'optional-sort': ['sort.'],
  patch: ['patch.'],
  profile: ['profile.'],
  projection: ['projection.'],
  security: ['security.password.', 'security.body.', 'security.filter.', 'security.patch-path.', 'security.errors.'],
  users: ['users.'],
} as const satisfies Readonly<Record<string, readonly string[]>>

export type Area = keyof typeof suiteIndex

export const areas = Object.keys(suiteIndex) as Area[]

/** The area of a suite file: suites/<area>.suite.ts (or .js when installed). */
export const areaOf = (file: string): string => path.basename(file).replace(/\.suite\.[jt]s$/, '')

/** The areas whose prefix the id starts with: exactly one for every check a suite registers. */
export function areasOfId(id: string): Area[] {
  return areas.filter((area) => suiteIndex[area].some((prefix) => id.startsWith(prefix)))
}

/**
 * The areas that can hold a check matching one of the comma-separated globs of --only,
 * whose only wildcard is * (any run of non-blank characters, as in globToPattern).
 * Never too few: a glob that could match an id under a prefix selects its area.
 */
export function areasMatching(globs: string): Area[] {
  const alternatives = globs.split(',').map((glob) => glob.trim())
  return areas.filter((area) => suiteIndex[area].some((prefix) => alternatives.some((glob) => canStartWith(glob, prefix))))
}

/**
 * Whether some id starting with `prefix` matches `glob` in full. Reading both from the left:
 * a * reached before the prefix ends can take the rest of the prefix; a glob that outlasts the
 * prefix can go on after it; a glob that ends first, or a differing character, cannot.
 */
function canStartWith(glob: string, prefix: string): boolean {
  for (let i = 0; ; i++) {
    if (glob[i] === '*' || i === prefix.length) return true
    if (i === glob.length || glob[i] !== prefix[i]) return false
  }
}
