// What Microsoft Entra's provisioning job does when an endpoint answers a step
// wrongly (entra-provisioning.md 2.1, 2.2, 5.3, 5.5). One sentence each, shown
// as the consequence of a failed check.

export const consequence = {
  testConnection: 'Test Connection fails (SystemForCrossDomainIdentityManagementServiceIncompatible) and the provisioning job cannot be saved or started',
  cycleProbe: 'every cycle starts with this probe: the provisioning job goes to quarantine',
  matchAbsent: 'Entra cannot tell that the user is absent, so it never creates it and the job goes to quarantine',
  create: 'Entra cannot provision the user: every cycle retries the create and the error counts towards quarantine',
  createGroup: 'Entra cannot provision the group or any of its memberships',
  getById: 'Entra cannot read the state it compares against, so it cannot update the user',
  match: 'Entra does not find the user it created and creates a duplicate user on every cycle',
  matchGroup: 'Entra does not find the group it created and creates a duplicate group on every cycle',
  update: 'changes made in Entra never reach the app, or reach it only partly',
  disable: 'users removed or disabled in Entra keep their access to the app',
  reenable: 'a user restored in Entra stays disabled in the app',
  manager: 'Entra re-sends the manager on every cycle and the manager never shows in the app',
  perpetualUpdate: 'Entra sees a difference on every cycle and PATCHes the user again each time (a perpetual update)',
  delete: 'users hard-deleted in Entra stay in the app',
  excludedMembers: 'Entra gets members it did not ask for: SystemForCrossDomainIdentityManagementMultipleEntriesInResponse, and large groups time out',
  addMembers: 'group memberships assigned in Entra never reach the app',
  removeMembers: 'members removed in Entra keep their group access in the app, or every other member loses it',
  rename: 'a group renamed in Entra keeps its old name in the app, and the next match by displayName creates a duplicate',
  deleteGroup: 'groups deleted in Entra stay in the app',
  groupUniqueness: 'two groups with one displayName make Entra\'s displayName match ambiguous, so memberships land on the wrong group',
  userUniqueness: 'a second create of the same user succeeds, so a retried create leaves duplicate users',
  pagination: 'Microsoft\'s gallery validation (SCIM_User_Pagination_Test) fails, and the app cannot be listed in the gallery',
  filterCase: 'Entra does not find a user whose case differs between Entra and the app and creates a duplicate',
  deleteTwice: 'Microsoft\'s validator reports the second DELETE as a failure; Entra cannot tell a deleted resource from an error',
  roundTrip: 'Entra reads back a different value than it sent, sees a difference on every cycle and PATCHes it again each time',
  requiredOnly: 'Entra skips attributes that are empty in the directory, so creates of such users fail on every cycle',
  filterable: 'Entra cannot match on this attribute: with it as matching attribute every user is created again on every cycle',
} as const

export type Consequence = (typeof consequence)[keyof typeof consequence]
