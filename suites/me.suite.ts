import { check } from '../src/kit/check.ts'
import { ensure } from '../src/kit/check-failure.ts'

// RFC 7644 3.11, the /Me alias: "A service provider that does NOT support this feature SHOULD
// respond with HTTP status code 501 (Not Implemented)." Serving it (2xx) or redirecting to the
// subject's resource (308) are both lawful.

check('me.unsupported-501', { verifies: ['rfc7644:3.11:me-unsupported-501'], readOnly: true }, async ({ scim }) => {
  const res = await scim.send({ method: 'GET', path: '/Me' })
  const supported = (res.status >= 200 && res.status < 300) || res.status === 308
  ensure(supported || res.status === 501, `GET /Me answered ${res.status}: a server without /Me support SHOULD answer 501 Not Implemented (RFC 7644 3.11), so a client can tell a missing feature from a missing resource. If /Me is supported and the token's subject simply has no User, this warning does not apply`, { expected: '501 (or 2xx/308 when /Me is supported)', actual: res.status })
})
