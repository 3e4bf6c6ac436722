import { it, expect, onTestFinished, beforeAll, afterAll } from 'vitest'
import { readFileSync } from 'node:fs'
import { createServer as createTlsServer, type Server } from 'node:tls'
import { connect } from 'node:net'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { repoRoot, runCli, startServer, tempDir, TOKEN } from '../helpers.ts'
import type { ReferenceServer } from '../../src/server/index.ts'
import type { Report } from '../../src/report/model.ts'
import { schemasDir } from '../../src/paths.ts'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'

// ajv-formats is CommonJS; under nodenext its default import is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default

// HTTPS is verified by default: a self-signed certificate stops the run with
// exit 3 and a TLS line; --ca trusts it; --insecure skips verification with a
// warning in the console and the report. test/fixtures/tls holds a fixed
// self-signed certificate for 127.0.0.1 (openssl req -x509 -newkey rsa:2048
// -days 36500 -subj '/CN=scim-conform test 127.0.0.1' -addext subjectAltName=IP:127.0.0.1
// -addext basicConstraints=critical,CA:TRUE).

const fixtures = path.join(repoRoot, 'test/fixtures/tls')
const caFile = path.join(fixtures, 'cert.pem')
let reference: ReferenceServer
let proxy: Server
let httpsUrl: string

beforeAll(async () => {
  reference = await startServer()
  const plain = new URL(reference.url)
  // TLS in front of the reference server: every decrypted byte goes to its plain HTTP port.
  proxy = createTlsServer({ key: readFileSync(path.join(fixtures, 'key.pem')), cert: readFileSync(caFile) }, (socket) => {
    const upstream = connect(Number(plain.port), '127.0.0.1')
    socket.pipe(upstream).pipe(socket)
    socket.on('error', () => upstream.destroy())
    upstream.on('error', () => socket.destroy())
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  httpsUrl = `https://127.0.0.1:${(proxy.address() as AddressInfo).port}${plain.pathname}`
})

afterAll(async () => {
  await new Promise<void>((resolve) => proxy.close(() => resolve()))
  await reference.close()
})

const ajv = new Ajv2020({ allErrors: true, strict: true })
addFormats(ajv)
const validReport = ajv.compile(JSON.parse(readFileSync(path.join(schemasDir, 'report.schema.json'), 'utf8')) as object)

/** report.json as written, checked against schemas/report.schema.json (transport included). */
function readReport(dir: string): Report {
  const report: unknown = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'))
  expect(validReport(report), JSON.stringify(validReport.errors)).toBe(true)
  return report as Report
}

it('a certificate no CA vouches for: exit 3 with one TLS line that names --ca', async () => {
  const r = await runCli(['--url', httpsUrl, '--report-dir', tempDir('tls-unverified')], { env: { SCIM_CONFORM_TOKEN: TOKEN } })
  expect(r.code).toBe(3)
  expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/cannot reach https:\/\/127\.0\.0\.1:\d+\/scim\/v2: TLS failed: the certificate is not trusted \(\w+\); pass --ca <file>/)])
})

it('--ca trusts the private CA; the report holds the negotiated TLS and Entra\'s suite', async () => {
  const dir = tempDir('tls-ca')
  const r = await runCli(['--url', httpsUrl, '--ca', caFile, '--only', 'auth.*', '--format', 'json', '--report-dir', dir], { env: { SCIM_CONFORM_TOKEN: TOKEN } })
  expect(r.stderr).toBe('')
  expect(r.code).toBe(0)
  const report = readReport(dir)
  expect(report.checks.map((c) => c.status)).toEqual(['pass', 'pass', 'pass'])
  expect(report.transport).toEqual({
    auth: 'bearer', rate: null, certificateVerified: true, warnings: [],
    tls: { protocol: 'TLSv1.3', cipher: expect.stringMatching(/^TLS_/), tls12: true, entraCipherSuite: expect.stringMatching(/^TLS_ECDHE_RSA_WITH_AES_(128|256)_GCM_SHA(256|384)$/) },
  })
}, 120_000)

it('--insecure runs with a warning in the console and the report', async () => {
  const dir = tempDir('tls-insecure')
  const r = await runCli(['--url', httpsUrl, '--insecure', '--only', 'auth.*', '--format', 'json', '--report-dir', dir], { env: { SCIM_CONFORM_TOKEN: TOKEN } })
  expect(r.code).toBe(0)
  expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^scim-conform: warning: --insecure: the certificate of the target was not verified/)])
  const report = readReport(dir)
  expect(report.transport?.certificateVerified).toBe(false)
  expect(report.transport?.warnings).toEqual([expect.stringMatching(/^--insecure/)])
}, 120_000)

async function tlsOnly(options: { minVersion?: 'TLSv1.2' | 'TLSv1.3'; maxVersion?: 'TLSv1.2' | 'TLSv1.3'; ciphers?: string }): Promise<string> {
  const server = createTlsServer({ key: readFileSync(path.join(fixtures, 'key.pem')), cert: readFileSync(caFile), ...options }, (socket) => socket.end())
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}/scim/v2`
}

it('a target refusing TLS 1.2, or offering none of Entra\'s suites, gets a warning', async () => {
  const { probeTls, tlsWarnings } = await import('../../src/client/tls.ts')
  const trust = { ca: readFileSync(caFile, 'utf8'), insecure: false }
  const only13 = await probeTls(await tlsOnly({ minVersion: 'TLSv1.3' }), trust, 5000)
  expect(only13).toMatchObject({ protocol: 'TLSv1.3', tls12: false, entraCipherSuite: null })
  expect(tlsWarnings(only13)).toEqual([expect.stringMatching(/refused a TLS 1.2 handshake: Entra connects with TLS 1.2 only/)])
  const noEcdhe = await probeTls(await tlsOnly({ maxVersion: 'TLSv1.2', ciphers: 'AES128-GCM-SHA256' }), trust, 5000)
  expect(noEcdhe).toMatchObject({ protocol: 'TLSv1.2', cipher: 'TLS_RSA_WITH_AES_128_GCM_SHA256', tls12: true, entraCipherSuite: null })
  expect(tlsWarnings(noEcdhe)).toEqual([expect.stringMatching(/accepts none of the cipher suites Entra requires/)])
})

it('plain HTTP is warned about anywhere but loopback', async () => {
  const { transportWarnings } = await import('../../src/client/tls.ts')
  expect(transportWarnings('http://127.0.0.1:8080/scim', { insecure: false })).toEqual([])
  expect(transportWarnings('http://localhost/scim', { insecure: false })).toEqual([])
  expect(transportWarnings('http://[::1]:80/scim', { insecure: false })).toEqual([])
  expect(transportWarnings('http://scim.example.com/scim', { insecure: false })).toEqual([expect.stringMatching(/^scim\.example\.com is plain HTTP/)])
  expect(transportWarnings('https://scim.example.com/scim', { insecure: false })).toEqual([])
})
