import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { principalOf } from '#shared/access/principal.ts';

/**
 * Who changes the registry, for `createdBy`/`updatedBy`: the principal's subject.
 * Undefined: nobody verified, and nothing is written (the handler answers 401).
 */
export const registryActorOf = (event: APIGatewayProxyEventV2): string | undefined =>
  principalOf(event)?.sub;
