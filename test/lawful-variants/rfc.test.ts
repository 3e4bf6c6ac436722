import { describeZoo } from '../variants/zoo.ts'

// The lawful-variant zoo with the rfc profile: test/variants/zoo.ts.
describeZoo('rfc')
