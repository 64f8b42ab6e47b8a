import type { SourceCredential } from '../source-credentials.ts';
import type { WebhookRequest } from '../webhook-request.ts';
import { InvalidSignatureError } from '../webhook-signature.ts';
import { verifyBearer } from './source-signatures.ts';

/**
 * A source's signature scheme: throws InvalidSignatureError unless one of the secrets signed
 * it; returns the content the signature covers.
 */
export type SignatureCheck = (request: WebhookRequest, secrets: readonly string[]) => string;

/**
 * A source's whole check: its bearer token, for a sender that cannot sign (Jira Automation,
 * Jira Data Center), else its own signature scheme under one of its secrets. A source with
 * neither set up answers 401: it is not connected. Returns the signed content, none for a
 * bearer token (it signs nothing of the request).
 */
export const signedOrBearer =
  (checkSignature: SignatureCheck) =>
  (request: WebhookRequest, credentials: SourceCredential): string | undefined => {
    if (verifyBearer(credentials.bearerTokens, request.headers.authorization)) return undefined;
    if (credentials.secrets.length === 0) throw new InvalidSignatureError('no secret set');
    return checkSignature(request, credentials.secrets);
  };
