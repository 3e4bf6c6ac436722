import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

// Records how long `npm test` took in BENCHMARKS.md: the median wall time of the runs given and
// each file's median, from the .tmp/file-times.json that test/file-times-reporter.ts wrote per run.
//   tsx scripts/record-test-time.ts run1/file-times.json run2/file-times.json run3/file-times.json
// The section replaces the previous one, and `npm run bench` keeps it when it rewrites the file.

const TEST_TIME_HEADING = '## npm test'

interface FileTimes { readonly wallMs: number; readonly files: readonly { readonly file: string; readonly ms: number }[] }

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const seconds = (ms: number): string => `${Math.round(ms / 1000)} s`

function section(runs: readonly FileTimes[]): string {
  const files = [...new Set(runs.flatMap((run) => run.files.map((f) => f.file)))]
  const perFile = files.map((file) => ({ file, ms: median(runs.flatMap((run) => run.files.filter((f) => f.file === file).map((f) => f.ms))) }))
    .sort((a, b) => b.ms - a.ms)
  const rest = perFile.slice(15)
  return [
    TEST_TIME_HEADING,
    '',
    `Recorded on ${new Date().toISOString()}: ${os.cpus().length} cores, Node ${process.version}. The vitest run's wall time (the type check is one of its files; the build of the CLI the tests spawn comes first), the median of ${runs.length} run(s): **${seconds(median(runs.map((r) => r.wallMs)))}** (each run: ${runs.map((r) => seconds(r.wallMs)).join(', ')}). Files run side by side (vitest.config.ts, maxWorkers), so their times add up to more than the wall time.`,
    '',
    '| File (median, hooks included) | Time |',
    '|---|---|',
    ...perFile.slice(0, 15).map((f) => `| ${f.file} | ${seconds(f.ms)} |`),
    ...(rest.length > 0 ? [`| the other ${rest.length} files | ${seconds(rest.reduce((sum, f) => sum + f.ms, 0))} |`] : []),
    '',
  ].join('\n')
}

// The section is always the file's last: everything from its heading on is the section.

/** BENCHMARKS.md with its npm test section replaced by `section`. */
export const withTestTime = (benchmarks: string, section: string): string =>
  withoutTestTime(benchmarks).trimEnd() + '\n\n' + section

const withoutTestTime = (benchmarks: string): string => benchmarks.split(TEST_TIME_HEADING)[0]!

/** The npm test section of BENCHMARKS.md, if it has one. */
export function testTimeSection(benchmarks: string): string | undefined {
  const start = benchmarks.indexOf(TEST_TIME_HEADING)
  return start < 0 ? undefined : benchmarks.slice(start)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const inputs = process.argv.slice(2)
  if (inputs.length === 0) {
    console.error('usage: tsx scripts/record-test-time.ts <file-times.json>... (one per npm test run)')
    process.exit(2)
  }
  const runs = inputs.map((file) => JSON.parse(readFileSync(file, 'utf8')) as FileTimes)
  const target = path.join(import.meta.dirname, '..', 'BENCHMARKS.md')
  const before = existsSync(target) ? readFileSync(target, 'utf8') : '# Benchmarks\n'
  writeFileSync(target, withTestTime(before, section(runs)))
  console.log(`BENCHMARKS.md: npm test took ${seconds(median(runs.map((r) => r.wallMs)))} (median of ${runs.length})`)
}
