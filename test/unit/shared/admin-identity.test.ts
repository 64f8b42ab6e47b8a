import { describe, expect, it } from 'vitest';
import { adminIdentityOf } from '#shared/http/admin-identity.ts';
import { authorizerContextOf } from '#test/helpers/admin-api.ts';
import { httpEvent } from '#test/helpers/http-event.ts';

const adminRequest = (requestContext: Record<string, unknown>) =>
  httpEvent({ method: 'POST', routeKey: 'POST /v1/x', rawPath: '/v1/x', requestContext });

describe('Service: adminIdentityOf', () => {
  it("reads the subject of the authorizer's principal", () => {
    // Prepare
    const event = adminRequest(authorizerContextOf('admin-user-7'));

    // Act / Assess
    expect(adminIdentityOf(event)).toBe('admin-user-7');
  });

  it.each([
    ['no authorizer', {}],
    ['a context without a subject', { authorizer: { lambda: { role: 'admin', units: '*' } } }],
    ['an empty subject', authorizerContextOf('')],
    ['an unknown role', authorizerContextOf('someone', { role: 'superuser' })],
    ['an unsigned page visit', { authorizer: { lambda: { signedIn: 'no' } } }],
    ['the claims of a JWT authorizer', { authorizer: { jwt: { claims: { sub: 'admin-7' } } } }],
  ])('answers undefined for %s, never a made-up name', (_case, requestContext) => {
    expect(adminIdentityOf(adminRequest(requestContext))).toBeUndefined();
  });
});
