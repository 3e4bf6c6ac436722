import { describe, it, expect, onTestFinished } from 'vitest'
import { readFileSync, writeFileSync } from 'node:fs'
import { createServer as createTlsServer } from 'node:tls'
import { connect, type AddressInfo } from 'node:net'
import path from 'node:path'
import { parseCommand, type CleanupOptions } from '../../src/cli/options.ts'
import { UsageError } from '../../src/errors.ts'
import { outstanding, readJournal, type JournalEntry, type ResourceKind } from '../../src/run/tracker.ts'
import type { Handle, ReferenceServer } from '../../src/server/index.ts'
import { repoRoot, runCli, startServer, tempDir, TOKEN } from '../helpers.ts'
import { startTokenEndpoint } from '../transport/servers.ts'

// `scim-conform cleanup` reaches the target the way a run does: bearer token or
// OAuth client credentials, --ca/--insecure, --header, --timeout, parsed by the
// run's own code. A killed run's journal is written here by hand (the format in
// src/run/tracker.ts) over resources created straight on the reference server.

const PREFIX = 'scimconf-c1ea0000-'
const tlsFixtures = path.join(repoRoot, 'test/fixtures/tls')
const caFile = path.join(tlsFixtures, 'cert.pem')

interface Created { readonly kind: ResourceKind; readonly id: string }

/** Creates resources on the server with the server's own token, as the killed run would have. */
async function createOnServer(server: ReferenceServer, resources: readonly { kind: ResourceKind; name: string }[]): Promise<Created[]> {
  const created: Created[] = []
  for (const { kind, name } of resources) {
    const body = kind === 'User'
      ? { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: name }
      : { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: name }
    const res = await fetch(`${server.url}/${kind === 'User' ? 'Users' : 'Groups'}`, {
      method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/scim+json' }, body: JSON.stringify(body),
    })
    expect(res.status).toBe(201)
    created.push({ kind, id: String(((await res.json()) as { id: unknown }).id) })
  }
  return created
}

/** A journal as a run killed after its creates leaves it: the run header, then one line per create. */
function writeJournal(baseUrl: string, created: readonly Created[]): string {
  const at = new Date().toISOString()
  const lines: JournalEntry[] = [{ op: 'run', baseUrl, prefix: PREFIX, at }, ...created.map((c) => ({ op: 'created' as const, ...c, at }))]
  const journal = path.join(tempDir('cleanup-auth'), 'journal.jsonl')
  writeFileSync(journal, lines.map((l) => JSON.stringify(l)).join('\n') + '\n')
  return journal
}

const idsOnServer = (server: ReferenceServer): string[] => {
  const { Users, Groups } = server.snapshot()
  return [...Users, ...Groups].map((r) => String(r.id))
}

/** A killed run's leftovers (two users, one group) and a user it never made, which cleanup must not touch. */
async function leftovers(server: ReferenceServer, journalUrl = server.url) {
  const created = await createOnServer(server, [{ kind: 'User', name: `${PREFIX}ada` }, { kind: 'User', name: `${PREFIX}grace` }, { kind: 'Group', name: `${PREFIX}ops` }])
  const [bystander] = await createOnServer(server, [{ kind: 'User', name: 'someone-else' }])
  return { created, bystander: bystander!, journal: writeJournal(journalUrl, created) }
}

async function behindTokenEndpoint() {
  const endpoint = await startTokenEndpoint(3600)
  const server = await startServer({ wrap: endpoint.wrap(TOKEN) })
  onTestFinished(() => Promise.all([endpoint.close(), server.close()]).then(() => undefined))
  return { endpoint, server }
}

describe('cleanup with OAuth client credentials', () => {
  it('fetches a token, deletes what the journal lists, and prints neither the secret nor any token', async () => {
    const { endpoint, server } = await behindTokenEndpoint()
    const { bystander, journal } = await leftovers(server)
    const r = await runCli(['cleanup', '--journal', journal, '--client-id', endpoint.clientId, '--client-secret', endpoint.clientSecret, '--token-url', endpoint.url])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`cleanup: 3 of 3 resource(s) deleted from ${server.url}`)
    expect(idsOnServer(server)).toEqual([bystander.id])
    expect(outstanding(readJournal(journal))).toEqual([])
    expect(endpoint.issued.length).toBeGreaterThanOrEqual(1)
    for (const secret of [endpoint.clientSecret, ...endpoint.issued]) expect(r.stdout + r.stderr).not.toContain(secret)
  })

  it('takes the credentials from SCIM_CONFORM_CLIENT_ID, _CLIENT_SECRET and _TOKEN_URL', async () => {
    const { endpoint, server } = await behindTokenEndpoint()
    const { bystander, journal } = await leftovers(server)
    const r = await runCli(['cleanup', '--journal', journal], {
      env: { SCIM_CONFORM_CLIENT_ID: endpoint.clientId, SCIM_CONFORM_CLIENT_SECRET: endpoint.clientSecret, SCIM_CONFORM_TOKEN_URL: endpoint.url },
    })
    expect(r.code).toBe(0)
    expect(idsOnServer(server)).toEqual([bystander.id])
  })

  it('a refused secret exits 3 with one line, no stack and nothing deleted', async () => {
    const { endpoint, server } = await behindTokenEndpoint()
    const { journal } = await leftovers(server)
    const before = readFileSync(journal, 'utf8')
    const r = await runCli(['cleanup', '--journal', journal, '--client-id', endpoint.clientId, '--client-secret', 'not-the-secret', '--token-url', endpoint.url])
    expect(r.code).toBe(3)
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^scim-conform: cannot get a token: token endpoint http:\/\/127\.0\.0\.1:\d+\/oauth2\/token answered 401 \(invalid_client\)/)])
    expect(r.stdout).toBe('')
    expect(r.stdout + r.stderr).not.toContain('not-the-secret')
    expect(idsOnServer(server)).toHaveLength(4)
    expect(readFileSync(journal, 'utf8')).toBe(before)
  })
})

describe('cleanup refusals', () => {
  it('a wrong token exits 3 with one line before any DELETE, the journal untouched', async () => {
    const server = await startServer()
    onTestFinished(() => server.close())
    const { journal } = await leftovers(server)
    const before = readFileSync(journal, 'utf8')
    const r = await runCli(['cleanup', '--journal', journal], { env: { SCIM_CONFORM_TOKEN: 'not-the-token' } })
    expect(r.code).toBe(3)
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/rejected the credentials \(401 on GET \/Users\): check --token/)])
    expect(r.stdout).toBe('')
    expect(idsOnServer(server)).toHaveLength(4)
    expect(readFileSync(journal, 'utf8')).toBe(before)
  })

  it('a missing journal: exit 2, "no such file"', async () => {
    const r = await runCli(['cleanup', '--journal', path.join(tempDir('no-journal'), 'journal.jsonl')], { env: { SCIM_CONFORM_TOKEN: TOKEN } })
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^scim-conform: --journal .*journal\.jsonl: no such file$/)])
  })

  it.each([
    [['--prefix', 'a'], /--prefix must be a run's prefix/],
    [['--prefix', PREFIX], /needs --url/],
    [[], /cleanup needs --journal/],
  ])('%j exits 2 with one line', async (args, message) => {
    const r = await runCli(['cleanup', ...args], { env: { SCIM_CONFORM_TOKEN: TOKEN } })
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)])
  })
})

describe('cleanup connection flags', () => {
  it('--ca trusts a private CA; without it the DELETEs fail verification and nothing is deleted', async () => {
    const server = await startServer()
    onTestFinished(() => server.close())
    const httpsUrl = await tlsProxyTo(server)
    const { bystander, journal } = await leftovers(server, httpsUrl)
    const env = { SCIM_CONFORM_TOKEN: TOKEN }

    const unverified = await runCli(['cleanup', '--journal', journal], { env })
    expect(unverified.code).toBe(3)
    expect(unverified.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^scim-conform: cannot reach https:.*certificate is not trusted/)])
    expect(idsOnServer(server)).toHaveLength(4)

    const trusted = await runCli(['cleanup', '--journal', journal, '--ca', caFile], { env })
    expect(trusted.stderr).toBe('')
    expect(trusted.code).toBe(0)
    expect(idsOnServer(server)).toEqual([bystander.id])
  })

  it('--insecure deletes over an unverified certificate and warns on stderr', async () => {
    const server = await startServer()
    onTestFinished(() => server.close())
    const { bystander, journal } = await leftovers(server, await tlsProxyTo(server))
    const r = await runCli(['cleanup', '--journal', journal, '--insecure'], { env: { SCIM_CONFORM_TOKEN: TOKEN } })
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/^scim-conform: warning: --insecure: the certificate of the target was not verified/)
    expect(idsOnServer(server)).toEqual([bystander.id])
  })

  it('--header goes on the DELETEs', async () => {
    const server = await startServer({ wrap: requireHeader('x-tenant', 'acme') })
    onTestFinished(() => server.close())
    const created = await createOnServer(server, [{ kind: 'User', name: `${PREFIX}ada` }, { kind: 'Group', name: `${PREFIX}ops` }])
    const journal = writeJournal(server.url, created)
    const r = await runCli(['cleanup', '--journal', journal, '--header', 'X-Tenant: acme'], { env: { SCIM_CONFORM_TOKEN: TOKEN } })
    expect(r.code).toBe(0)
    expect(idsOnServer(server)).toEqual([])
  })

  it('--token and --client-id together exit 2 with the run\'s one line', async () => {
    const r = await runCli(['cleanup', '--journal', 'journal.jsonl', '--token', 't', '--client-id', 'app'])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toEqual(['scim-conform: --token and --client-id exclude each other: pick bearer token or client credentials'])
  })
})

describe('cleanup parses credentials and connection flags with the run\'s code', () => {
  const cleanupOptions = (argv: string[], env: Record<string, string> = {}): CleanupOptions => {
    const command = parseCommand(['cleanup', '--journal', 'j.jsonl', ...argv], env)
    if (command.name !== 'cleanup') throw new Error(`expected cleanup, got ${command.name}`)
    return command.options
  }

  it('resolves client credentials, TLS, headers and the timeout', () => {
    const o = cleanupOptions(['--client-id', 'app', '--token-url', 'https://login.example.com/token', '--scope', 'scim', '--ca', caFile, '--header', 'X-Tenant: acme', '--timeout', '5000'], { SCIM_CONFORM_CLIENT_SECRET: 's3cret' })
    expect(o).toEqual({
      journal: 'j.jsonl',
      auth: { kind: 'client-credentials', credentials: { tokenUrl: 'https://login.example.com/token', clientId: 'app', clientSecret: 's3cret', scope: 'scim' } },
      tls: { insecure: false, ca: expect.stringContaining('-----BEGIN CERTIFICATE-----') },
      headers: { 'X-Tenant': 'acme' },
      timeoutMs: 5000,
    })
    expect(cleanupOptions([], { SCIM_CONFORM_TOKEN: 't' })).toEqual({ journal: 'j.jsonl', auth: { kind: 'bearer', token: 't' }, tls: { insecure: false }, headers: {}, timeoutMs: 30_000 })
  })

  it.each([
    [[], {}],
    [['--client-id', 'app', '--token-url', 'https://l/t'], {}],
    [['--client-id', 'app', '--client-secret', 's'], {}],
    [['--client-id', 'app', '--client-secret', 's', '--token-url', 'ftp://x'], {}],
    [['--client-id', 'app', '--client-secret', 's', '--token-url', 'https://l/t', '--token', 't'], {}],
    [['--ca', '/nonexistent.pem'], { SCIM_CONFORM_TOKEN: 't' }],
    [['--ca', caFile, '--insecure'], { SCIM_CONFORM_TOKEN: 't' }],
    [['--header', 'Authorization: Bearer x'], { SCIM_CONFORM_TOKEN: 't' }],
    [['--timeout', '0'], { SCIM_CONFORM_TOKEN: 't' }],
  ])('%j is refused with the same message as a run', (argv, env) => {
    const runError = usageErrorOf(() => parseCommand(['--url', 'https://scim.example.com/scim/v2', ...argv], env))
    const cleanupError = usageErrorOf(() => parseCommand(['cleanup', '--journal', 'j.jsonl', ...argv], env))
    expect(cleanupError.message).toBe(runError.message)
  })
})

function usageErrorOf(parse: () => unknown): UsageError {
  try {
    parse()
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError)
    return error as UsageError
  }
  throw new Error('expected a UsageError')
}

/** HTTPS with the self-signed fixture certificate in front of the server's plain HTTP port; closed when the test ends. */
async function tlsProxyTo(server: ReferenceServer): Promise<string> {
  const plain = new URL(server.url)
  const proxy = createTlsServer({ key: readFileSync(path.join(tlsFixtures, 'key.pem')), cert: readFileSync(caFile) }, (socket) => {
    const upstream = connect(Number(plain.port), '127.0.0.1')
    socket.pipe(upstream).pipe(socket)
    socket.on('error', () => upstream.destroy())
    upstream.on('error', () => socket.destroy())
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  onTestFinished(() => new Promise<void>((resolve) => proxy.close(() => resolve())))
  return `https://127.0.0.1:${(proxy.address() as AddressInfo).port}${plain.pathname}`
}

/** Answers 403 to a DELETE without `name: value`, so only a cleanup sending --header can delete. */
const requireHeader = (name: string, value: string) => (inner: Handle): Handle => async (request) =>
  request.method !== 'DELETE' || request.headers[name] === value ? inner(request) : { status: 403, headers: { 'content-type': 'application/scim+json' }, body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '403', detail: `missing ${name}` }) }
