import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Reporter, TestModule } from 'vitest/node'

// Each test file's wall time with its hooks (vitest's JSON report times only the tests, so a
// file that installs Artillery or collects every suite in beforeAll looks instant there).
// .ci/run writes .tmp/file-times.json with it; scripts/record-test-time.ts reads that file.

export default class FileTimesReporter implements Reporter {
  private readonly started = performance.now()
  private readonly files: { file: string; ms: number }[] = []

  onTestModuleEnd(module: TestModule): void {
    this.files.push({ file: path.relative(process.cwd(), module.moduleId), ms: Math.round(module.diagnostic().duration) })
  }

  onTestRunEnd(): void {
    mkdirSync('.tmp', { recursive: true })
    const files = [...this.files].sort((a, b) => b.ms - a.ms)
    writeFileSync('.tmp/file-times.json', JSON.stringify({ wallMs: Math.round(performance.now() - this.started), files }, null, 2) + '\n')
  }
}
