import type { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidSettingsError } from '#lib/config/settings.ts';
import { AppSignIn } from '#lib/constructs/app-sign-in.ts';
import { routeDefinitions } from '#lib/definitions/index.ts';
import { appFor, devContext, noBundling } from './synth.ts';

/*
 * Sign-in on AWS (docs/sign-in-aws.md): the Cognito user pool of the stateful stack and its
 * app client, or an external issuer and no pool; the Lambda authorizer on every admin route
 * of the route table and on no public one; no static admin token anywhere. Expected values
 * are written out by hand, as in stacks.test.ts.
 */
const AUTHORIZER_FUNCTION = 'AuthorizeRequestFunction213023E3';
const COGNITO_TYPES = [
  'AWS::Cognito::UserPool',
  'AWS::Cognito::UserPoolClient',
  'AWS::Cognito::UserPoolDomain',
  'AWS::Cognito::UserPoolGroup',
];
const EXTERNAL = {
  issuer: 'https://sso.example.com/realms/ssc',
  clientId: 'otklik-console',
  rolesClaim: 'otklik_roles',
  unitsClaim: 'otklik_units',
};

const signInOf = (stack: Stack): AppSignIn => {
  const found = stack.node.tryFindChild('SignIn');
  if (!(found instanceof AppSignIn)) throw new Error('no AppSignIn in the app stack');
  return found;
};

const builtWith = (context: Record<string, unknown>) => {
  const built = appFor(context);
  return {
    ...built,
    statefulTemplate: Template.fromStack(built.stateful),
    statelessTemplate: Template.fromStack(built.stateless),
  };
};

describe('Sign-in on AWS: the Cognito user pool (default)', () => {
  let built: ReturnType<typeof builtWith>;

  beforeAll(() => {
    built = builtWith({ ...devContext, publicBaseUrl: 'https://feedback.example.com' });
  });

  it('creates one pool in the stateful stack: invitation only, e-mail as username, retained', () => {
    const { statefulTemplate, statelessTemplate } = built;
    statefulTemplate.resourceCountIs('AWS::Cognito::UserPool', 1);
    statelessTemplate.resourceCountIs('AWS::Cognito::UserPool', 0);
    statefulTemplate.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        UserPoolName: 'otklik-dev',
        AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
        UsernameAttributes: ['email'],
        UsernameConfiguration: { CaseSensitive: false },
        // Deletion protection outside dev only (see below for prod).
        DeletionProtection: 'INACTIVE',
      }),
    });
  });

  it('asks for a strong password, offers TOTP, and blocks risky sign-ins (Plus plan)', () => {
    built.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          TemporaryPasswordValidityDays: 3,
        },
      },
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
  });

  it('has the mutable custom attribute `units` beside e-mail and name', () => {
    built.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: [
        { Mutable: true, Name: 'email', Required: true },
        { Mutable: true, Name: 'name', Required: false },
        {
          AttributeDataType: 'String',
          Mutable: true,
          Name: 'units',
          StringAttributeConstraints: { MinLength: '0', MaxLength: '2048' },
        },
      ],
    });
  });

  it('has one group per role, named after the role id', () => {
    const groups = Object.values(
      built.statefulTemplate.findResources('AWS::Cognito::UserPoolGroup')
    ).map((group): unknown => group.Properties.GroupName);
    expect(groups.sort()).toEqual(['admin', 'case-owner', 'quality-manager', 'unit-viewer']);
  });

  it('has the hosted sign-in domain otklik-<stage>, or the prefix in context', () => {
    built.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'otklik-dev',
    });
    const named = builtWith({ ...devContext, oidc: { domainPrefix: 'ssc-feedback-dev' } });
    named.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'ssc-feedback-dev',
    });
  });

  it('leaves the pool id to the app stack in an SSM parameter, not an export', () => {
    const { statefulTemplate, statelessTemplate } = built;
    const [poolId] = Object.keys(statefulTemplate.findResources('AWS::Cognito::UserPool'));
    statefulTemplate.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/otklik/dev/sign-in/user-pool-id',
      Value: { Ref: poolId },
    });
    const outputs: { Export?: unknown }[] = Object.values(statefulTemplate.toJSON().Outputs ?? {});
    expect(outputs.filter((output) => output.Export !== undefined)).toEqual([]);
    expect(JSON.stringify(statelessTemplate.toJSON())).not.toContain('Fn::ImportValue');
    const parameters = Object.values(statelessTemplate.toJSON().Parameters ?? {});
    expect(parameters).toContainEqual({
      Type: 'AWS::SSM::Parameter::Value<String>',
      Default: '/otklik/dev/sign-in/user-pool-id',
    });
  });

  it('builds a public app client: code flow (PKCE by the app), no secret, the redirect URLs', () => {
    const clients = Object.values(
      built.statelessTemplate.findResources('AWS::Cognito::UserPoolClient')
    );
    expect(clients).toHaveLength(1);
    expect(clients[0]?.Properties).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      CallbackURLs: ['https://feedback.example.com/auth/callback'],
      LogoutURLs: ['https://feedback.example.com/auth/signed-out'],
      SupportedIdentityProviders: ['COGNITO'],
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
      // A session's eight hours, in minutes.
      IdTokenValidity: 480,
      AccessTokenValidity: 480,
      TokenValidityUnits: { IdToken: 'minutes', AccessToken: 'minutes' },
    });
  });

  it('puts custom:units in ID tokens, and lets no client write it', () => {
    const [client] = Object.values(
      built.statelessTemplate.findResources('AWS::Cognito::UserPoolClient')
    );
    expect(client?.Properties.ReadAttributes).toContain('custom:units');
    expect(client?.Properties.WriteAttributes).toEqual(['email', 'name']);
  });

  it('redirects to the API URL when no public base URL is set, and follows sessionHours', () => {
    const { statelessTemplate } = builtWith({ ...devContext, oidc: { sessionHours: 10 } });
    statelessTemplate.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: [
        {
          'Fn::Join': [
            '',
            [
              { 'Fn::GetAtt': [Match.stringLikeRegexp('^HttpApi'), 'ApiEndpoint'] },
              '/auth/callback',
            ],
          ],
        },
      ],
      IdTokenValidity: 600,
      AccessTokenValidity: 600,
    });
  });

  it("gives the functions the pool's issuer, the client id and the default claim names", () => {
    const stack = built.stateless;
    const { refs, client } = signInOf(stack);
    expect(client).toBeDefined();
    expect({
      ...refs,
      issuer: stack.resolve(refs.issuer),
      clientId: stack.resolve(refs.clientId),
    }).toEqual({
      issuer: {
        'Fn::Join': [
          '',
          [
            'https://cognito-idp.',
            { Ref: 'AWS::Region' },
            '.',
            { Ref: 'AWS::URLSuffix' },
            '/',
            { Ref: expect.stringMatching(/^SsmParameterValueotklikdevsigninuserpoolid/) },
          ],
        ],
      },
      clientId: { Ref: expect.stringMatching(/^SignInClient/) },
      rolesClaim: 'cognito:groups',
      unitsClaim: 'custom:units',
      sessionHours: 8,
    });
  });

  it('protects the pool from deletion in prod, cdk-nag clean there too', () => {
    const prod = builtWith({ stage: 'prod', ...noBundling });
    prod.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPool', {
      DeletionProtection: 'ACTIVE',
      UserPoolName: 'otklik-prod',
    });
    expect(() => appFor({ stage: 'prod', ...noBundling }).app.synth()).not.toThrow();
  });
});

describe('Sign-in on AWS: an external issuer', () => {
  it('passes cdk-nag as the Cognito default does (stacks.test.ts)', () => {
    const { app } = appFor({ ...devContext, oidc: EXTERNAL });
    expect(() => app.synth()).not.toThrow();
  });

  it('creates no user pool, client, domain, group or parameter', () => {
    const { statefulTemplate, statelessTemplate } = builtWith({ ...devContext, oidc: EXTERNAL });
    for (const type of [...COGNITO_TYPES, 'AWS::SSM::Parameter']) {
      statefulTemplate.resourceCountIs(type, 0);
      statelessTemplate.resourceCountIs(type, 0);
    }
  });

  it('gives the functions the issuer, client id and claim names configured', () => {
    const { stateless } = builtWith({ ...devContext, oidc: { ...EXTERNAL, sessionHours: '12' } });
    const { refs, client } = signInOf(stateless);
    expect(client).toBeUndefined();
    expect(refs).toEqual({ ...EXTERNAL, sessionHours: 12 });
  });

  it('takes the block as a JSON string too, as `-c oidc=…` gives it', () => {
    const { stateless } = builtWith({ ...devContext, oidc: JSON.stringify(EXTERNAL) });
    expect(signInOf(stateless).refs.issuer).toBe(EXTERNAL.issuer);
  });

  it('refuses, at synth, an issuer without a client id and a plain-http issuer', () => {
    const withoutClient = () => appFor({ ...devContext, oidc: { issuer: EXTERNAL.issuer } });
    expect(withoutClient).toThrow(InvalidSettingsError);
    expect(withoutClient).toThrow(/oidc\.clientId/);
    expect(() =>
      appFor({ ...devContext, oidc: { ...EXTERNAL, issuer: 'http://sso.example.com/realms/ssc' } })
    ).toThrow(/oidc\.issuer/);
  });
});

describe('Sign-in on AWS: the Lambda authorizer', () => {
  let template: Template;

  beforeAll(() => {
    template = builtWith(devContext).statelessTemplate;
  });

  const authorizerLogicalId = () => {
    const ids = Object.keys(template.findResources('AWS::ApiGatewayV2::Authorizer'));
    expect(ids).toHaveLength(1);
    const [id] = ids;
    if (id === undefined) throw new Error('no authorizer');
    return id;
  };

  it('is one REQUEST authorizer on AuthorizeRequest: payload 2.0, simple responses, no identity source, no cache', () => {
    const authorizer = template.toJSON().Resources[authorizerLogicalId()];
    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: 'REQUEST',
      Name: 'AuthorizeRequest',
      AuthorizerPayloadFormatVersion: '2.0',
      EnableSimpleResponses: true,
      IdentitySource: [],
      AuthorizerResultTtlInSeconds: 0,
    });
    expect(JSON.stringify(authorizer.Properties.AuthorizerUri)).toContain(
      `"Fn::GetAtt":["${AUTHORIZER_FUNCTION}","Arn"]`
    );
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
  });

  it('may be invoked by API Gateway, for this API’s authorizer only', () => {
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [AUTHORIZER_FUNCTION, 'Arn'] },
      Principal: 'apigateway.amazonaws.com',
      SourceArn: Match.objectLike({
        'Fn::Join': ['', Match.arrayWith([`/authorizers/`, { Ref: authorizerLogicalId() }])],
      }),
    });
  });

  it('guards every admin route of the route table, and no public one', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route'));
    const byKey = new Map(routes.map((route) => [route.Properties.RouteKey, route.Properties]));
    expect([...byKey.keys()].sort()).toEqual(
      routeDefinitions.map((route) => `${route.method} ${route.path}`).sort()
    );
    const admin = routeDefinitions.filter((route) => route.auth === 'admin');
    expect(admin.length).toBeGreaterThan(0);
    for (const route of routeDefinitions) {
      const key = `${route.method} ${route.path}`;
      const deployed = byKey.get(key);
      if (route.auth === 'admin') {
        expect(deployed, key).toMatchObject({
          AuthorizationType: 'CUSTOM',
          AuthorizerId: { Ref: authorizerLogicalId() },
        });
      } else {
        expect(deployed?.AuthorizationType, key).toBe('NONE');
        expect(deployed, key).not.toHaveProperty('AuthorizerId');
      }
    }
  });

  it('holds only what its definition declares: reading the table, and tracing', () => {
    const policies = Object.entries(template.findResources('AWS::IAM::Policy')).filter(([id]) =>
      id.startsWith('AuthorizeRequestFunctionServiceRoleDefaultPolicy')
    );
    expect(policies).toHaveLength(1);
    const statements = policies.flatMap(([, policy]) => {
      const own: { Action: string | string[] }[] = policy.Properties.PolicyDocument.Statement;
      return own;
    });
    const actions = statements.flatMap((statement) => [statement.Action].flat()).sort();
    expect(actions).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:ConditionCheckItem',
      'dynamodb:DescribeTable',
      'dynamodb:GetItem',
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
      'dynamodb:Query',
      'dynamodb:Scan',
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
  });
});

describe('Sign-in on AWS: no static admin token', () => {
  it('sets no function a token variable, and neither template names the local one', () => {
    for (const context of [devContext, { ...devContext, oidc: EXTERNAL }]) {
      const { statefulTemplate, statelessTemplate } = builtWith(context);
      const functions = Object.values(statelessTemplate.findResources('AWS::Lambda::Function'));
      expect(functions.length).toBeGreaterThan(0);
      for (const fn of functions) {
        const names = Object.keys(fn.Properties.Environment?.Variables ?? {});
        expect(names.filter((name) => /TOKEN|ADMIN/i.test(name))).toEqual([]);
      }
      for (const template of [statefulTemplate, statelessTemplate])
        expect(JSON.stringify(template.toJSON())).not.toMatch(/ADMIN_TOKEN|adminToken/i);
    }
  });
});
