import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FunctionDefinition } from '#lib/definitions/function-definition.ts';
import { LocalFunctions } from '#local/lambda/local-functions.ts';

const entry = 'test/fixtures/functions/environment-at-import.ts';
// Two ids on one entry: each must still get a module of its own, with its own variables.
const definitions: FunctionDefinition[] = [
  { id: 'First', entry, description: 'first' },
  { id: 'Second', entry, description: 'second', environment: { optional: ['FIXTURE_TUNING'] } },
];
const environments: Record<string, Record<string, string>> = {
  First: { FIXTURE_SHARED: 'first', FIXTURE_FIRST_ONLY: '1' },
  Second: { FIXTURE_SHARED: 'second' },
};
const localFunctions = () =>
  new LocalFunctions(definitions, 'test', 'eu-central-1', '000000000000', (definition) => {
    const found = environments[definition.id];
    if (!found) throw new Error(`no environment for ${definition.id}`);
    return found;
  });

describe('Local runtime: each function imports with its own environment', () => {
  beforeEach(() => {
    // A module evaluates once per process: each test imports the fixture afresh.
    vi.resetModules();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("sets a function's declared variables for its import only, and no other function's", async () => {
    const functions = localFunctions();

    const [first, second] = await Promise.all([
      functions.invoke('First', {}),
      functions.invoke('Second', {}),
    ]);

    expect(first).toEqual({
      atImport: { FIXTURE_SHARED: 'first', FIXTURE_FIRST_ONLY: '1' },
      atInvoke: {},
    });
    expect(second).toEqual({ atImport: { FIXTURE_SHARED: 'second' }, atInvoke: {} });
  });

  it("passes on a declared optional variable from the runtime's environment, to that function alone", async () => {
    vi.stubEnv('FIXTURE_TUNING', '0');
    const functions = localFunctions();

    const first = await functions.invoke('First', {});
    const second = await functions.invoke('Second', {});

    expect(first).toMatchObject({ atImport: { FIXTURE_SHARED: 'first', FIXTURE_FIRST_ONLY: '1' } });
    expect(second).toMatchObject({ atImport: { FIXTURE_SHARED: 'second', FIXTURE_TUNING: '0' } });
  });

  it("hides the process's own value of another function's variable, and puts it back", async () => {
    vi.stubEnv('FIXTURE_FIRST_ONLY', 'from the shell');

    const second = await localFunctions().invoke('Second', {});

    expect(second).toEqual({
      atImport: { FIXTURE_SHARED: 'second' },
      atInvoke: { FIXTURE_FIRST_ONLY: 'from the shell' },
    });
    expect(process.env.FIXTURE_SHARED).toBeUndefined();
  });

  it('imports an entry once per function id', async () => {
    const functions = localFunctions();

    await functions.invoke('First', {});
    vi.stubEnv('FIXTURE_SHARED', 'changed later');
    const again = await functions.invoke('First', {});

    expect(again).toMatchObject({ atImport: { FIXTURE_SHARED: 'first' } });
  });
});
