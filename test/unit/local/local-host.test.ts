import { describe, expect, it } from 'vitest';
import { localEnvSchema } from '#local/config.ts';
import { boundLaunchArgs } from '#local/dynamodb-local.ts';

describe('Local runtime host (OTKLIK_HOST)', () => {
  it('defaults to 127.0.0.1', () => {
    expect(localEnvSchema.parse({}).OTKLIK_HOST).toBe('127.0.0.1');
  });

  it('refuses an empty host, which Node would read as every interface', () => {
    expect(localEnvSchema.safeParse({ OTKLIK_HOST: '' }).success).toBe(false);
    expect(localEnvSchema.safeParse({ OTKLIK_HOST: '  ' }).success).toBe(false);
  });

  it('hands the host to the DynamoDB Local launcher before the jar options', () => {
    // Act
    const args = boundLaunchArgs('/jar', '127.0.0.1', 8000, undefined);

    // Assess
    const launcher = args.findIndex((arg) => arg.endsWith('DynamoDbLocalOnHost.java'));
    expect(launcher).toBeGreaterThan(0);
    expect(args.slice(launcher + 1)).toEqual([
      '127.0.0.1',
      '-inMemory',
      '-port',
      '8000',
      '-sharedDb',
    ]);
  });
});
