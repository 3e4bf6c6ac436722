import { it, expect } from 'vitest'
import { testTimeSection, withTestTime } from '../scripts/record-test-time.ts'

const bench = '# Benchmarks\n\n| Run | Wall time |\n|---|---|\n| full default suite | 6.6 s |\n'

it('appends the npm test section, replaces it on the next recording, and hands it back for npm run bench to keep', () => {
  const first = withTestTime(bench, '## npm test\n\nfirst\n')
  expect(first).toBe(bench + '\n## npm test\n\nfirst\n')
  const second = withTestTime(first, '## npm test\n\nsecond\n')
  expect(second).toBe(bench + '\n## npm test\n\nsecond\n')
  expect(testTimeSection(second)).toBe('## npm test\n\nsecond\n')
  expect(testTimeSection(bench)).toBeUndefined()
})
