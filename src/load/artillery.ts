import { SCHEMA_URN } from '../scim/schema-model.ts'

// `scim-conform load --export artillery`: the load check's traffic as an Artillery script, to
// drive a target from many machines (Artillery's own distributed runners) with no scheme of
// ours. Each virtual user sends one round of the mix of traffic-mix.ts, 20 requests: 8 filter
// lookups (half of them for a user that does not exist), 4 GETs, 3 creates, 3 PATCHes and 2
// member adds to one group the script's `before` flow creates. So the arrival rate is the
// request rate / 20. The token is read from SCIM_CONFORM_TOKEN when Artillery runs and is never
// written here; every name carries the export's prefix, so `scim-conform cleanup --prefix`
// finds everything the script created. The script deletes nothing itself: Entra's steady
// traffic has no deletes.

export interface ArtilleryExport {
  /** The SCIM base URL, e.g. https://app.example.com/scim/v2. */
  readonly baseUrl: string
  /** Requests per second, held for durationS after the ramp. */
  readonly rate: number
  readonly durationS: number
  /** scimconf-xxxxxxxx-: on every name the script gives. */
  readonly prefix: string
  /** Extra request headers (--header); never credentials. */
  readonly headers: Readonly<Record<string, string>>
}

export const REQUESTS_PER_USER = 20
export const TOKEN_VARIABLE = 'SCIM_CONFORM_TOKEN'

/** A double-quoted YAML scalar: JSON's string syntax is valid YAML. */
const q = (text: string): string => JSON.stringify(text)

type Step = readonly string[]

const filter = (value: string): Step => [
  `    - get:`,
  `        url: ${q('/Users')}`,
  `        qs:`,
  `          filter: ${q(`userName eq "${value}"`)}`,
]
const get = (id: string): Step => [`    - get:`, `        url: ${q(`/Users/{{ ${id} }}`)}`]
const create = (id: string, name: string, prefix: string): Step => [
  `    - post:`,
  `        url: ${q('/Users')}`,
  `        json:`,
  `          schemas: [${q(SCHEMA_URN.user)}]`,
  `          userName: ${q(`${prefix}load-{{ $randomString(12) }}@example.com`)}`,
  `          active: true`,
  `        capture:`,
  `          - json: "$.id"`,
  `            as: ${id}`,
  `          - json: "$.userName"`,
  `            as: ${name}`,
]
const patch = (id: string, n: number): Step => [
  `    - patch:`,
  `        url: ${q(`/Users/{{ ${id} }}`)}`,
  `        json:`,
  `          schemas: [${q(SCHEMA_URN.patchOp)}]`,
  `          Operations: [{ op: "replace", path: "displayName", value: ${q(`Load ${n} {{ $randomString(6) }}`)} }]`,
]
const addMember = (id: string): Step => [
  `    - patch:`,
  `        url: ${q('/Groups/{{ groupId }}')}`,
  `        json:`,
  `          schemas: [${q(SCHEMA_URN.patchOp)}]`,
  `          Operations: [{ op: "add", path: "members", value: [{ value: ${q(`{{ ${id} }}`)} }] }]`,
]

/** The order of traffic-mix.ts's PATTERN, with the users this round created. */
function round(prefix: string): Step[] {
  const absent = (n: number) => filter(`${prefix}load-absent-${n}-{{ $randomString(8) }}`)
  return [
    absent(1), create('a', 'aName', prefix), filter('{{ aName }}'), get('a'), absent(2), patch('a', 1), get('a'), filter('{{ aName }}'),
    addMember('a'), create('b', 'bName', prefix), filter('{{ bName }}'), get('b'), patch('b', 2), absent(3), create('c', 'cName', prefix),
    get('c'), filter('{{ cName }}'), addMember('b'), patch('c', 3), absent(4),
  ]
}

export function artilleryScript(options: ArtilleryExport): string {
  const arrivals = options.rate / REQUESTS_PER_USER
  const rampS = Math.max(1, Math.min(30, Math.round(options.durationS / 5)))
  const headers = { authorization: `Bearer {{ $processEnvironment.${TOKEN_VARIABLE} }}`, 'content-type': 'application/scim+json', accept: 'application/scim+json', ...options.headers }
  const lines = [
    `# Entra's steady provisioning traffic against ${options.baseUrl}: ${options.rate} requests/s for ${options.durationS} s`,
    `# after a ${rampS} s ramp, written by scim-conform load --export artillery.`,
    `# Run:      ${TOKEN_VARIABLE}=... npx artillery run scim-load.yml`,
    `# Clean up: scim-conform cleanup --url ${options.baseUrl} --prefix ${options.prefix}`,
    `# Distributed runners run these phases on every worker: export --rate as the total rate / the worker count.`,
    'config:',
    `  target: ${q(options.baseUrl.replace(/\/+$/, ''))}`,
    '  phases:',
    `    - name: ramp`,
    `      duration: ${rampS}`,
    `      arrivalRate: 1`,
    `      rampTo: ${Math.max(1, Math.round(arrivals))}`,
    `    - name: steady`,
    `      duration: ${options.durationS}`,
    // A count spread over the phase, exact where a rate of rate/20 users per second is fractional.
    `      arrivalCount: ${Math.max(1, Math.round(arrivals * options.durationS))}`,
    '  defaults:',
    '    headers:',
    ...Object.entries(headers).map(([name, value]) => `      ${q(name)}: ${q(value)}`),
    'before:',
    '  flow:',
    '    - post:',
    `        url: ${q('/Groups')}`,
    '        json:',
    `          schemas: [${q(SCHEMA_URN.group)}]`,
    `          displayName: ${q(`${options.prefix}load-group-{{ $randomString(8) }}`)}`,
    '        capture:',
    '          - json: "$.id"',
    '            as: groupId',
    'scenarios:',
    `  - name: ${q(`Entra's mix, ${REQUESTS_PER_USER} requests`)}`,
    '    flow:',
    ...round(options.prefix).flat().map((line) => line.replace(/^ {4}/, '      ')),
  ]
  return lines.join('\n') + '\n'
}
