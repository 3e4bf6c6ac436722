import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium } from 'playwright-core'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeReports } from '../reporters/index.ts'
import type { Handle } from '../src/server/index.ts'
import type { Report } from '../src/report/model.ts'
import { faults } from './faults/index.ts'
import { runAgainst, startServer } from './helpers.ts'

// report.html of a real run against a server with three defects, opened from disk in
// Debian's headless Chromium at a laptop's 1280×900. What a reviewer reads first must be
// there without scrolling past the table of every check: the three verdicts on the first
// screen, the failures grouped by cause starting on it, and the first evidence (the failed
// check, expected and actual, then its request and answer) within the first two. Boxes and visibility, not pixels; the
// screenshot of those two screens is saved under .tmp/ for a person to look at.

const executablePath = '/usr/bin/chromium'
const screen = { width: 1280, height: 900 }
const outDir = resolve('.tmp/report-html-first-screens')

// Causes of different weight: a refused create that blocks most of the Entra cycle, creates
// answered 200 instead of 201, and active sent back as a string (a schema failure, no status).
const defects = ['refuses-fax-number-on-create', 'post-answers-200', 'active-as-string']
const wrap = (handle: Handle): Handle => defects.map((id) => faults.find((f) => f.id === id)!.wrap).reduce((h, w) => w(h), handle)

let browser: Browser
let page: Page
let report: Report
const pageErrors: string[] = []

beforeAll(async () => {
  if (!existsSync(executablePath)) {
    throw new Error(`${executablePath} is missing: run \`bash scripts/install-chromium.sh\` (as root) to install Debian's chromium, then run the tests again`)
  }
  const server = await startServer({ wrap })
  try {
    report = await runAgainst(server)
  } finally {
    await server.close()
  }
  await mkdir(outDir, { recursive: true })
  await writeReports(report, outDir, ['html'])
  browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  page = await browser.newPage({ viewport: screen })
  page.on('pageerror', (error) => pageErrors.push(error.message))
  await page.goto(pathToFileURL(join(outDir, 'report.html')).href, { waitUntil: 'load' })
}, 300_000)

afterAll(async () => {
  await browser?.close()
})

/** Where an element sits on the page, from the top of the document (the page is not scrolled). */
async function box(locator: Locator): Promise<{ top: number; bottom: number }> {
  await expect(locator.isVisible()).resolves.toBe(true)
  const b = await locator.boundingBox()
  expect(b).not.toBeNull()
  return { top: b!.y, bottom: b!.y + b!.height }
}

describe('report.html of a failing run: what a reviewer reads first', () => {
  it('the run failed in the ways the defects should make it fail', () => {
    const failed = report.checks.filter((c) => c.status === 'fail').map((c) => c.id)
    expect(failed).toEqual(expect.arrayContaining(['entra.user-cycle.create', 'users.create.status-201', 'groups.create.status-201', 'schema.user']))
    expect(report.checks.some((c) => c.status === 'blocked')).toBe(true)
  })

  it('shows the overall verdict and the three verdicts (Entra, Gallery, RFC) on the first screen', async () => {
    await expect(page.locator('#verdict strong').textContent()).resolves.toBe('FAIL')
    expect((await box(page.locator('#verdict'))).bottom).toBeLessThanOrEqual(screen.height)
    const cards = page.locator('.verdicts [data-verdict-of]')
    await expect(cards.evaluateAll((all) => all.map((c) => c.getAttribute('data-verdict-of')))).resolves.toEqual(['Entra', 'Gallery', 'RFC 7643/7644'])
    for (const card of await cards.all()) expect((await box(card)).bottom).toBeLessThanOrEqual(screen.height)
    await expect(page.locator('[data-verdict-of="Entra"]').getAttribute('class')).resolves.toContain('bad')
    await expect(page.locator('[data-verdict-of="Entra"]').textContent()).resolves.toMatch(/will fail at \d+ step/)
  })

  it('starts the failures grouped by cause on the first screen, the cause that blocks most first', async () => {
    const causes = page.locator('#root-causes > li')
    expect(await causes.count()).toBeGreaterThanOrEqual(3)
    const first = causes.first()
    expect((await box(first.locator('strong').first())).bottom).toBeLessThanOrEqual(screen.height)
    await expect(first.textContent()).resolves.toMatch(/POST \/scim\/v2\/Users answered 400 invalidValue .*\(2 checks failed, \d+ checks blocked\)/)
    await expect(first.locator('a').first().getAttribute('href')).resolves.toBe('#cause-1')
    // Grouped: each failed check is named under exactly one cause, and its evidence card is in that cause's section.
    const sections = page.locator('section.cause-evidence')
    expect(await sections.count()).toBe(await causes.count())
    const named = await sections.evaluateAll((all) => all.flatMap((s) => [...s.querySelectorAll('.cause-facts a[href^="#evidence-"] code')].map((c) => `${s.id} ${c.textContent}`)))
    const carded = await sections.evaluateAll((all) => all.flatMap((s) => [...s.querySelectorAll('article.evidence')].map((a) => `${s.id} ${a.getAttribute('data-evidence-for')}`)))
    const broken = report.checks.filter((c) => c.status === 'fail' || c.status === 'warn').map((c) => c.id)
    expect(named.map((n) => n.split(' ')[1]).sort()).toEqual([...broken].sort())
    expect(carded.sort()).toEqual([...named].sort())
  })

  it('shows the first cause\'s evidence within the first two screens: the failed check, what was expected and what came back', async () => {
    const evidence = page.locator('#cause-1 article.evidence').first()
    const card = await box(evidence.locator('h3'))
    await expect(evidence.locator('.message').textContent()).resolves.toMatch(/POST \/Users answered 400/)
    expect((await box(evidence.locator('.expected-actual'))).bottom).toBeLessThanOrEqual(2 * screen.height)
    // The request and its answer follow right under it.
    const exchange = evidence.locator('.exchange-line').first()
    await expect(exchange.textContent()).resolves.toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/scim\/v2\/Users → 400/)
    expect((await box(exchange)).top).toBeLessThan(card.top + screen.height / 2)
    // Before the table of every check, not after it.
    expect(card.top).toBeLessThan((await box(page.locator('table.checks'))).top)
  })

  it('saves a screenshot of the first two screens with no page error', async () => {
    const path = join(outDir, 'first-screens.png')
    const png = await page.screenshot({ path, fullPage: true, clip: { x: 0, y: 0, width: screen.width, height: 2 * screen.height } })
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
    expect(existsSync(path)).toBe(true)
    expect(pageErrors).toEqual([])
  })
})
