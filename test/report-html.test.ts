import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium } from 'playwright-core'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { html } from '../reporters/html.ts'
import { junit } from '../reporters/junit.ts'
import { sampleIdsByStatus, sampleReport } from './fixtures/report-sample.ts'

// report.html opened from disk in Debian's headless Chromium: no console error, no
// network request, the failed-only filter and the search work. junit.xml is parsed by
// the same browser's DOMParser, a real XML parser, so no XML dependency is needed.

const executablePath = '/usr/bin/chromium'
const outDir = resolve('.tmp/report-html')
const reportPath = join(outDir, 'report.html')
const reportUrl = pathToFileURL(reportPath).href

let browser: Browser
let page: Page
const consoleErrors: string[] = []
const requests: string[] = []

beforeAll(async () => {
  if (!existsSync(executablePath)) {
    throw new Error(`${executablePath} is missing: run \`bash scripts/install-chromium.sh\` (as root) to install Debian's chromium, then run the tests again`)
  }
  await mkdir(outDir, { recursive: true })
  await writeFile(reportPath, html(sampleReport), 'utf8')
  browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text())
  })
  page.on('pageerror', (error) => consoleErrors.push(error.message))
  page.on('request', (request) => requests.push(request.url()))
  await page.goto(reportUrl, { waitUntil: 'load' })
})

afterAll(async () => {
  await browser?.close()
})

const visibleCheckIds = async (): Promise<string[]> => {
  const ids = await page.locator('tr[data-check-id]:visible').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-check-id') ?? ''))
  return ids.sort()
}

describe('report.html in headless Chromium', () => {
  it('loads from disk with no console error and no request but the file itself', async () => {
    await page.waitForTimeout(300)
    expect(consoleErrors).toEqual([])
    expect(requests).toEqual([reportUrl])
    await expect(page.locator('#verdict').getAttribute('data-verdict')).resolves.toBe('fail')
  })

  it('shows every check at first, and only the failed checks after "Failed only"', async () => {
    expect(await visibleCheckIds()).toEqual(sampleReport.checks.map((c) => c.id).sort())
    await page.click('#filter-failed')
    const failed = sampleIdsByStatus('fail').sort()
    expect(failed.length).toBeGreaterThan(0)
    expect(await visibleCheckIds()).toEqual(failed)
    await page.click('#filter-all')
    expect(await visibleCheckIds()).toHaveLength(sampleReport.checks.length)
  })

  it('narrows the rows to those matching the search', async () => {
    await page.fill('#search', 'patch')
    expect(await visibleCheckIds()).toEqual(['groups.patch.add-member', 'groups.patch.remove-member'])
    await page.fill('#search', 'no check has this text')
    expect(await visibleCheckIds()).toEqual([])
    await expect(page.locator('#no-match').isVisible()).resolves.toBe(true)
    await page.fill('#search', '')
    expect(await visibleCheckIds()).toHaveLength(sampleReport.checks.length)
  })

  it('shows the evidence of each failure with its exchange and a curl command', async () => {
    const card = page.locator('[data-evidence-for="users.create.status-201"]')
    await expect(card.locator('.exchange-line').first().textContent()).resolves.toContain('POST https://scim.example.test/scim/v2/Users')
    await expect(card.locator('.curl pre').first().textContent()).resolves.toMatch(/^curl -i -X POST 'https:\/\/scim\.example\.test\/scim\/v2\/Users' .*\$SCIM_CONFORM_TOKEN/)
    // A response body with markup is shown as text, never run.
    await expect(page.locator('[data-evidence-for="groups.patch.add-member"] .body').last().textContent()).resolves.toContain('<script>alert(')
    await expect(page.locator('[data-evidence-for="filters.generated.eq-oracle"] .counterexample').textContent()).resolves.toContain('1234567')
    const copy = card.locator('button[data-copy-target]').first()
    await copy.click()
    // From file:// the clipboard API may be refused; either way the button answers (once the
    // clipboard promise settles, hence the poll) and nothing throws.
    await expect.poll(() => copy.textContent(), { timeout: 5000 }).toMatch(/^(Copied|Select and copy)$/)
    expect(consoleErrors).toEqual([])
  })

  it('shows the transport warnings at the top and the transport in Run details', async () => {
    const warning = 'the run stopped at --run-timeout (6 s)'
    const withTransport = html({
      ...sampleReport,
      transport: { auth: 'client-credentials', rate: null, certificateVerified: false, tls: { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', tls12: true, entraCipherSuite: 'ECDHE-RSA-AES256-GCM-SHA384' }, warnings: [warning] },
    })
    const path = join(outDir, 'report-transport.html')
    await writeFile(path, withTransport, 'utf8')
    const transportPage = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    const errors: string[] = []
    transportPage.on('pageerror', (error) => errors.push(error.message))
    await transportPage.goto(pathToFileURL(path).href, { waitUntil: 'load' })
    const notice = transportPage.locator('.notice.transport-warning')
    await expect(notice.isVisible()).resolves.toBe(true)
    await expect(notice.textContent()).resolves.toBe(`Warning: ${warning}`)
    // Above the fold: a reviewer sees it without scrolling.
    const box = await notice.boundingBox()
    expect(box?.y).toBeLessThan(900)
    await expect(transportPage.locator('#run-facts').innerText()).resolves.toContain('certificate not verified (--insecure)')
    await expect(transportPage.locator('#run-facts').innerText()).resolves.toContain('OAuth 2.0 client credentials')
    expect(errors).toEqual([])
    await transportPage.close()
  })

  it('saves a full-page screenshot', async () => {
    const path = join(outDir, 'report.png')
    const png = await page.screenshot({ path, fullPage: true })
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
    expect(existsSync(path)).toBe(true)
  })

  it('parses junit.xml with the browser XML parser: one testcase per check, one failure per failed check', async () => {
    const xml = junit(sampleReport)
    // A string expression: the project compiles without the DOM lib, and this runs in the page.
    const parsed = (await page.evaluate(`(() => {
      const doc = new DOMParser().parseFromString(${JSON.stringify(xml)}, 'application/xml')
      const names = (tag, parent) => Array.from(doc.getElementsByTagName(tag)).map((e) => (parent ? e.parentElement : e).getAttribute('name'))
      return {
        parseError: doc.getElementsByTagName('parsererror')[0]?.textContent ?? null,
        testcases: names('testcase', false),
        failed: names('failure', true),
        skipped: names('skipped', true),
      }
    })()`)) as { parseError: string | null; testcases: string[]; failed: string[]; skipped: string[] }
    expect(parsed.parseError).toBeNull()
    expect(parsed.testcases.sort()).toEqual(sampleReport.checks.map((c) => c.id).sort())
    expect(parsed.failed.sort()).toEqual(sampleIdsByStatus('fail').sort())
    expect(parsed.skipped.sort()).toEqual([...sampleIdsByStatus('skip'), ...sampleIdsByStatus('blocked')].sort())
    expect(consoleErrors).toEqual([])
  })
})
