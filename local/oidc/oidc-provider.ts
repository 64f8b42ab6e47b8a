import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { html } from '#shared/kernel/html.ts';
import { htmlResponse, renderPage } from '#shared/layout/page-layout.ts';
import {
  LOCAL_API_AUDIENCE,
  LOCAL_API_RESOURCE,
  LOCAL_API_SCOPE,
  LOCAL_MACHINE_CLIENT_ID,
  LOCAL_MACHINE_ROLE,
  LOCAL_PEOPLE,
  LOCAL_WEB_CLIENT_ID,
  type LocalPerson,
} from './local-people.ts';

export interface LocalOidcOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Where the sign-in routes live: the web client's redirect URI is `<this>/auth/callback`. */
  readonly appBaseUrl: string;
  readonly rolesClaim: string;
  readonly unitsClaim: string;
}

export interface LocalOidc {
  readonly issuer: string;
  readonly webClientId: string;
  readonly machineClient: { readonly id: string; readonly secret: string };
  readonly resource: string;
  readonly audience: string;
  readonly scope: string;
  readonly people: readonly LocalPerson[];
  readonly stop: () => Promise<void>;
}

const personBy = (sub: string): LocalPerson | undefined => LOCAL_PEOPLE.find((p) => p.sub === sub);

const readForm = async (request: IncomingMessage): Promise<URLSearchParams> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > 16_384) break;
    chunks.push(buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
};

/** The login form (Russian, then English), in the app's own page layout; no script. */
const loginPage = (uid: string, failed: boolean, login: string): string =>
  renderPage(
    'ru',
    'Вход в Отклик',
    html`<h1>Вход в Отклик <span lang="en">/ Sign in to Otklik</span></h1>
      <p class="muted">Локальный провайдер входа: только для этой машины.</p>
      ${
        failed
          ? html`<p class="errors" role="alert">
            Неверная почта или пароль. <span lang="en">Wrong e-mail or password.</span>
          </p>`
          : ''
      }
      <form method="post" action="/interaction/${uid}/login">
        <label class="block" for="login">Почта <span lang="en">/ E-mail</span></label>
        <input type="email" id="login" name="login" autocomplete="username" required value="${login}" />
        <label class="block" for="password">Пароль <span lang="en">/ Password</span></label>
        <input type="password" id="password" name="password" autocomplete="current-password" required />
        <button type="submit">Войти <span lang="en">/ Sign in</span></button>
      </form>`
  );

const sendPage = (response: ServerResponse, status: number, page: string, formTo: string) => {
  const { headers = {}, body = '' } = htmlResponse(status, page);
  // The form's redirects end at the app's callback: another origin the CSP must allow.
  const csp = String(headers['content-security-policy']).replace(
    "form-action 'self'",
    `form-action 'self' ${formTo}`
  );
  response.writeHead(status, {
    ...Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)])),
    'content-security-policy': csp,
  });
  response.end(body);
};

/**
 * A real OpenID Connect provider for the local runtime (`oidc-provider`): the seeded people
 * sign in with their password through its login form (no shortcut around the flow), the
 * otklik web client uses the code flow with PKCE, and the machine client gets JWT access
 * tokens for the API's audience by client credentials (resource indicators). Its keys and
 * its own sessions live in memory: a restart signs nobody out of otklik (those sessions are
 * otklik's), it only makes the next sign-in ask for the password again.
 */
export const startLocalOidc = async (options: LocalOidcOptions): Promise<LocalOidc> => {
  let handle: (request: IncomingMessage, response: ServerResponse) => void = (_q, response) => {
    response.writeHead(503).end();
  };
  const server: Server = createServer((request, response) => {
    handle(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const issuer = `http://${options.host}:${(server.address() as AddressInfo).port}`;
  const machineSecret = randomBytes(24).toString('base64url');
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'local-1', alg: 'RS256', use: 'sig' };
  const appOrigin = new URL(options.appBaseUrl).origin;

  const configuration: Configuration = {
    clients: [
      {
        client_id: LOCAL_WEB_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        redirect_uris: [`${options.appBaseUrl.replace(/\/+$/, '')}/auth/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
      {
        client_id: LOCAL_MACHINE_CLIENT_ID,
        client_secret: machineSecret,
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    pkce: { required: () => true },
    // Local lifetimes, stated so the provider does not warn about its defaults.
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      ClientCredentials: 3600,
      Grant: 14 * 86400,
      IdToken: 3600,
      Interaction: 3600,
      Session: 14 * 86400,
    },
    // The ID token carries the claims itself: the callback reads role and units from it.
    conformIdTokenClaims: false,
    claims: {
      openid: ['sub', options.rolesClaim, options.unitsClaim],
      profile: ['name'],
      email: ['email', 'email_verified'],
    },
    findAccount: (_ctx, sub) => {
      const person = personBy(sub);
      if (!person) return undefined;
      return {
        accountId: person.sub,
        claims: () => ({
          sub: person.sub,
          name: person.name,
          email: person.email,
          email_verified: true,
          [options.rolesClaim]: [person.role],
          [options.unitsClaim]: person.units.join(','),
        }),
      };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // The web client is first-party: no consent screen (its grant is made at once).
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { client, session } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = session.grantIdFor(client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: client.clientId,
        accountId: session.accountId,
      });
      grant.addOIDCScope('openid profile email');
      await grant.save();
      return grant;
    },
    extraTokenClaims: (_ctx, token) =>
      token.kind === 'ClientCredentials'
        ? { [options.rolesClaim]: [LOCAL_MACHINE_ROLE] }
        : undefined,
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: (_ctx, client) =>
          client.clientId === LOCAL_MACHINE_CLIENT_ID ? LOCAL_API_RESOURCE : undefined,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== LOCAL_API_RESOURCE) throw new errors.InvalidTarget();
          return {
            scope: LOCAL_API_SCOPE,
            audience: LOCAL_API_AUDIENCE,
            accessTokenFormat: 'jwt',
            accessTokenTTL: 3600,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
        useGrantedResource: () => false,
      },
    },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();

  const interaction = async (
    request: IncomingMessage,
    response: ServerResponse,
    uid: string,
    submitted: boolean
  ) => {
    const details = await provider.interactionDetails(request, response);
    if (details.uid !== uid) throw new errors.SessionNotFound('interaction mismatch');
    if (details.prompt.name !== 'login') {
      // Consent is given for the first-party client by loadExistingGrant; nothing to ask.
      await provider.interactionFinished(request, response, {}, { mergeWithLastSubmission: true });
      return;
    }
    if (!submitted) {
      sendPage(response, 200, loginPage(uid, false, ''), appOrigin);
      return;
    }
    const form = await readForm(request);
    const login = (form.get('login') ?? '').trim().toLowerCase();
    const person = LOCAL_PEOPLE.find((p) => p.email === login);
    if (!person || person.password !== form.get('password')) {
      sendPage(response, 200, loginPage(uid, true, login), appOrigin);
      return;
    }
    await provider.interactionFinished(
      request,
      response,
      { login: { accountId: person.sub } },
      { mergeWithLastSubmission: false }
    );
  };

  handle = (request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const match = /^\/interaction\/([A-Za-z0-9_-]+)(\/login)?$/.exec(path);
    if (!match?.[1]) {
      void callback(request, response);
      return;
    }
    const submitted = match[2] !== undefined && request.method === 'POST';
    interaction(request, response, match[1], submitted).catch((error: unknown) => {
      // An interaction that expired or was finished already: start again from the app.
      if (!response.headersSent)
        sendPage(
          response,
          400,
          renderPage(
            'ru',
            'Вход прерван',
            html`<h1>Вход прерван <span lang="en">/ Sign-in interrupted</span></h1>
              <p>Начните вход заново. <span lang="en">Please start again.</span></p>
              <p><a href="${appOrigin}/auth/sign-in">Войти <span lang="en">/ Sign in</span></a></p>`
          ),
          appOrigin
        );
      else response.end();
      console.error('[oidc] interaction failed:', error instanceof Error ? error.name : error);
    });
  };

  return {
    issuer,
    webClientId: LOCAL_WEB_CLIENT_ID,
    machineClient: { id: LOCAL_MACHINE_CLIENT_ID, secret: machineSecret },
    resource: LOCAL_API_RESOURCE,
    audience: LOCAL_API_AUDIENCE,
    scope: LOCAL_API_SCOPE,
    people: LOCAL_PEOPLE,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
};
