import { readFileSync } from 'node:fs'
import path from 'node:path'
import { it, expect } from 'vitest'
import { listChecks } from '../src/run/check-list.ts'
import { builtInProfiles } from '../src/profile.ts'
import { faults } from './faults/index.ts'
import { repoRoot } from './helpers.ts'

// A check that no defect can make fail is a check that cannot fail. Every check id any
// built-in profile registers must be in some fault's blast radius (test/self-test/),
// or be made to fail by the named test where a fault of the SCIM server cannot reach it.

const provenElsewhere: Readonly<Record<string, string>> = {
  // The token endpoint is not the SCIM server: a fault there needs a client-credentials run.
  'oauth.client-secret-basic': 'test/transport/oauth-run.test.ts',
  'oauth.token-lifetime': 'test/transport/oauth-run.test.ts',
  'oauth.token-response': 'test/transport/oauth-run.test.ts',
}

it('every check id is broken by a fault of the self-test or by a named test', async () => {
  const ids = new Set<string>()
  for (const profile of builtInProfiles) for (const check of await listChecks(profile)) ids.add(check.id)
  const broken = new Set(faults.flatMap((fault) => fault.breaks))
  const unproven = [...ids].filter((id) => !broken.has(id) && !provenElsewhere[id]).sort()
  expect(unproven).toEqual([])
  for (const [id, file] of Object.entries(provenElsewhere)) {
    expect(ids.has(id), `${id} is still a check`).toBe(true)
    expect(readFileSync(path.join(repoRoot, file), 'utf8'), `${file} names ${id}`).toContain(`'${id}'`)
  }
}, 600_000)
