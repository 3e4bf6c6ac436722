import { it, expect, onTestFinished } from 'vitest'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { runCli, startServer, tempDir, TOKEN } from '../helpers.ts'
import { createHttp } from '../../src/client/http.ts'
import { preflight } from '../../src/run/preflight.ts'
import { listen } from './servers.ts'

// A --url that is not a SCIM base URL stops the run before any check: exit 3 with
// one line that guesses the fix, no write sent, and a report.md saying why.

const writes = ['POST', 'PUT', 'PATCH', 'DELETE']

it('an app serving SCIM under /scim/v2, given its root as --url: exit 3, "is /scim/v2 missing", no write sent', async () => {
  const methods: string[] = []
  // What an Express app answers outside its SCIM router.
  const app = await listen((req, res) => {
    methods.push(req.method ?? '')
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end(`<!DOCTYPE html><pre>Cannot ${req.method} ${req.url}</pre>`)
  })
  onTestFinished(() => app.close())
  const dir = tempDir('no-scim-v2')
  const started = Date.now()
  const r = await runCli(['--url', app.url, '--report-dir', dir], { env: { SCIM_CONFORM_TOKEN: TOKEN } })
  console.log(`wrong base URL: exit ${r.code} after ${Date.now() - started} ms (tsx start-up included)`)
  expect(r.code).toBe(3)
  expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/GET \/Users answered 404 text\/html: is \/scim\/v2 missing from --url\?$/)])
  expect(methods.filter((m) => writes.includes(m))).toEqual([])
  expect(readFileSync(path.join(dir, 'report.md'), 'utf8')).toMatch(/is \/scim\/v2 missing from --url/)
}, 120_000)

it('a web server answering every path with an HTML page: exit 3, one line, no write sent', async () => {
  const methods: string[] = []
  const site = await listen((req, res) => {
    methods.push(req.method ?? '')
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Welcome</title><p>Hello')
  })
  onTestFinished(() => site.close())
  const dir = tempDir('html-site')
  const r = await runCli(['--url', `${site.url}/scim/v2`, '--report-dir', dir], { env: { SCIM_CONFORM_TOKEN: TOKEN } })
  expect(r.code).toBe(3)
  expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/GET \/Users answered 200 text\/html: --url serves a web page/)])
  expect(methods.filter((m) => writes.includes(m))).toEqual([])
  expect(existsSync(path.join(dir, 'report.json'))).toBe(false)
}, 120_000)

it('the reference server given its root: its SCIM 404 on GET /Users is a wrong --url too', async () => {
  const server = await startServer()
  onTestFinished(() => server.close())
  const root = server.url.replace(/\/scim\/v2$/, '')
  const http = createHttp({ baseUrl: root, token: TOKEN, headers: {}, timeoutMs: 5_000, connections: 1 })
  onTestFinished(() => http.close())
  await expect(preflight(http, root)).rejects.toMatchObject({
    name: 'NotScim',
    exitCode: 3,
    message: 'GET /Users answered 404 application/scim+json: is /scim/v2 missing from --url?',
  })
  expect(server.snapshot()).toEqual({ Users: [], Groups: [] })
})
