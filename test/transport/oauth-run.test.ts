import { it, expect, onTestFinished } from 'vitest'
import { runAgainst, runCli, startServer, tempDir, TOKEN } from '../helpers.ts'
import { startTokenEndpoint } from './servers.ts'
import { outcome, type Report } from '../../src/report/model.ts'

// Issue 8, Done when: client-credentials auth against a token endpoint started
// here; tokens that expire mid-run are renewed and the run passes; the
// oauth.* checks judge Entra's gallery rules on the token response; neither
// the secret nor any token reaches the report.

async function setUp(expiresInS: number, tokenType?: string, options: { bodyOnly?: boolean } = {}) {
  const endpoint = await startTokenEndpoint(expiresInS, tokenType, options)
  const server = await startServer({ wrap: endpoint.wrap(TOKEN) })
  onTestFinished(() => Promise.all([endpoint.close(), server.close()]).then(() => undefined))
  const clientCredentials = { tokenUrl: endpoint.url, clientId: endpoint.clientId, clientSecret: endpoint.clientSecret }
  const run = (only: string): Promise<Report> => runAgainst(server, { only, target: { baseUrl: server.url, clientCredentials } })
  return { endpoint, run }
}

const statusOf = (report: Report, id: string) => report.checks.find((c) => c.id === id)

it('tokens living 2 s are renewed mid-run and the checks pass; the lifetime check fails naming the rule', async () => {
  const short = await setUp(2)
  const hourly = await setUp(3600)
  const [users, shortOauth, hourlyOauth] = await Promise.all([short.run('users.*'), short.run('oauth.*'), hourly.run('oauth.*')])

  expect(users.checks.length).toBeGreaterThan(3)
  expect(users.checks.filter((c) => c.status !== 'pass')).toEqual([])
  expect(outcome(users)).toMatchObject({ verdict: 'partial', exitCode: 0 })
  expect(users.transport?.auth).toBe('client-credentials')
  // One token per run from the main process, then renewals by the workers and the sweep.
  expect(short.endpoint.issued.length).toBeGreaterThanOrEqual(4)
  expect(users.cleanup.leftover).toEqual([])

  expect(statusOf(shortOauth, 'oauth.token-response')?.status).toBe('pass')
  const lifetime = statusOf(shortOauth, 'oauth.token-lifetime')
  expect(lifetime).toMatchObject({ status: 'fail', message: expect.stringContaining('lives 2 s; Entra\'s gallery requires 3600-21600 s') })
  expect(hourlyOauth.checks.map((c) => `${c.id}:${c.status}`).sort()).toEqual(['oauth.client-secret-basic:pass', 'oauth.token-lifetime:pass', 'oauth.token-response:pass'])

  for (const report of [users, shortOauth, hourlyOauth]) {
    const written = JSON.stringify(report)
    expect(written).not.toContain(short.endpoint.clientSecret)
    expect(written).not.toContain(hourly.endpoint.clientSecret)
    for (const token of [...short.endpoint.issued, ...hourly.endpoint.issued]) expect(written).not.toContain(token)
  }
}, 240_000)

it('a token endpoint answering token_type "mac" fails oauth.token-response, naming the field', async () => {
  const mac = await setUp(3600, 'mac')
  const report = await mac.run('oauth.*')
  expect(statusOf(report, 'oauth.token-lifetime')?.status).toBe('pass')
  expect(statusOf(report, 'oauth.token-response')).toMatchObject({
    status: 'fail', message: expect.stringContaining('token_type is "mac", expected "Bearer"'), evidence: { pointer: '/token_type' },
  })
}, 120_000)

it('a token endpoint that reads the client only from the body fails oauth.client-secret-basic alone; the run goes on with body credentials', async () => {
  const bodyOnly = await setUp(3600, 'Bearer', { bodyOnly: true })
  const report = await bodyOnly.run('oauth.*,users.get.*')
  expect(report.checks.filter((c) => c.status !== 'pass').map((c) => c.id)).toEqual(['oauth.client-secret-basic'])
  expect(statusOf(report, 'oauth.client-secret-basic')).toMatchObject({
    status: 'fail', message: expect.stringContaining('Authorization: Basic header (client_secret_basic), which is how Entra sends them'),
  })
  const written = JSON.stringify(report)
  expect(written).not.toContain(bodyOnly.endpoint.clientSecret)
  expect(written).not.toContain(Buffer.from(`${bodyOnly.endpoint.clientId}:${bodyOnly.endpoint.clientSecret}`).toString('base64'))
  for (const token of bodyOnly.endpoint.issued) expect(written).not.toContain(token)
}, 120_000)

it('with bearer token auth the oauth.* checks are skipped with the reason', async () => {
  const server = await startServer()
  onTestFinished(() => server.close())
  const report = await runAgainst(server, { only: 'oauth.*' })
  expect(report.checks.map((c) => (c.status === 'skip' ? c.reason : c.status))).toEqual([
    expect.stringMatching(/^not applicable: the run uses a bearer token/), expect.stringMatching(/^not applicable: the run uses a bearer token/), expect.stringMatching(/^not applicable: the run uses a bearer token/),
  ])
}, 120_000)

it('a refused client secret exits 3 with one line naming the token endpoint, and never prints the secret', async () => {
  const endpoint = await startTokenEndpoint(3600)
  const server = await startServer({ wrap: endpoint.wrap(TOKEN) })
  onTestFinished(() => Promise.all([endpoint.close(), server.close()]).then(() => undefined))
  const r = await runCli(['--url', server.url, '--client-id', endpoint.clientId, '--token-url', endpoint.url, '--report-dir', tempDir('oauth-refused')], {
    env: { SCIM_CONFORM_CLIENT_SECRET: 'not-the-secret' },
  })
  expect(r.code).toBe(3)
  expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/cannot get a token: token endpoint http:\/\/127\.0\.0\.1:\d+\/oauth2\/token answered 401 \(invalid_client\)/)])
  expect(r.stdout + r.stderr).not.toContain('not-the-secret')
})
