import { it, expect } from 'vitest'
import { entraCycleFaults } from '../faults/entra-cycle.ts'
import { runAgainst, startServer } from '../helpers.ts'

// An app that only soft-deletes refuses DELETE /Users/{id} (405). The checks that need a deleted
// user are not applicable, and the clean-up cannot delete what the run created: it disables each
// such user instead and says so, so the run leaves no active test user behind.

it('on a server that refuses DELETE of users: delete checks not applicable, leftover users disabled and named', async () => {
  const fault = entraCycleFaults.find((f) => f.id === 'soft-delete-only')
  if (!fault) throw new Error('no soft-delete-only fault')
  const server = await startServer({ wrap: fault.wrap })
  try {
    const report = await runAgainst(server, { only: 'users.delete.*' })
    const deletes = report.checks.filter((c) => c.id.startsWith('users.delete.'))
    expect(deletes.map((c) => [c.id, c.status])).toEqual([['users.delete.status-204', 'skip'], ['users.delete.then-404', 'skip']])
    for (const c of deletes) expect(c.status === 'skip' && c.reason).toMatch(/^not applicable: DELETE \/Users\/\S+ answered 405, the server does not support deleting users/)
    const users = server.snapshot().Users
    expect(users).toHaveLength(2)
    expect(users.map((u) => u.active)).toEqual([false, false])
    expect(report.cleanup.leftover.map((l) => l.reason)).toEqual(Array(2).fill('DELETE answered 405 (the server does not delete users); disabled with active=false instead'))
  } finally {
    await server.close()
  }
})
