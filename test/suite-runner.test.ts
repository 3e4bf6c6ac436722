import { describe, it, expect } from 'vitest'
import { Relay } from '../src/run/suite-runner.ts'
import { ReportCollector } from '../src/run/collect.ts'
import { ProgressReporter } from '../reporters/progress.ts'
import { startServer, runAgainst, brokenIds } from './helpers.ts'
import { onResponse } from './faults/wrappers.ts'

// A kept vitest instance has one reporter, the relay, for every run it serves: an event a
// run's reporter listens to and the relay does not pass on would silently never arrive.

const hooksOf = (prototype: object): string[] =>
  Object.getOwnPropertyNames(prototype).filter((name) => /^on[A-Z]/.test(name) && name !== 'onInit')

describe('the relay of a kept vitest instance', () => {
  it.each([['ReportCollector', ReportCollector.prototype], ['ProgressReporter', ProgressReporter.prototype]] as const)('passes on every event %s listens to', (_name, prototype) => {
    expect(hooksOf(prototype).filter((hook) => !hooksOf(Relay.prototype).includes(hook))).toEqual([])
  })
})

describe('a run in the caller’s process', () => {
  it('leaves the exit code to the caller, also when checks fail', async () => {
    const server = await startServer({ wrap: onResponse((req) => req.method === 'POST', (res) => (res.status === 201 ? { ...res, status: 200 } : res)) })
    const before = process.exitCode
    try {
      const report = await runAgainst(server, { only: 'users.create.*' })
      expect(brokenIds(report)).toContain('users.create.status-201')
      expect(process.exitCode).toBe(before)
    } finally {
      process.exitCode = before
      await server.close()
    }
  })
})
