import { blockedUnless, ensureSetUp } from './blocked.ts'
import type { ScimClient } from '../client/scim-client.ts'
import type { RunConfig } from './run-config.ts'
import { datasetBodies } from '../arbitraries/users.ts'
import { idOf } from './resources.ts'
import type { ScimResource } from '../scim/types.ts'
import type { Filter } from '../scim/filter/ast.ts'
import { evaluateFilter, type AttributeLookup } from '../scim/filter/evaluate.ts'
import { resolveAttribute } from '../scim/attributes.ts'
import { enterpriseUserSchema, groupSchema, userSchema } from '../scim/core-schemas.ts'
import type { ResourceKind } from '../run/tracker.ts'
import type { Advertised } from './advertised.ts'

// The seeded dataset the filter checks query: created once per suite file through
// the tracker (so the sweep deletes it), then read back, because the oracle must
// judge a filter against what the server stored, not against what was sent.

export interface Dataset {
  /** Starts every identifying value of the dataset; no other check's names contain it. */
  readonly marker: string
  /** Read back with GET, in creation order (so the same seed gives the same order). */
  readonly users: readonly ScimResource[]
  readonly groups: readonly ScimResource[]
}

interface Shared {
  readonly key: string
  readonly users: Promise<{ readonly ids: readonly string[]; readonly users: readonly ScimResource[] }>
  groups?: Promise<readonly ScimResource[]>
}

let shared: Shared | undefined

/**
 * The dataset of this run, created by the first caller; later callers await the same
 * promises. Groups (which need the users' ids) are created only when a Group check asks,
 * so a defect in groups never fails the user checks.
 */
export async function sharedDataset(scim: ScimClient, run: RunConfig, kind: ResourceKind): Promise<Dataset> {
  const key = `${run.prefix}|${run.seed}`
  const marker = datasetMarker(run)
  const bodies = datasetBodies(run.seed, marker, run.profile)
  if (shared?.key !== key) {
    const client = scim.fork()
    const users = Promise.all(bodies.users.map((body) => createOne(client, 'User', body)))
      .then(async (ids) => ({ ids, users: await Promise.all(ids.map((id) => readBack(client, 'User', id))) }))
    shared = { key, users }
  }
  const current = shared
  const { ids, users } = await current.users
  if (kind === 'User' || !run.profile.provisions.includes('Group')) return { marker, users, groups: [] }
  current.groups ??= Promise.all(bodies.groups.map(({ body, memberIndexes }) =>
    createOne(scim.fork(), 'Group', { ...body, members: memberIndexes.map((i) => ({ value: ids[i]! })) })))
    .then((groupIds) => Promise.all(groupIds.map((id) => readBack(scim.fork(), 'Group', id))))
  return { marker, users, groups: await current.groups }
}

/** The file's session deleted the dataset with everything else the file created: the next file creates its own. */
export function forgetSharedDataset(): void {
  shared = undefined
}

export function datasetMarker(run: RunConfig): string {
  return `${run.prefix}ds.`
}

async function createOne(scim: ScimClient, kind: ResourceKind, body: object): Promise<string> {
  const res = await scim.create(kind, body)
  ensureSetUp(res, [200, 201], { check: kind === 'User' ? 'profile.user.create-read-back' : 'profile.group.create-read-back', what: `creating a ${kind} of the filter dataset failed` })
  const id = idOf(res.json)
  blockedUnless(id, `a created ${kind} of the filter dataset has no id`, { check: kind === 'User' ? 'users.create.returns-resource' : 'schema.group-rules', request: `${res.method} ${res.path}`, answer: `${res.status} without an id` })
  return id
}

async function readBack(scim: ScimClient, kind: ResourceKind, id: string): Promise<ScimResource> {
  const res = await scim.get(kind, id)
  ensureSetUp(res, 200, { check: kind === 'User' ? 'users.get.by-id' : 'groups.get.by-id', what: `reading back a ${kind} of the filter dataset failed` })
  blockedUnless(idOf(res.json) === id, `GET of a ${kind} of the filter dataset returned another resource`, { check: kind === 'User' ? 'users.get.by-id' : 'groups.get.by-id', request: `${res.method} ${res.path}`, answer: `${res.status} with id ${String(idOf(res.json))}` })
  return res.json as ScimResource
}

/**
 * Attribute characteristics (caseExact, type) as the oracle reads them: what the server's
 * /Schemas declares (RFC 7643 section 2: a service provider may change characteristics),
 * and RFC 7643 section 8.7.1 for what it does not list or when discovery could not be read.
 */
export function lookupFor(kind: ResourceKind, advertised?: Advertised): AttributeLookup {
  const [core, schemas] = kind === 'User' ? [userSchema, [userSchema, enterpriseUserSchema]] : [groupSchema, [groupSchema]]
  const served = advertised?.source === 'discovery' ? advertised[kind] : []
  return (path) => {
    const resolved = (served[0] ? resolveAttribute(served, served[0].id, path) : undefined) ?? resolveAttribute(schemas, core.id, path)
    return resolved?.sub ?? resolved?.attribute
  }
}

/** The oracle: ids of the dataset resources of `kind` the filter selects (RFC 7644 section 3.4.2.2). */
export function expectedIds(dataset: Dataset, kind: ResourceKind, filter: Filter, advertised?: Advertised): Set<string> {
  const lookup = lookupFor(kind, advertised)
  const resources = kind === 'User' ? dataset.users : dataset.groups
  return new Set(resources.filter((r) => evaluateFilter(filter, r, lookup)).map((r) => r.id as string))
}
