import type { Dialect, MappedAttribute, Profile, ResourceKind } from '../profile.ts'
import { changedAttributeOps, createGroupBody, createUserBody, matchQuery, patchBody } from '../entra/requests.ts'
import { profileValues, withValues } from '../kit/profile-values.ts'
import type { JsonObject } from '../scim/types.ts'

// `scim-conform profiles show NAME`: what a profile maps, and a sample of what Entra sends for
// it (the create body, a PATCH in each dialect, the match query), built by the same code the
// checks send with, so the sample cannot drift from the run.

export interface ProfileShown {
  readonly name: string
  readonly title: string
  readonly dialect: Dialect
  readonly provisions: readonly ResourceKind[]
  readonly attributes: readonly { readonly kind: ResourceKind; readonly path: string; readonly type: string; readonly required: boolean; readonly filterable: boolean; readonly matching: boolean }[]
  readonly requests: readonly { readonly what: string; readonly method: string; readonly path: string; readonly body?: JsonObject }[]
}

const SAMPLE = 'sample'
const DIALECTS: readonly Dialect[] = ['entra', 'entra-flag', 'rfc']

export function showProfile(profile: Profile): ProfileShown {
  const mapped = (kind: ResourceKind): readonly MappedAttribute[] => (kind === 'User' ? profile.user : profile.group)
  const matchingOf = (kind: ResourceKind) => (kind === 'User' ? profile.matching.user : profile.matching.group)
  const attributes = profile.provisions.flatMap((kind) => mapped(kind).map((a) => ({ kind, path: a.path, type: a.type, required: a.required, filterable: a.filterable, matching: a.path === matchingOf(kind) })))
  const requests: ProfileShown['requests'][number][] = []
  for (const kind of profile.provisions) {
    const endpoint = kind === 'User' ? '/Users' : '/Groups'
    const values = profileValues(kind, mapped(kind), SAMPLE)
    const matching = matchingOf(kind)
    const matchValue = values.find(([p]) => p === matching)?.[1] ?? SAMPLE
    if (matching) requests.push({ what: `match a ${kind} (the Test Connection and every cycle)`, method: 'GET', path: `${endpoint}?${new URLSearchParams(matchQuery(kind, matching, matchValue, profile.dialect)).toString()}` })
    const body = withValues({}, values)
    requests.push({ what: `create a ${kind}`, method: 'POST', path: endpoint, body: kind === 'User' ? createUserBody(profile.dialect, body) : createGroupBody(profile.dialect, body) })
    const changes = values.filter(([p]) => p !== matching).slice(0, 3).map(([path, value]) => ({ path, value, hadValue: true }))
    if (changes.length > 0) {
      for (const dialect of DIALECTS) requests.push({ what: `update a ${kind}, ${dialect} dialect${dialect === profile.dialect ? ' (this profile\'s)' : ''}`, method: 'PATCH', path: `${endpoint}/{id}`, body: patchBody(dialect, changedAttributeOps(changes)) })
    }
  }
  return { name: profile.name, title: profile.title, dialect: profile.dialect, provisions: profile.provisions, attributes, requests }
}

export function profileText(shown: ProfileShown): string {
  const rows = shown.attributes.map((a) => [a.kind, a.path, a.type, a.required ? 'yes' : '', a.filterable ? 'yes' : '', a.matching ? 'yes' : ''])
  const header = ['kind', 'attribute', 'type', 'required', 'filterable', 'matching']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()
  const out = [`${shown.name}: ${shown.title}`, `dialect ${shown.dialect}; provisions ${shown.provisions.join(' and ')}`, '', line(header), ...rows.map(line), '', 'What Entra sends for this profile (sample values):']
  for (const r of shown.requests) {
    out.push('', `# ${r.what}`, `${r.method} ${r.path}`)
    if (r.body) out.push(JSON.stringify(r.body, null, 2))
  }
  return out.join('\n') + '\n'
}

