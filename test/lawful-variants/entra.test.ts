import { describeZoo } from '../variants/zoo.ts'

// The lawful-variant zoo with the entra profile: test/variants/zoo.ts.
describeZoo('entra')
