// Renders the README's screenshot: a real run against the reference server with two
// defects (POST answers 200; active comes back as a string), the HTML report opened
// from disk in Debian's Chromium, saved as docs/report.png.
import path from 'node:path'
import { chromium } from 'playwright-core'
import { createReferenceServer, type Handle } from '../src/server/index.ts'
import { runConformance } from '../src/run/run.ts'
import { writeReports } from '../reporters/index.ts'

const token = 'screenshot-token'
const withDefects = (handle: Handle): Handle => async (req) => {
  const res = await handle(req)
  if (req.method === 'POST' && req.path === '/Users' && res.status === 201 && res.body) {
    const body = JSON.parse(res.body) as Record<string, unknown>
    return { ...res, status: 200, body: JSON.stringify({ ...body, active: String(body.active) }) }
  }
  return res
}

const server = await createReferenceServer({ token, port: 0, wrap: withDefects })
const reportDir = path.resolve('.tmp/screenshot-report')
try {
  const report = await runConformance({
    target: { baseUrl: server.url, token }, profile: 'entra', reportDir, concurrency: 8, timeoutMs: 10_000,
    headers: {}, seed: 7, runs: 20, only: 'users.*,groups.*,discovery.*,auth.*,entra.test-connection.*',
  })
  await writeReports(report, reportDir, ['html'])
} finally {
  await server.close()
}
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] })
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } })
  await page.goto('file://' + path.join(reportDir, 'report.html'))
  await page.screenshot({ path: 'docs/report.png', fullPage: false })
} finally {
  await browser.close()
}
console.log('docs/report.png written')
