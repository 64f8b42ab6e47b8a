import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  SignJWT,
  UnsecuredJWT,
  type CryptoKey,
} from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { authorize, type AuthorizeDeps } from '#functions/platform/authorize/authorize.service.ts';
import { csrfHashOf } from '#shared/access/csrf.ts';
import { cookieNamesFor, mintSecret, sessionIdHash } from '#shared/access/session-cookie.ts';
import { sessionKey } from '#shared/data/keys.ts';
import { sessionStore } from '#shared/data/session-store.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { documentClient, NOW, TABLE } from '#test/helpers/ddb-fixtures.ts';

const { ddb } = mockAws({ table: 'empty' });
const ISSUER = 'https://login.example.com/pool';
const AUDIENCE = 'otklik-api';
const SESSION_ID = mintSecret();
const CSRF_HASH = csrfHashOf(mintSecret());

let issuerKey: CryptoKey;
let strangerKey: CryptoKey;
let deps: AuthorizeDeps;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  issuerKey = pair.privateKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256' };
  deps = {
    keys: createLocalJWKSet({ keys: [jwk] }),
    issuer: ISSUER,
    audience: AUDIENCE,
    claimNames: { roles: 'cognito:groups', units: 'custom:units' },
    cookieNames: cookieNamesFor('https://otklik.example.com'),
    sessions: sessionStore({ db: documentClient(), tableName: TABLE }),
    now: () => NOW,
  };
});

const token = (
  claims: Record<string, unknown> = { 'cognito:groups': ['quality-manager'] },
  {
    key = issuerKey,
    issuer = ISSUER,
    audience = AUDIENCE,
    expires = NOW.getTime() / 1000 + 600,
  } = {}
) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(issuer)
    .setAudience(audience)
    .setSubject('reports-client')
    .setIssuedAt(Math.floor(NOW.getTime() / 1000) - 60)
    .setExpirationTime(Math.floor(expires))
    .sign(key);

const request = (over: { authorization?: string; cookies?: string[]; path?: string }) => ({
  authorization: over.authorization,
  cookies: over.cookies,
  path: over.path ?? '/v1/metrics/csi',
});

const storedSession = (expiresAt: number) => {
  ddb.on(GetCommand, { Key: sessionKey(sessionIdHash(SESSION_ID)) }).resolves({
    Item: {
      ...sessionKey(sessionIdHash(SESSION_ID)),
      sub: 'local-cfo-irina',
      name: 'Ирина Соколова',
      email: 'cfo@ural-steel.local',
      role: 'unit-viewer',
      units: ['ural-steel'],
      csrfHash: CSRF_HASH,
      expiresAt,
      createdAt: NOW.toISOString(),
    },
  });
};

describe('Authorizer: bearer JWT', () => {
  it("allows a valid token, with the principal of its claims (a machine client's)", async () => {
    // Act
    const decision = await authorize(request({ authorization: `Bearer ${await token()}` }), deps);

    // Assess
    expect(decision).toEqual({
      kind: 'allow',
      principal: {
        sub: 'reports-client',
        name: 'reports-client',
        email: '',
        role: 'quality-manager',
        units: 'all',
        via: 'bearer',
      },
    });
  });

  it.each([
    ['signed by another key', () => token(undefined, { key: strangerKey })],
    ['of another audience', () => token(undefined, { audience: 'otklik-web' })],
    ['of another issuer', () => token(undefined, { issuer: 'https://evil.example/' })],
    ['expired', () => token(undefined, { expires: NOW.getTime() / 1000 - 3600 })],
    ['naming no known role', () => token({ 'cognito:groups': ['superuser'] })],
    [
      'unsigned (alg none)',
      () =>
        Promise.resolve(
          new UnsecuredJWT({ 'cognito:groups': ['admin'] })
            .setIssuer(ISSUER)
            .setAudience(AUDIENCE)
            .setSubject('x')
            .encode()
        ),
    ],
    ['not a JWT at all', () => Promise.resolve('not-a-jwt')],
  ])('denies a token %s', async (_case, make) => {
    const decision = await authorize(request({ authorization: `Bearer ${await make()}` }), deps);
    expect(decision).toEqual({ kind: 'deny' });
  });

  it('denies a bad bearer even when a valid session cookie came too', async () => {
    storedSession(NOW.getTime() / 1000 + 3600);
    const decision = await authorize(
      request({
        authorization: 'Bearer nope',
        cookies: [`__Host-otklik_session=${SESSION_ID}`],
      }),
      deps
    );
    expect(decision).toEqual({ kind: 'deny' });
  });

  it('denies an Authorization header of another scheme, on a page too', async () => {
    const decision = await authorize(
      request({ authorization: 'Basic YTpi', path: '/console' }),
      deps
    );
    expect(decision).toEqual({ kind: 'deny' });
  });
});

describe('Authorizer: session cookie', () => {
  it('allows a live session, with its principal and CSRF hash', async () => {
    // Prepare
    storedSession(Math.floor(NOW.getTime() / 1000) + 3600);

    // Act
    const decision = await authorize(
      request({ cookies: ['other=1', `__Host-otklik_session=${SESSION_ID}`] }),
      deps
    );

    // Assess
    expect(decision).toEqual({
      kind: 'allow',
      principal: {
        sub: 'local-cfo-irina',
        name: 'Ирина Соколова',
        email: 'cfo@ural-steel.local',
        role: 'unit-viewer',
        units: ['ural-steel'],
        via: 'session',
        csrfHash: CSRF_HASH,
      },
    });
    expect(ddb).toReceiveCommandWith(GetCommand, {
      Key: { pk: `SESSION#${sessionIdHash(SESSION_ID)}`, sk: 'SESSION' },
    });
  });

  it('denies an expired session that TTL has not deleted yet', async () => {
    storedSession(Math.floor(NOW.getTime() / 1000) - 1);
    const decision = await authorize(
      request({ cookies: [`__Host-otklik_session=${SESSION_ID}`] }),
      deps
    );
    expect(decision).toEqual({ kind: 'deny' });
  });

  it('denies a forged cookie (no such session), and reads nothing for a malformed one', async () => {
    const forged = await authorize(
      request({ cookies: [`__Host-otklik_session=${mintSecret()}`] }),
      deps
    );
    const malformed = await authorize(request({ cookies: ['__Host-otklik_session=x'] }), deps);

    expect([forged, malformed]).toEqual([{ kind: 'deny' }, { kind: 'deny' }]);
    expect(ddb).toReceiveCommandTimes(GetCommand, 1);
  });

  it('does not take the http cookie name on an https site', async () => {
    storedSession(Math.floor(NOW.getTime() / 1000) + 3600);
    const decision = await authorize(request({ cookies: [`otklik_session=${SESSION_ID}`] }), deps);
    expect(decision).toEqual({ kind: 'deny' });
  });

  it('lets a person page through unsigned, so that it sends them to sign in', async () => {
    const console = await authorize(request({ path: '/console' }), deps);
    const below = await authorize(request({ path: '/console/units' }), deps);
    const api = await authorize(request({}), deps);
    const lookalike = await authorize(request({ path: '/consoles' }), deps);

    expect([console, below]).toEqual([{ kind: 'unsigned' }, { kind: 'unsigned' }]);
    expect([api, lookalike]).toEqual([{ kind: 'deny' }, { kind: 'deny' }]);
  });
});
