import { ensureSetUp } from '../src/kit/blocked.ts'
import { check } from '../src/kit/check.ts'
import { ensure, ensureStatus } from '../src/kit/check-failure.ts'
import type { ScimClient } from '../src/kit/types.ts'
import { userBody } from '../src/kit/resources.ts'
import { requireClaim } from '../src/kit/service-provider-config.ts'
import { SCHEMA_URN } from '../src/scim/schema-model.ts'
import { createUser, emailName } from '../src/kit/steps.ts'

// Resource versioning (RFC 7644 section 3.14), checked only when the target claims
// etag.supported: meta.version, the ETag header, If-None-Match and If-Match.
// Tags compare weakly, as RFC 7232 section 2.3.2 defines for these headers.

interface Version {
  readonly metaVersion: string
  readonly header: string | undefined
}

async function currentVersion(scim: ScimClient, id: string, when: string): Promise<Version> {
  const res = await scim.get('User', id)
  ensureSetUp(res, 200, { check: 'users.get.by-id', what: `reading the user ${when} failed` })
  const metaVersion = (res.json as { meta?: { version?: unknown } } | undefined)?.meta?.version
  ensure(typeof metaVersion === 'string' && metaVersion !== '', `the user has no meta.version ${when}, although etag.supported is true`, { pointer: '/meta/version', actual: metaVersion })
  return { metaVersion, header: res.headers.etag }
}

async function replaceDisplayName(scim: ScimClient, id: string, userName: string, displayName: string, ifMatch?: string): Promise<Awaited<ReturnType<ScimClient['put']>>> {
  return scim.put('User', id, userBody(userName, { displayName }), ifMatch === undefined ? {} : { headers: { 'if-match': ifMatch } })
}

/** W/"x" ⇄ "x": the same tag in the other strength. */
const otherStrength = (tag: string): string => (/^W\//i.test(tag) ? tag.slice(2) : `W/${tag}`)

check('etag.version-changes', { verifies: ['rfc7644:3.14:version-changes', 'rfc7644:3.14:etag-meta-version'] }, async ({ scim, skip, uniqueName }) => {
  const claims = await requireClaim(scim, 'etag', skip)
  const userName = emailName(uniqueName('etag-change'))
  const { id } = await createUser(scim, userName)
  const versions = [(await currentVersion(scim, id, 'after create')).metaVersion]
  ensureSetUp(await replaceDisplayName(scim, id, userName, 'Changed by PUT'), 200, { check: 'put.replaces-resource', what: 'replacing the user failed' })
  versions.push((await currentVersion(scim, id, 'after PUT')).metaVersion)
  if (claims.patch) {
    const patch = await scim.patch('User', id, { schemas: [SCHEMA_URN.patchOp], Operations: [{ op: 'replace', path: 'displayName', value: 'Changed by PATCH' }] })
    ensureSetUp(patch, [200, 204], { check: 'patch.user.generated', what: 'patching the user failed' })
    versions.push((await currentVersion(scim, id, 'after PATCH')).metaVersion)
  }
  const repeated = versions.filter((v, i) => versions.indexOf(v) !== i)
  ensure(repeated.length === 0, `meta.version did not change on every modification (create, PUT${claims.patch ? ', PATCH' : ''}): RFC 7644 section 3.14`, { pointer: '/meta/version', expected: 'a new version after each change', actual: versions })
})

check('etag.header-matches-version', { verifies: ['rfc7644:3.14:etag-header'] }, async ({ scim, skip, uniqueName }) => {
  await requireClaim(scim, 'etag', skip)
  const userName = emailName(uniqueName('etag-header'))
  const { id } = await createUser(scim, userName)
  const read = await currentVersion(scim, id, 'after create')
  ensure(read.header !== undefined, 'GET of a user sends no ETag header, although etag.supported is true (RFC 7644 section 3.14)')
  ensure(read.header === read.metaVersion, 'the ETag header of GET differs from meta.version', { expected: read.metaVersion, actual: read.header })
  const put = await replaceDisplayName(scim, id, userName, 'Header check')
  ensureSetUp(put, 200, { check: 'put.replaces-resource', what: 'replacing the user failed' })
  const putVersion = (put.json as { meta?: { version?: unknown } } | undefined)?.meta?.version
  ensure(put.headers.etag !== undefined, 'the PUT response sends no ETag header (RFC 7644 section 3.14)')
  ensure(put.headers.etag === putVersion, 'the ETag header of the PUT response differs from its meta.version', { expected: putVersion, actual: put.headers.etag })
})

check('etag.if-none-match-304', { verifies: ['rfc7644:3.14:if-none-match-304'] }, async ({ scim, skip, uniqueName }) => {
  await requireClaim(scim, 'etag', skip)
  const userName = emailName(uniqueName('etag-inm'))
  const { id } = await createUser(scim, userName)
  const { metaVersion } = await currentVersion(scim, id, 'after create')
  const notModified = await scim.send({ method: 'GET', path: `/Users/${encodeURIComponent(id)}`, headers: { 'if-none-match': metaVersion } })
  ensureStatus(notModified, 304, 'If-None-Match with the current version means the client\'s copy is current')
  ensureSetUp(await replaceDisplayName(scim, id, userName, 'Now stale'), 200, { check: 'put.replaces-resource', what: 'replacing the user failed' })
  const changed = await scim.send({ method: 'GET', path: `/Users/${encodeURIComponent(id)}`, headers: { 'if-none-match': metaVersion } })
  ensureStatus(changed, 200, 'If-None-Match with an outdated version must return the changed resource')
})

check('etag.if-match-stale-412', { verifies: ['rfc7644:3.14:if-match-412'] }, async ({ scim, skip, uniqueName }) => {
  await requireClaim(scim, 'etag', skip)
  const userName = emailName(uniqueName('etag-im'))
  const { id } = await createUser(scim, userName)
  const stale = (await currentVersion(scim, id, 'after create')).metaVersion
  ensureSetUp(await replaceDisplayName(scim, id, userName, 'Second writer'), 200, { check: 'put.replaces-resource', what: 'replacing the user failed' })
  const refused = await replaceDisplayName(scim, id, userName, 'Lost update', stale)
  ensureStatus(refused, 412, `If-Match ${stale} names a version the resource no longer has`)
  const after = await scim.get('User', id)
  const displayName = (after.json as { displayName?: unknown } | undefined)?.displayName
  ensure(displayName === 'Second writer', 'the PUT refused with 412 changed the resource anyway', { pointer: '/displayName', expected: 'Second writer', actual: displayName })
  const current = (await currentVersion(scim, id, 'after the refused PUT')).metaVersion
  ensureStatus(await replaceDisplayName(scim, id, userName, 'Third writer', current), 200, 'If-Match with the current version must let the PUT through')
})

check('etag.weak-comparison', { verifies: ['rfc7644:3.14:if-none-match-304', 'rfc7644:3.14:if-match-412'] }, async ({ scim, skip, uniqueName }) => {
  await requireClaim(scim, 'etag', skip)
  const userName = emailName(uniqueName('etag-weak'))
  const { id } = await createUser(scim, userName)
  const { metaVersion } = await currentVersion(scim, id, 'after create')
  const other = otherStrength(metaVersion)
  const path = `/Users/${encodeURIComponent(id)}`
  // RFC 7232 section 3.2: If-None-Match uses the weak comparison, so W/"x" and "x" match.
  ensureStatus(await scim.send({ method: 'GET', path, headers: { 'if-none-match': other } }), 304, `If-None-Match ${other} matches ${metaVersion} under the weak comparison`)
  ensureStatus(await scim.send({ method: 'GET', path, headers: { 'if-none-match': `"not-the-version", ${metaVersion}` } }), 304, 'If-None-Match with a list that holds the current version')
  ensureStatus(await replaceDisplayName(scim, id, userName, 'Any version', '*'), 200, 'If-Match: * matches any current version (RFC 7232 section 3.1)')
})
