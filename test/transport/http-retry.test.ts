import { describe, it, expect, onTestFinished } from 'vitest'
import { createHttp, TransportError } from '../../src/client/http.ts'
import { clientCredentialsToken, requestToken } from '../../src/client/oauth.ts'
import { Agent } from 'undici'
import { listen, startTokenEndpoint } from './servers.ts'

// The transport on its own against loopback servers: throttled requests are
// retried and counted, --rate spaces requests, a refused client-credentials
// token is renewed once, a dead server is a TransportError with a reason.

const fast = { maxRetries: 5, baseMs: 20, capMs: 200 }

async function server(answer: (n: number) => { status: number; headers?: Record<string, string> }) {
  let n = 0
  const loopback = await listen((_req, res) => {
    const { status, headers } = answer(++n)
    res.writeHead(status, { 'content-type': 'application/scim+json', ...headers }).end('{}')
  })
  onTestFinished(() => loopback.close())
  return { ...loopback, requests: () => n }
}

describe('429 and 503', () => {
  it('503 without Retry-After is retried with backoff until it passes', async () => {
    const s = await server((n) => ({ status: n <= 2 ? 503 : 200 }))
    const http = createHttp({ baseUrl: s.url, token: 't', headers: {}, timeoutMs: 5000, connections: 1, retry: fast })
    onTestFinished(() => http.close())
    expect((await http.send({ method: 'GET', path: '/Users' })).status).toBe(200)
    expect(s.requests()).toBe(3)
    const t = http.drainThrottling()
    expect(t).toMatchObject({ responses429: 0, responses503: 2, gaveUp: 0 })
    expect(t.waitedMs).toBeLessThanOrEqual(20 + 40)
    expect(http.drainThrottling()).toEqual({ responses429: 0, responses503: 0, waitedMs: 0, gaveUp: 0 })
  })

  it('429 with Retry-After: 1 waits a second', async () => {
    const s = await server((n) => (n === 1 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 }))
    const http = createHttp({ baseUrl: s.url, token: 't', headers: {}, timeoutMs: 5000, connections: 1, retry: { ...fast, capMs: 5000 } })
    onTestFinished(() => http.close())
    const started = Date.now()
    expect((await http.send({ method: 'GET', path: '/Users' })).status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
    expect(http.drainThrottling()).toEqual({ responses429: 1, responses503: 0, waitedMs: 1000, gaveUp: 0 })
  })

  it('after --max-retries the 429 is the answer, and counted as given up', async () => {
    const s = await server(() => ({ status: 429, headers: { 'retry-after': '0' } }))
    const http = createHttp({ baseUrl: s.url, token: 't', headers: {}, timeoutMs: 5000, connections: 1, retry: { ...fast, maxRetries: 2 } })
    onTestFinished(() => http.close())
    expect((await http.send({ method: 'GET', path: '/Users' })).status).toBe(429)
    expect(s.requests()).toBe(3)
    expect(http.drainThrottling()).toMatchObject({ responses429: 3, gaveUp: 1 })
  })
})

it('--rate spaces requests: 6 requests at 5 per second take at least a second', async () => {
  const s = await server(() => ({ status: 200 }))
  const http = createHttp({ baseUrl: s.url, token: 't', headers: {}, timeoutMs: 5000, connections: 4, ratePerSecond: 5 })
  onTestFinished(() => http.close())
  const started = performance.now()
  await Promise.all(Array.from({ length: 6 }, () => http.send({ method: 'GET', path: '/Users' })))
  expect(performance.now() - started).toBeGreaterThanOrEqual(950)
})

it('a connection reset is a TransportError that says what happened', async () => {
  const loopback = await listen((req) => req.socket.destroy())
  onTestFinished(() => loopback.close())
  const http = createHttp({ baseUrl: loopback.url, token: 't', headers: {}, timeoutMs: 5000, connections: 1 })
  onTestFinished(() => http.close())
  const error = await http.send({ method: 'GET', path: '/Users' }).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(TransportError)
  expect((error as TransportError).message).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/Users: the server closed the connection/)
})

describe('client credentials', () => {
  it('the token request redacts the secret and the token in its exchange', async () => {
    const endpoint = await startTokenEndpoint(3600)
    onTestFinished(() => endpoint.close())
    const agent = new Agent()
    onTestFinished(() => agent.close())
    const result = await requestToken({ tokenUrl: endpoint.url, clientId: endpoint.clientId, clientSecret: endpoint.clientSecret }, agent, 5000)
    expect(result.ok).toBe(true)
    expect(result.probe).toMatchObject({ status: 200, hasAccessToken: true, expiresInS: 3600, tokenType: 'Bearer' })
    const shown = JSON.stringify(result.probe.exchange)
    expect(shown).not.toContain(endpoint.clientSecret)
    expect(shown).not.toContain(endpoint.issued[0])
    expect(shown).toContain('"authorization":"Basic <redacted>"')
    expect(shown).not.toContain(Buffer.from(`${endpoint.clientId}:${endpoint.clientSecret}`).toString('base64'))
    const inBody = await requestToken({ tokenUrl: endpoint.url, clientId: endpoint.clientId, clientSecret: endpoint.clientSecret, placement: 'body' }, agent, 5000)
    expect(inBody.ok).toBe(true)
    expect(JSON.stringify(inBody.probe.exchange)).toContain('client_secret=%3Credacted%3E')
    expect(JSON.stringify(inBody.probe.exchange)).not.toContain(endpoint.clientSecret)

    const refused = await requestToken({ tokenUrl: endpoint.url, clientId: endpoint.clientId, clientSecret: 'wrong' }, agent, 5000)
    expect(refused).toMatchObject({ ok: false, probe: { status: 401, error: expect.stringMatching(/answered 401 \(invalid_client\): check --client-id, --client-secret/) } })
  })

  it('a 401 to an expired token renews it once and resends the request', async () => {
    const endpoint = await startTokenEndpoint(3600)
    onTestFinished(() => endpoint.close())
    let sawStale = false
    const s = await listen((req, res) => {
      const ok = req.headers.authorization === `Bearer ${endpoint.issued.at(-1)}`
      if (!ok) sawStale = true
      res.writeHead(ok ? 200 : 401).end()
    })
    onTestFinished(() => s.close())
    const credentials = { tokenUrl: endpoint.url, clientId: endpoint.clientId, clientSecret: endpoint.clientSecret }
    // A token the target no longer accepts, with no expiry known to the client: only the 401 reveals it.
    const http = createHttp({
      baseUrl: s.url, headers: {}, timeoutMs: 5000, connections: 1,
      token: clientCredentialsToken(credentials, { token: 'revoked' }, () => http.dispatcher, 5000),
    })
    onTestFinished(() => http.close())
    expect((await http.send({ method: 'GET', path: '/Users' })).status).toBe(200)
    expect(sawStale).toBe(true)
    expect(endpoint.issued).toHaveLength(1)
    expect((await http.send({ method: 'GET', path: '/Users' })).status).toBe(200)
    expect(endpoint.issued).toHaveLength(1)
  })
})
