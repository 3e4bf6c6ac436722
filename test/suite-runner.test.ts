import { describe, it, expect } from 'vitest'
import { Relay } from '../src/run/suite-runner.ts'
import { ReportCollector } from '../src/run/collect.ts'
import { ProgressReporter } from '../reporters/progress.ts'

// A kept vitest instance has one reporter, the relay, for every run it serves: an event a
// run's reporter listens to and the relay does not pass on would silently never arrive.

const hooksOf = (prototype: object): string[] =>
  Object.getOwnPropertyNames(prototype).filter((name) => /^on[A-Z]/.test(name) && name !== 'onInit')

describe('the relay of a kept vitest instance', () => {
  it.each([['ReportCollector', ReportCollector.prototype], ['ProgressReporter', ProgressReporter.prototype]] as const)('passes on every event %s listens to', (_name, prototype) => {
    expect(hooksOf(prototype).filter((hook) => !hooksOf(Relay.prototype).includes(hook))).toEqual([])
  })
})
