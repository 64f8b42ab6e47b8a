import { describe, expect, it } from 'vitest';
import { adminIdentityOf } from '#shared/http/admin-identity.ts';
import { httpEvent } from '#test/helpers/http-event.ts';

const adminRequest = (requestContext: Record<string, unknown>) =>
  httpEvent({ method: 'POST', routeKey: 'POST /v1/x', rawPath: '/v1/x', requestContext });

describe('Service: adminIdentityOf', () => {
  it("reads the subject of the authorizer's JWT claims", () => {
    // Prepare
    const event = adminRequest({
      authorizer: { jwt: { claims: { sub: 'admin-user-7' }, scopes: [] } },
    });

    // Act / Assess
    expect(adminIdentityOf(event)).toBe('admin-user-7');
  });

  it.each([
    ['no authorizer', {}],
    ['claims without a subject', { authorizer: { jwt: { claims: { scope: 'admin' } } } }],
    ['an empty subject', { authorizer: { jwt: { claims: { sub: '' } } } }],
    ['a subject that is no string', { authorizer: { jwt: { claims: { sub: 7 } } } }],
  ])('answers undefined for %s, never a made-up name', (_case, requestContext) => {
    expect(adminIdentityOf(adminRequest(requestContext))).toBeUndefined();
  });
});
