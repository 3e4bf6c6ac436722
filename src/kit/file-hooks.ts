import { afterAll } from 'vitest'
import { endFileSession } from './check.ts'
import { forgetSharedDataset } from './dataset.ts'

// The run's setup file: vitest executes it before every suite file, also when the workers
// share modules between files (isolate: false), so the hooks below end each file, and
// module state that belongs to one file does not reach the next.
afterAll(async ({}, file) => {
  await endFileSession(file)
  forgetSharedDataset()
})
