import type { Fault } from './fault.ts'
import { coreFaults } from './core.ts'
import { entraFaults } from './entra.ts'
import { filterFaults } from './filters.ts'
import { patchFaults } from './patch.ts'
import { optionalFaults } from './optional.ts'
import { securityFaults } from './security.ts'
import { schemaFaults } from './schema.ts'
import { gapFaults } from './gaps.ts'
import { optionalGapFaults } from './optional-gaps.ts'
import { entraCycleFaults } from './entra-cycle.ts'
import { realServerFaults } from './real-servers.ts'
import { blockedFaults } from './blocked.ts'
import { throughputFaults } from './throughput.ts'

export type { Fault } from './fault.ts'

/** The faults of each file below test/faults/, by the file's name: a working change to one selects them (test:quick). */
export const faultsByFile: Readonly<Record<string, readonly Fault[]>> = {
  core: coreFaults, entra: entraFaults, filters: filterFaults, patch: patchFaults, security: securityFaults,
  optional: optionalFaults, schema: schemaFaults, gaps: gapFaults, 'optional-gaps': optionalGapFaults,
  'entra-cycle': entraCycleFaults, 'real-servers': realServerFaults, blocked: blockedFaults, throughput: throughputFaults,
}

/** Every fault the self-test runs. Each area adds its own file and one line above. */
export const faults: readonly Fault[] = Object.values(faultsByFile).flat()
