// What Microsoft Entra's provisioning job does when an endpoint answers a step wrongly, in
// the terms and numbers Microsoft documents. One sentence each, shown as the consequence of a
// failed check. Sources (public):
// - https://learn.microsoft.com/en-us/entra/identity/app-provisioning/application-provisioning-quarantine-status
//   (escrow retries after 6, 12 and 24 hours, then every 24 hours for 28 days; quarantine when failures
//   exceed 40 % of at least 5,000 events or 40,000 in all, reference failures excluded; disabled after 4 weeks)
// - https://learn.microsoft.com/en-us/entra/identity/app-provisioning/howto-analyze-provisioning-logs
//   (error codes such as InvalidAnchor, DuplicateTargetEntries, SystemForCrossDomainIdentityManagementServiceIncompatible)
// - https://learn.microsoft.com/en-us/entra/identity/app-provisioning/how-provisioning-works
//   (incremental cycles process only what changed in Entra since the last watermark)

const ESCROW = 'the operation fails and is escrowed: retried after 6, 12 and 24 hours, then every 24 hours for 28 days'
const QUARANTINE = 'the job goes to quarantine once such failures pass 40 % of at least 5,000 operations, or 40,000 in all'

export const consequence = {
  testConnection: 'Test Connection fails (SystemForCrossDomainIdentityManagementServiceIncompatible), so the provisioning configuration cannot be saved and the job cannot start',
  cycleProbe: 'the job cannot complete the calls it makes at the start of each cycle; when the calls against the app consistently fail, the job goes to quarantine (EncounteredQuarantineException)',
  matchAbsent: `Entra cannot tell that the user is absent, so it never sends the create: ${ESCROW}`,
  create: `Entra cannot provision the user: ${ESCROW}; ${QUARANTINE}`,
  createGroup: `Entra cannot provision the group, and its memberships (reference operations) fail with it: ${ESCROW}`,
  getById: `Entra cannot read the user it has linked (InvalidAnchor when the GET answers 404), so updates to it fail: ${ESCROW}`,
  match: `Entra does not find the user it provisioned and sends a create again: a server that enforces uniqueness answers 409 (Conflict, ${ESCROW}); one that does not stores a duplicate`,
  matchGroup: `Entra does not find the group it provisioned and sends a create again: a 409 is escrowed (${ESCROW}); without uniqueness a duplicate group is stored`,
  update: `changes made in Entra do not reach the app, or reach it only partly: ${ESCROW}`,
  disable: 'users disabled or unassigned in Entra keep their access to the app',
  reenable: 'a user enabled again in Entra stays disabled in the app',
  manager: 'the manager does not reach the app; manager updates are reference operations, escrowed like others but not counted towards quarantine',
  perpetualUpdate: 'whenever Entra evaluates this user again (a change in Entra, or a full cycle after a restart), it sees a difference and sends the PATCH again',
  delete: 'users deleted in Entra stay in the app',
  softDeleteOnly: 'users deleted in Entra are only disabled in the app (Entra\'s earlier active=false): they keep their data and their name, and Microsoft\'s validator reports its optional Delete_User_Test as failed',
  excludedMembers: 'Entra receives members it did not ask for: SystemForCrossDomainIdentityManagementMultipleEntriesInResponse, and reads of large groups can time out',
  addMembers: `group memberships assigned in Entra do not reach the app: ${ESCROW} (reference operations, not counted towards quarantine)`,
  removeMembers: 'members removed in Entra keep their group access in the app, or every other member loses it',
  rename: 'a group renamed in Entra keeps its old name in the app, and a later match by displayName does not find it',
  deleteGroup: 'groups deleted in Entra stay in the app',
  groupUniqueness: 'two groups with one displayName make the match by displayName return two entries (DuplicateTargetEntries), so Entra cannot update either',
  userUniqueness: 'a second create of the same user succeeds, so a retried create stores a duplicate user, and the next match returns two entries (DuplicateTargetEntries)',
  renameUser: 'Microsoft\'s validator fails its required Update User userName test, and a user renamed in Entra keeps its old userName in the app, so the next match by userName does not find it',
  pagination: 'Microsoft\'s gallery validation (SCIM_User_Pagination_Test) fails, and the app cannot be listed in the gallery',
  filterCase: `Entra does not find a user whose value differs in case between Entra and the app and sends a create, which a uniqueness check refuses with 409: ${ESCROW}`,
  deleteTwice: 'Microsoft\'s validator reports the second DELETE as a failure; Entra cannot tell a deleted resource from an error',
  roundTrip: 'Entra reads back a different value than it sent, so whenever it evaluates the user again it sees a difference and sends the PATCH again',
  requiredOnly: `Entra omits attributes that are empty in the directory, so creates of such users fail: ${ESCROW}`,
  filterable: `Entra cannot match on this attribute: with it as the matching attribute, users it provisioned are not found and are created again (409 when the app enforces uniqueness, ${ESCROW})`,
} as const

export type Consequence = (typeof consequence)[keyof typeof consequence]
