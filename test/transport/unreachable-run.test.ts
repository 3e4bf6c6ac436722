import { it, expect, onTestFinished } from 'vitest'
import { runConformance } from '../../src/run/run.ts'
import { TargetUnreachable } from '../../src/errors.ts'
import { tempDir, TOKEN } from '../helpers.ts'
import { listen } from './servers.ts'

// A target that answers the preflight (GET /Users, then /ServiceProviderConfig) and then drops every connection: the
// checks fail with the transport reason, and after five of them in a row the
// run stops as unreachable (exit 3 in the CLI) instead of failing every check.

it('repeated connection resets stop the run with TargetUnreachable, after the sweep', async () => {
  let requests = 0
  const target = await listen((req, res) => {
    requests++
    if (req.url?.startsWith('/scim/v2/Users?filter=') && requests === 1) {
      res.writeHead(200, { 'content-type': 'application/scim+json' })
      res.end(JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, Resources: [] }))
    } else if (req.url === '/scim/v2/ServiceProviderConfig' && requests === 2) {
      res.writeHead(200, { 'content-type': 'application/scim+json' })
      res.end(JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'] }))
    } else {
      req.socket.destroy()
    }
  })
  onTestFinished(() => target.close())
  const started = Date.now()
  const error = await runConformance({
    target: { baseUrl: `${target.url}/scim/v2`, token: TOKEN }, profile: 'entra', reportDir: tempDir('unreachable-run'),
    concurrency: 4, timeoutMs: 5000, headers: {}, seed: 1, runs: 5,
  }).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(TargetUnreachable)
  expect((error as TargetUnreachable).exitCode).toBe(3)
  expect((error as Error).message).toMatch(/^5 checks in a row got no answer from the target \(last: \w+ http:\/\/127\.0\.0\.1:\d+\/scim\/v2\/\S+: the server closed the connection\); the run stopped \(nothing it created is left\)$/)
  expect(Date.now() - started).toBeLessThan(90_000)
}, 120_000)
