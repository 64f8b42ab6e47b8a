import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { AccessGrant } from '#shared/access/access-grant.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { registryActorOf } from './registry-actor.ts';
import { registryAuditFromEnv } from './registry-audit.ts';
import { registryErrorResponse } from './registry-errors.ts';

type Answer = ReturnType<typeof jsonResponse>;

/**
 * What every change of the registry does once its input is parsed, decided once: who makes
 * it (nobody verified → 401, nothing written), its audit record before the change (a unit's
 * change and its re-attribution are no single transaction: registry-audit.ts), then the
 * change, with the registry's refusals answered as registry-errors.ts maps them.
 */
export const registryChangeFromEnv = () => {
  const audit = registryAuditFromEnv();
  return async (
    event: APIGatewayProxyEventV2,
    grant: AccessGrant,
    unitId: string,
    change: (by: string) => Promise<Answer>
  ): Promise<Answer> => {
    const by = registryActorOf(event);
    if (!by) return jsonResponse(401, { message: 'Unauthorized' });
    await audit.record(event, grant, { itemId: unitId });
    try {
      return await change(by);
    } catch (error) {
      return registryErrorResponse(error);
    }
  };
};
