import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import {
  ClientAttributes,
  OAuthScope,
  UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
} from 'aws-cdk-lib/aws-cognito';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import type { OidcSettings } from '../config/oidc-settings.ts';
import type { OidcRefs } from '../definitions/resource-refs.ts';
import { ResourceGroup } from './resource-group.ts';
import { UNITS_ATTRIBUTE, userPoolIdParameterFor } from './sign-in-user-pool.ts';

/** The sign-in routes' paths (functions/platform/sign-in/), registered at the issuer. */
export const CALLBACK_PATH = '/auth/callback';
export const SIGNED_OUT_PATH = '/auth/signed-out';

export interface AppSignInProps {
  readonly stage: string;
  readonly oidc: OidcSettings;
  /** The https origin people reach otklik at: the redirect URLs are under it. */
  readonly publicBaseUrl: string;
}

/**
 * Who signs people in, as the functions see it (`refs`, ResourceRefs.oidc): an external
 * issuer as configured, or the stateful stack's Cognito user pool (sign-in-user-pool.ts),
 * for which this builds the public app client: authorization code flow (the app sends
 * PKCE S256), no secret, the openid/email/profile scopes, tokens as long as a session.
 */
export class AppSignIn extends ResourceGroup {
  readonly refs: OidcRefs;
  /** Cognito's app client, when no external issuer is configured. */
  readonly client: UserPoolClient | undefined;

  constructor(scope: Construct, id: string, props: AppSignInProps) {
    super(scope, id);
    const { oidc } = props;
    const claims = {
      rolesClaim: oidc.rolesClaim,
      unitsClaim: oidc.unitsClaim,
      sessionHours: oidc.sessionHours,
    };
    if (oidc.issuer !== undefined && oidc.clientId !== undefined) {
      this.client = undefined;
      this.refs = { issuer: oidc.issuer, clientId: oidc.clientId, ...claims };
      return;
    }
    const userPoolId = StringParameter.valueForStringParameter(
      this,
      userPoolIdParameterFor(props.stage)
    );
    const base = props.publicBaseUrl.replace(/\/$/, '');
    const session = Duration.hours(oidc.sessionHours);
    this.client = new UserPoolClient(this, 'SignInClient', {
      userPool: UserPool.fromUserPoolId(this, 'UserPool', userPoolId),
      userPoolClientName: `otklik-${props.stage}`,
      generateSecret: false,
      // The hosted sign-in only: no plain-password API flow for this client.
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${base}${CALLBACK_PATH}`],
        logoutUrls: [`${base}${SIGNED_OUT_PATH}`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: session,
      accessTokenValidity: session,
      // otklik keeps its own session and never refreshes; Cognito wants it no shorter.
      refreshTokenValidity: session,
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(UNITS_ATTRIBUTE),
      // Never `custom:units` nor anything granting access: only administrators set those.
      writeAttributes: new ClientAttributes().withStandardAttributes({
        email: true,
        fullname: true,
      }),
    });
    const { urlSuffix, region } = Stack.of(this);
    this.refs = {
      issuer: `https://cognito-idp.${region}.${urlSuffix}/${userPoolId}`,
      clientId: this.client.userPoolClientId,
      ...claims,
    };
    new CfnOutput(this, 'SignInClientId', { value: this.client.userPoolClientId });
  }
}
