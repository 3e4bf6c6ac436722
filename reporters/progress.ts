import path from 'node:path'
import type { Reporter, TestCase, TestModule } from 'vitest/node'

// Plain progress lines while the run goes: one per failed check, one per finished suite.
// A display bug must never change the verdict, so every hook swallows its own errors.

export class ProgressReporter implements Reporter {
  readonly #write: (line: string) => void
  readonly #started = Date.now()

  constructor(write: (line: string) => void) {
    this.#write = write
  }

  onTestCaseResult(test: TestCase): void {
    try {
      const result = test.result()
      const check = test.meta().check
      if (result.state === 'failed' && check) {
        const reason = (result.errors?.[0]?.message ?? '').split('\n')[0]
        this.#write(`  ${check.level === 'MUST' ? '✗' : '!'} ${check.id}: ${reason}`)
      }
    } catch {
      // display only
    }
  }

  onTestModuleEnd(module: TestModule): void {
    try {
      const tests = [...module.children.allTests()]
      const failed = tests.filter((t) => t.result().state === 'failed').length
      const area = path.basename(module.moduleId).replace(/\.suite\.[jt]s$/, '')
      const seconds = ((Date.now() - this.#started) / 1000).toFixed(1)
      this.#write(`${area}: ${tests.length} checks, ${failed} failed (${seconds}s)`)
    } catch {
      // display only
    }
  }
}
