import { config } from 'zod';

/**
 * Injected first into every bundle (function-bundle.ts, `jitless`): zod's objects then parse
 * without compiling a parser of their own with `new Function` on their first parse. That
 * compile costs about 1 ms per object schema (cold processes, this machine) and a cold start
 * pays it for every object its init parses (environment, settings) and again in the first
 * request; a Lambda container parses each schema too few times to earn it back. The flag is
 * read when a schema is built, hence the injection before any other module's top level.
 */
config({ jitless: true });
