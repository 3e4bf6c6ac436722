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

/** Every fault the self-test runs. Each area adds its own file and one line here. */
export const faults: readonly Fault[] = [...coreFaults, ...entraFaults, ...filterFaults, ...patchFaults, ...securityFaults, ...optionalFaults, ...schemaFaults, ...gapFaults, ...optionalGapFaults, ...entraCycleFaults, ...realServerFaults, ...blockedFaults, ...throughputFaults]
