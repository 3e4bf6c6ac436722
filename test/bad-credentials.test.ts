import { describe, it, expect } from 'vitest'
import { sendsBadCredentials } from '../src/run/bad-credentials.ts'

// The bad-credential probes are recognised by id, and nothing else is.

describe('sendsBadCredentials', () => {
  it('names the bad-credential checks and nothing else', () => {
    const ids = ['users.create.status-201', 'auth.no-token.401', 'auth.wrong-token.401', 'security.no-token.reads', 'security.other-scheme.writes', 'security.password.never-returned', 'discovery.schemas']
    expect(ids.filter(sendsBadCredentials)).toEqual(['auth.no-token.401', 'auth.wrong-token.401', 'security.no-token.reads', 'security.other-scheme.writes'])
  })
})
