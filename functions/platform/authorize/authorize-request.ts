/**
 * PLACEHOLDER (issue 11, AWS branch): stands in for the real authorizer, which the sign-in
 * branch writes here, only so the CDK app has a bundle to synth. It lets nothing through:
 * every admin request is answered 401 by API Gateway until the real handler replaces it.
 */
import { baseEnvSchema, readEnv, tableEnvSchema } from '#shared/env.ts';

// Read as the real handler will (its sessions are in the table), so the contract holds.
readEnv(baseEnvSchema.extend(tableEnvSchema.shape));

export const handler = (): Promise<never> => Promise.reject(new Error('Unauthorized'));
