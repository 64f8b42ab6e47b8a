import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigurationError, readEnv, stateMachineArnsFrom, tableEnvSchema } from '#shared/env.ts';

describe('Shared: readEnv', () => {
  it('returns the parsed variables', () => {
    expect(readEnv(tableEnvSchema, { TABLE_NAME: 't' })).toEqual({ TABLE_NAME: 't' });
  });

  it('throws ConfigurationError naming every missing variable', () => {
    const schema = tableEnvSchema.extend({ OTHER: z.string() });
    expect(() => readEnv(schema, {})).toThrow(ConfigurationError);
    expect(() => readEnv(schema, {})).toThrow(/TABLE_NAME.*OTHER/);
  });

  it('collects the state machine ARNs by workflow', () => {
    expect(
      stateMachineArnsFrom({
        A_B_STATE_MACHINE_ARN: 'arn:1',
        TABLE_NAME: 't',
        EMPTY_STATE_MACHINE_ARN: '',
      })
    ).toEqual({
      A_B: 'arn:1',
    });
  });
});
