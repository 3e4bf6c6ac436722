import { check } from '../src/kit/check.ts'
import { ensure } from '../src/kit/check-failure.ts'
import { createUserBody, patchBody } from '../src/entra/requests.ts'
import { profileValues, withValues } from '../src/kit/profile-values.ts'
import { idOf } from '../src/kit/resources.ts'
import type { CheckContext } from '../src/kit/check.ts'

// The headers Entra's provisioning job and Microsoft's validator put on a request body:
// "Content-Type: application/scim+json; charset=utf-8" and "Accept: application/scim+json".
// A server that matches the media type as an exact string answers them 415 while every
// other client passes. The check is differential: the same request without "; charset=utf-8"
// must succeed first, so nothing but the header is judged.

const ENTRA_HEADERS = { 'content-type': 'application/scim+json; charset=utf-8', accept: 'application/scim+json' } as const

const userBody = ({ run, uniqueName }: CheckContext, label: string) =>
  createUserBody(run.profile.dialect, withValues({}, profileValues('User', run.profile.user, uniqueName(label))))

check('entra.headers.charset-accepted', { verifies: ['entra:1.5:content-type-charset'] }, async (context) => {
  const { scim, run, skip, uniqueName } = context
  const plain = await scim.create('User', userBody(context, 'no-charset'))
  if (plain.status < 200 || plain.status >= 300) skip(`not applicable: POST /Users without charset already answered ${plain.status}, so the header cannot be judged`)
  const withCharset = await scim.create('User', userBody(context, 'charset'), { headers: ENTRA_HEADERS })
  ensure(withCharset.status >= 200 && withCharset.status < 300, `POST /Users with Entra's "Content-Type: application/scim+json; charset=utf-8" answered ${withCharset.status}, while the same request without "; charset=utf-8" answered ${plain.status}: match the media type, not the whole header`, { expected: '2xx', actual: withCharset.status })

  const plainId = idOf(plain.json)
  const charsetId = idOf(withCharset.json)
  if (plainId === undefined || charsetId === undefined) return
  const rename = (label: string) => patchBody(run.profile.dialect, [{ op: 'replace', path: 'displayName', value: uniqueName(label) }])
  const plainPatch = await scim.patch('User', plainId, rename('renamed'))
  if (plainPatch.status !== 200 && plainPatch.status !== 204) return
  const charsetPatch = await scim.patch('User', charsetId, rename('renamed-charset'), { headers: ENTRA_HEADERS })
  ensure(charsetPatch.status === 200 || charsetPatch.status === 204, `PATCH /Users/{id} with Entra's "Content-Type: application/scim+json; charset=utf-8" answered ${charsetPatch.status}, while the same PATCH without "; charset=utf-8" answered ${plainPatch.status}`, { expected: '200 or 204', actual: charsetPatch.status })
})
