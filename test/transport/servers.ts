import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomBytes } from 'node:crypto'
import type { Handle } from '../../src/server/index.ts'

// Loopback servers the transport tests run against: a bare node:http server
// around one handler, and an OAuth token endpoint with short-lived tokens.

export interface Loopback {
  readonly url: string
  close(): Promise<void>
}

export async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Loopback & { readonly server: Server }> {
  const server = createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    }),
  }
}

export interface TokenEndpoint extends Loopback {
  readonly clientId: string
  readonly clientSecret: string
  /** Every access token issued, in order. */
  readonly issued: readonly string[]
  /** Wraps a reference-server handler: issued, unexpired tokens stand for `innerToken`; anything else gets 401. */
  wrap(innerToken: string): (handle: Handle) => Handle
  /** Requests the SCIM side refused because the token had expired. */
  expiredRejections(): number
}

/**
 * RFC 6749 §4.4 token endpoint, tokens living `expiresInS` seconds. It takes the client in an
 * Authorization: Basic header (client_secret_basic) or in the body (client_secret_post), or, with
 * `bodyOnly`, only in the body, as some endpoints do and Entra cannot use.
 */
export async function startTokenEndpoint(expiresInS: number, tokenType = 'Bearer', options: { readonly bodyOnly?: boolean } = {}): Promise<TokenEndpoint> {
  const clientId = 'scim-conform-test-client'
  const clientSecret = `secret-${randomBytes(8).toString('hex')}`
  const expiries = new Map<string, number>()
  const issued: string[] = []
  let expired = 0
  const loopback = await listen((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => {
      const form = new URLSearchParams(body)
      const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1]
      const [basicId, basicSecret] = basic === undefined || options.bodyOnly ? [] : Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent)
      const client = basicId !== undefined ? { id: basicId, secret: basicSecret } : { id: form.get('client_id'), secret: form.get('client_secret') }
      res.setHeader('content-type', 'application/json')
      if (req.method !== 'POST' || form.get('grant_type') !== 'client_credentials') {
        res.writeHead(400).end(JSON.stringify({ error: 'unsupported_grant_type' }))
      } else if (client.id !== clientId || client.secret !== clientSecret) {
        res.writeHead(401).end(JSON.stringify({ error: 'invalid_client' }))
      } else {
        const token = `at-${randomBytes(12).toString('hex')}`
        expiries.set(token, Date.now() + expiresInS * 1000)
        issued.push(token)
        res.writeHead(200).end(JSON.stringify({ access_token: token, token_type: tokenType, expires_in: expiresInS }))
      }
    })
  })
  return {
    ...loopback,
    url: `${loopback.url}/oauth2/token`,
    clientId,
    clientSecret,
    issued,
    expiredRejections: () => expired,
    wrap: (innerToken) => (inner) => async (request) => {
      const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1]
      const expiresAt = token === undefined ? undefined : expiries.get(token)
      if (expiresAt === undefined) return inner(request)
      if (Date.now() >= expiresAt) {
        expired++
        return { status: 401, headers: { 'content-type': 'application/scim+json' }, body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401', detail: 'token expired' }) }
      }
      return inner({ ...request, headers: { ...request.headers, authorization: `Bearer ${innerToken}` } })
    },
  }
}
