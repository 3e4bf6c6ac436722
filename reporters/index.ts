import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { BaselineComparison } from '../src/report/baseline.ts'
import type { Report } from '../src/report/model.ts'
import { html } from './html.ts'
import { json } from './json.ts'
import { junit } from './junit.ts'
import { markdown } from './markdown.ts'

/** A writer renders one Report (and, when the run had a baseline, the comparison); pure. */
export type Writer = (report: Report, comparison?: BaselineComparison) => string

export const writers = { json, junit, html, md: markdown } as const satisfies Record<string, Writer>

export type Format = keyof typeof writers

export const formats = Object.keys(writers) as readonly Format[]

export const fileNames: Record<Format, string> = { json: 'report.json', junit: 'junit.xml', html: 'report.html', md: 'report.md' }

/** Writes the chosen formats into dir (created if missing); returns the paths written, in the order given. */
export async function writeReports(
  report: Report,
  dir: string,
  chosen: readonly Format[],
  comparison?: BaselineComparison,
): Promise<string[]> {
  await mkdir(dir, { recursive: true })
  const paths: string[] = []
  for (const format of chosen) {
    const path = join(dir, fileNames[format])
    await writeFile(path, writers[format](report, comparison), 'utf8')
    paths.push(path)
  }
  return paths
}
