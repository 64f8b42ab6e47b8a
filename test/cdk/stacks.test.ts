import type { Stack } from 'aws-cdk-lib';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '#lib/build-app.ts';
import { InvalidSettingsError } from '#lib/config/settings.ts';
import { functionDefinitions } from '#lib/definitions/functions.ts';
import { routeDefinitions } from '#lib/definitions/routes.ts';
import { scheduleDefinitions } from '#lib/definitions/schedules.ts';
import { workflowDefinitions } from '#lib/definitions/workflows.ts';
import { placeholdersIn } from '#local/stepfunctions/definition-loader.ts';
import { readAslText } from '../helpers/asl.ts';

// No asset bundling here: templates and cdk-nag do not depend on the bundles, and
// `npm run synth` (part of npm test) bundles every function for real.
const noBundling = { 'aws:cdk:bundling-stacks': [] };
const context = { stage: 'dev', senderAddress: 'csi@example.com', ...noBundling };

describe('CDK app', () => {
  let app: App;
  let stateful: Template;
  let stateless: Template;

  beforeAll(() => {
    app = new App({ context });
    const built = buildApp(app);
    stateful = Template.fromStack(built.stateful);
    stateless = Template.fromStack(built.stateless);
  });

  it('passes cdk-nag AwsSolutions with no unacknowledged finding', () => {
    // A fresh app: the templates above come from a synth that may be cached.
    const fresh = new App({ context });
    buildApp(fresh);
    expect(() => fresh.synth()).not.toThrow();
  });

  it('passes cdk-nag also when the account and region are known, as in a deploy', () => {
    const saved = {
      region: process.env.CDK_DEFAULT_REGION,
      account: process.env.CDK_DEFAULT_ACCOUNT,
    };
    process.env.CDK_DEFAULT_REGION = 'eu-central-1';
    process.env.CDK_DEFAULT_ACCOUNT = '123456789012';
    try {
      const deployed = new App({ context });
      buildApp(deployed);
      expect(() => deployed.synth()).not.toThrow();
    } finally {
      if (saved.region === undefined) delete process.env.CDK_DEFAULT_REGION;
      else process.env.CDK_DEFAULT_REGION = saved.region;
      if (saved.account === undefined) delete process.env.CDK_DEFAULT_ACCOUNT;
      else process.env.CDK_DEFAULT_ACCOUNT = saved.account;
    }
  });

  it('fails the synth on an unacknowledged cdk-nag finding', () => {
    // A bucket without access logs or TLS enforcement breaks AwsSolutions-S1/S10.
    const bad = new App({ context });
    const { stateless: stack } = buildApp(bad);
    new Bucket(stack, 'UnloggedBucket');
    expect(() => bad.synth()).toThrow(/AwsSolutions-S1/);
  });

  it('keeps the table: on demand, PITR, deletion protection, TTL, encryption, retained', () => {
    stateful.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        TableName: 'otklik-dev',
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        SSESpecification: { SSEEnabled: true },
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: Match.arrayWith([
          Match.objectLike({ IndexName: 'gsi1' }),
          Match.objectLike({ IndexName: 'gsi2' }),
        ]),
        Replicas: [
          Match.objectLike({
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        ],
      }),
    });
  });

  it('builds every function with the house defaults', () => {
    const functions = stateless.findResources('AWS::Lambda::Function');
    expect(Object.keys(functions)).toHaveLength(functionDefinitions.length);
    for (const resource of Object.values(functions)) {
      expect(resource.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON' },
        Environment: { Variables: { NODE_OPTIONS: '--enable-source-maps', STAGE: 'dev' } },
      });
      expect(resource.Properties.LoggingConfig.LogGroup).toBeDefined();
    }
    stateless.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('gives each state machine its substitutions, logging and tracing', () => {
    for (const workflow of workflowDefinitions) {
      const machines = stateless.findResources('AWS::StepFunctions::StateMachine', {
        Properties: {
          StateMachineName: `otklik-dev-${workflow.file.replace(/^state-machines\/|\.asl\.json$/g, '')}`,
        },
      });
      const [machine] = Object.values(machines);
      expect(machine, workflow.id).toBeDefined();
      expect(Object.keys(machine?.Properties.DefinitionSubstitutions ?? {}).sort()).toEqual(
        placeholdersIn(readAslText(workflow.file)).sort()
      );
      expect(machine?.Properties).toMatchObject({
        StateMachineType: 'STANDARD',
        TracingConfiguration: { Enabled: true },
        LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: true },
      });
    }
  });

  it('builds the HTTP API from the route table, with access logs and throttling', () => {
    for (const route of routeDefinitions) {
      stateless.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: `${route.method} ${route.path}`,
        AuthorizationType: route.auth === 'admin' ? 'JWT' : 'NONE',
      });
    }
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
  });

  it('creates one EventBridge rule per schedule', () => {
    for (const schedule of scheduleDefinitions) {
      stateless.hasResourceProperties('AWS::Events::Rule', {
        ScheduleExpression: schedule.expression,
      });
    }
  });

  it('grants the probe task only the table, never a wildcard action', () => {
    const policies = stateless.findResources('AWS::IAM::Policy');
    for (const policy of Object.values(policies)) {
      for (const statement of policy.Properties.PolicyDocument.Statement) {
        const actions: string[] = [statement.Action].flat();
        expect(actions.some((a) => a === '*' || a.endsWith(':*'))).toBe(false);
      }
    }
  });

  it('keeps the webhook secret in the stateful stack, readable by the webhook functions alone, each its own', () => {
    stateful.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        Name: 'otklik-dev'.replace('otklik-dev', 'otklik/dev/webhook-secret'),
      }),
    });
    const readersOf = (secretName: string) =>
      Object.entries(stateless.findResources('AWS::IAM::Policy'))
        .filter(([, policy]) => {
          const document = JSON.stringify(policy.Properties.PolicyDocument);
          return (
            document.includes('secretsmanager:GetSecretValue') &&
            document.includes(`secret:${secretName}-`)
          );
        })
        .map(([id]) => id);
    expect(readersOf('otklik/dev/webhook-secret')).toEqual([
      expect.stringMatching(/^ReceiveGenericWebhookFunction/),
    ]);
    expect(readersOf('otklik/dev/source-credentials')).toEqual([
      expect.stringMatching(/^ReceiveSourceWebhookFunction/),
    ]);
    stateful.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'otklik/dev/source-credentials',
    });
    stateless.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          WEBHOOK_SECRET_ID: 'otklik/dev/webhook-secret',
          CSI_SETTINGS: Match.stringLikeRegexp('"sendDelay":"PT10M"'),
        }),
      },
    });
  });

  it('lets only the functions that answer a workflow send it task results', () => {
    const answerers = Object.entries(stateless.findResources('AWS::IAM::Policy'))
      .filter(([, policy]) =>
        JSON.stringify(policy.Properties.PolicyDocument).includes('states:SendTaskSuccess')
      )
      .map(([id]) => id.replace(/FunctionServiceRoleDefaultPolicy.*$/, ''))
      .sort();
    expect(answerers).toEqual(
      functionDefinitions
        .filter((f) => 'workflows' in f && 'answer' in f.workflows)
        .map((f) => f.id)
        .sort()
    );
  });

  it('lets the reconcile pass read only the executions of the two loop workflows', () => {
    const [policy] = Object.values(
      stateless.findResources('AWS::IAM::Policy', {
        Properties: {
          PolicyDocument: {
            Statement: Match.arrayWith([Match.objectLike({ Action: 'states:DescribeExecution' })]),
          },
        },
      })
    );
    const statement = policy?.Properties.PolicyDocument.Statement.find(
      (s: { Action: unknown }) => s.Action === 'states:DescribeExecution'
    );
    expect(JSON.stringify(statement.Resource)).toContain(':execution:otklik-dev-csi-survey:*');
    expect(JSON.stringify(statement.Resource)).toContain(':execution:otklik-dev-follow-up-case:*');
  });

  it('rejects invalid settings at synth, naming them', () => {
    expect(() =>
      buildApp(
        new App({ context: { stage: 'dev', csiSettings: { sendDelay: 'P1M' }, ...noBundling } })
      )
    ).toThrow(/csiSettings/);
    expect(() => buildApp(new App({ context: { stage: 'qa', ...noBundling } }))).toThrow(
      InvalidSettingsError
    );
    expect(() =>
      buildApp(new App({ context: { stage: 'dev', senderAddress: 'not-an-email', ...noBundling } }))
    ).toThrow(/senderAddress/);
  });

  it('names stacks after the stage', () => {
    const stacks = new App({ context: { stage: 'prod', ...noBundling } });
    const built = buildApp(stacks);
    expect([built.stateful, built.stateless].map((s: Stack) => s.stackName)).toEqual([
      'otklik-prod-stateful',
      'otklik-prod-app',
    ]);
    expect(built.stateful.terminationProtection).toBe(true);
  });
});
