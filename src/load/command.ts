import { randomBytes } from 'node:crypto'
import { isExport, parseExportOptions, parseLoadOptions } from './options.ts'
import { artilleryScript } from './artillery.ts'
import { formatLoadReport } from './format.ts'
import { helpText } from '../cli/help.ts'
import { runLoad } from './run-load.ts'
import { createReferenceServer, type ReferenceServer } from '../server/index.ts'

// `scim-conform load ...`: options, the embedded server if asked, the run, the
// printed report. Exit 0 when the requirement is met, 1 when not.

export async function loadCommand(args: readonly string[], env: Readonly<Record<string, string | undefined>>, out: { write(text: string): unknown }): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    out.write(helpText)
    return 0
  }
  if (isExport(args)) {
    out.write(artilleryScript({ ...parseExportOptions(args, env), prefix: `scimconf-${randomBytes(4).toString('hex')}-` }))
    return 0
  }
  const options = parseLoadOptions(args, env)
  let embedded: ReferenceServer | undefined
  let target: { baseUrl: string; token: string }
  if (options.target.kind === 'embedded') {
    const token = randomBytes(16).toString('hex')
    embedded = await createReferenceServer({ token, port: 0 })
    target = { baseUrl: embedded.url, token }
  } else {
    target = options.target
  }
  const controller = new AbortController()
  const stop = () => controller.abort()
  process.once('SIGINT', stop)
  try {
    const report = await runLoad({ ...target, ...options, signal: controller.signal })
    out.write(formatLoadReport(report))
    return report.passed && report.cleanup.leftover.length === 0 ? 0 : 1
  } finally {
    process.off('SIGINT', stop)
    await embedded?.close()
  }
}
