import { check } from '../src/kit/check.ts'
import { ensure, ensureStatus } from '../src/kit/check-failure.ts'
import type { HttpResponse } from '../src/kit/types.ts'
import { userBody } from '../src/kit/resources.ts'
import { requireClaim } from '../src/kit/service-provider-config.ts'
import { SCHEMA_URN } from '../src/scim/schema-model.ts'
import { createUser, emailName } from '../src/kit/steps.ts'

// changePassword (RFC 7643 section 5), checked only when the target claims it: a new
// password is accepted by PUT and by PATCH, and, being writeOnly with returned
// "never" (RFC 7643 section 4.1.1), it appears in no response.

const NEW_PASSWORD = 'Conform-Changed-9!x'

function ensureNoPassword(res: HttpResponse, where: string): void {
  const body = res.json as Record<string, unknown> | undefined
  const key = body === undefined ? undefined : Object.keys(body).find((k) => k.toLowerCase() === 'password')
  ensure(key === undefined && !res.text.includes(NEW_PASSWORD), `${where} returns the password (returned "never", RFC 7643 section 4.1.1)`, { pointer: '/password', expected: 'absent', actual: key === undefined ? 'the password text' : body?.[key] })
}

check('password.put-accepted-not-returned', { verifies: ['rfc7643:5:change-password', 'rfc7643:4.1.1:password-never-returned', 'rfc7643:5:capabilities-truthful'] }, async ({ scim, skip, uniqueName }) => {
  await requireClaim(scim, 'changePassword', skip)
  const userName = emailName(uniqueName('pw-put'))
  const { id } = await createUser(scim, userName)
  const res = await scim.put('User', id, userBody(userName, { password: NEW_PASSWORD }))
  ensureStatus(res, 200, 'changePassword.supported is true, so a PUT carrying a new password must be accepted')
  ensureNoPassword(res, 'the PUT response')
  ensureNoPassword(await scim.get('User', id), 'GET after the password change')
})

check('password.patch-accepted-not-returned', { verifies: ['rfc7643:5:change-password', 'rfc7643:4.1.1:password-never-returned', 'rfc7643:5:capabilities-truthful'] }, async ({ scim, skip, uniqueName }) => {
  await requireClaim(scim, 'changePassword', skip)
  await requireClaim(scim, 'patch', skip)
  const { id } = await createUser(scim, emailName(uniqueName('pw-patch')))
  const res = await scim.patch('User', id, { schemas: [SCHEMA_URN.patchOp], Operations: [{ op: 'replace', path: 'password', value: NEW_PASSWORD }] })
  ensureStatus(res, [200, 204], 'changePassword.supported is true, so a PATCH replacing the password must be accepted')
  ensureNoPassword(res, 'the PATCH response')
  ensureNoPassword(await scim.get('User', id), 'GET after the password change')
})
