import type { Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidSettingsError } from '#lib/config/settings.ts';
import { placeholdersIn } from '#local/stepfunctions/definition-loader.ts';
import { readAslText } from '../helpers/asl.ts';
import { SURVEY_WORK_LIST_ATTRIBUTES } from '#lib/config/table-schema.ts';
import {
  appFor,
  devContext,
  holdersOf,
  logicalIdsOf,
  noBundling,
  templatesFor,
  withProcessEnv,
} from './synth.ts';

/*
 * Every expectation here is written out by hand, not derived from lib/definitions: a wrong
 * definition (a lost grant, a function too many) must fail this suite, not move it along.
 * Logical ids are pinned too: a change replaces the resource on deploy (and fails for the
 * named ones, the state machines and their log groups).
 */
const FUNCTIONS = [
  'AddCaseNoteFunction256777C5',
  'AddUnitAliasFunction8F5C1C74',
  'AssignFollowUpFunction6277AF46',
  'AuthorizeRequestFunction213023E3',
  'AwaitFollowUpResolutionFunction14A1BE0E',
  'AwaitProbeAnswerFunction002847F1',
  'CloseSurveyFunction2980DE76',
  'CompleteSignInFunctionE4066E24',
  'ConfirmOptOutFunction6E8CEFA9',
  'CreateBusinessUnitFunction6A36500B',
  'DeactivateBusinessUnitFunction0E5453D9',
  'EscalateFollowUpFunction51FAA7C3',
  'GetBusinessUnitFunctionC05E893A',
  'GetCsiMetricsFunction91EEF217',
  'GetFollowUpFunction86D0A6B5',
  'GetHealthFunctionC996BB7D',
  'GetOpenApiFunction08A2AC3F',
  'ListAuditRecordsFunction3CD55BBE',
  'ListBusinessUnitsFunction9BE17732',
  'ListFollowUpsFunction7FA8D6F2',
  'ListSurveysFunctionAC035B8F',
  'ListUnassignedUnitsFunctionE98B2FED',
  'MailInvitationFunction2A55DC26',
  'MailReminderFunctionAE55851A',
  'NotifyFollowUpOwnerFunctionC216C312',
  'ReassignCasePageFunction82A585B2',
  'ReceiveGenericWebhookFunction6CD333FB',
  'ReceiveSourceWebhookFunctionF015DD73',
  'ReconcileWorkflowsFunction0E732C72',
  'RecordMailReceiptFunctionFFC7FAD2',
  'RemoveUnitAliasFunctionE618DF6C',
  'ResolveFollowUpFunction9366E843',
  'SelfCheckFunctionFC421730',
  'SendClosingEmailFunctionDA0B1A29',
  'ShowCasePageFunctionC0286C0E',
  'ShowConsoleFunction39C57F59',
  'ShowCsiByUnitFunction228C47EA',
  'ShowOptOutPageFunction7AEB0DA1',
  'ShowRatingPageFunction85984A15',
  'ShowSignedOutFunction278F974B',
  'SignOutFunctionAB92EDC3',
  'StartSignInFunctionCF572431',
  'SubmitCasePageFunction98D58A01',
  'SubmitRatingFunctionDDCACE10',
  'UpdateBusinessUnitFunctionC363D4AA',
];
const STATE_MACHINES = {
  CallbackProbeStateMachine7DD72F43: 'state-machines/callback-probe.asl.json',
  CsiSurveyStateMachine3868624D: 'state-machines/csi-survey.asl.json',
  FollowUpCaseStateMachineC8127C71: 'state-machines/follow-up-case.asl.json',
};
const WORKFLOW_LOG_GROUPS = {
  CallbackProbeLogs08295CDB: '/aws/vendedlogs/states/otklik-dev-callback-probe',
  CsiSurveyLogs680FF974: '/aws/vendedlogs/states/otklik-dev-csi-survey',
  FollowUpCaseLogs8A2B0BD3: '/aws/vendedlogs/states/otklik-dev-follow-up-case',
};
/** The functions with read-only table access; every other function and CallbackProbe write. */
// GetFollowUp and ListFollowUps write their audit records (docs/access.md).
const TABLE_READERS_ONLY = [
  // The sessions (test/cdk/sign-in.test.ts checks it holds nothing else).
  'AuthorizeRequest',
  'GetBusinessUnit',
  'GetCsiMetrics',
  'GetHealth',
  'ListAuditRecords',
  'ListBusinessUnits',
  'ListSurveys',
  'ListUnassignedUnits',
  'SelfCheck',
  'ShowCasePage',
  'ShowCsiByUnit',
  'ShowOptOutPage',
];
const MAIL_SENDERS = [
  'AssignFollowUp',
  'EscalateFollowUp',
  'MailInvitation',
  'MailReminder',
  'NotifyFollowUpOwner',
  'ReassignCasePage',
  'SendClosingEmail',
];
const ANSWERERS = {
  'otklik-dev-csi-survey': [
    'MailInvitation',
    'MailReminder',
    'ReceiveGenericWebhook',
    'ReceiveSourceWebhook',
    'SubmitRating',
  ],
  'otklik-dev-follow-up-case': ['AwaitFollowUpResolution', 'ResolveFollowUp', 'SubmitCasePage'],
};
const STARTERS = {
  // Scheduler: the role EventBridge Scheduler starts a survey's workflow as, at its sendAt.
  'otklik-dev-csi-survey': [
    'ReceiveGenericWebhook',
    'ReceiveSourceWebhook',
    'ReconcileWorkflows',
    'Scheduler',
  ],
  // CloseSurvey and MailReminder: the case of an inferred low score (rating.inferredFollowUp).
  'otklik-dev-follow-up-case': [
    'CloseSurvey',
    'MailReminder',
    'ReconcileWorkflows',
    'SubmitRating',
  ],
};
const INVOKED_BY = {
  CallbackProbe: ['AwaitProbeAnswerFunction002847F1'],
  CsiSurvey: [
    'CloseSurveyFunction2980DE76',
    'MailInvitationFunction2A55DC26',
    'MailReminderFunctionAE55851A',
  ],
  FollowUpCase: [
    'AwaitFollowUpResolutionFunction14A1BE0E',
    'EscalateFollowUpFunction51FAA7C3',
    'NotifyFollowUpOwnerFunctionC216C312',
    'SendClosingEmailFunctionDA0B1A29',
  ],
};
const ROUTES = {
  'GET /health': ['NONE', 'GetHealthFunctionC996BB7D'],
  'GET /openapi.json': ['NONE', 'GetOpenApiFunction08A2AC3F'],
  'POST /v1/webhooks/generic': ['NONE', 'ReceiveGenericWebhookFunction6CD333FB'],
  'POST /v1/webhooks/{source}': ['NONE', 'ReceiveSourceWebhookFunctionF015DD73'],
  'GET /r/{token}': ['NONE', 'ShowRatingPageFunction85984A15'],
  'HEAD /r/{token}': ['NONE', 'ShowRatingPageFunction85984A15'],
  'POST /r/{token}': ['NONE', 'SubmitRatingFunctionDDCACE10'],
  'GET /u/{token}': ['NONE', 'ShowOptOutPageFunction7AEB0DA1'],
  'POST /u/{token}': ['NONE', 'ConfirmOptOutFunction6E8CEFA9'],
  'GET /f/{token}': ['NONE', 'ShowCasePageFunctionC0286C0E'],
  'POST /f/{token}': ['NONE', 'SubmitCasePageFunction98D58A01'],
  'POST /f/{token}/note': ['NONE', 'AddCaseNoteFunction256777C5'],
  'POST /f/{token}/assign': ['NONE', 'ReassignCasePageFunction82A585B2'],
  'GET /v1/surveys': ['CUSTOM', 'ListSurveysFunctionAC035B8F'],
  'GET /v1/metrics/csi': ['CUSTOM', 'GetCsiMetricsFunction91EEF217'],
  'GET /v1/follow-ups': ['CUSTOM', 'ListFollowUpsFunction7FA8D6F2'],
  'GET /v1/follow-ups/{id}': ['CUSTOM', 'GetFollowUpFunction86D0A6B5'],
  'POST /v1/follow-ups/{id}/assign': ['CUSTOM', 'AssignFollowUpFunction6277AF46'],
  'POST /v1/follow-ups/{id}/resolve': ['CUSTOM', 'ResolveFollowUpFunction9366E843'],
  'GET /v1/audit': ['CUSTOM', 'ListAuditRecordsFunction3CD55BBE'],
  'GET /auth/sign-in': ['NONE', 'StartSignInFunctionCF572431'],
  'GET /auth/callback': ['NONE', 'CompleteSignInFunctionE4066E24'],
  'POST /auth/sign-out': ['NONE', 'SignOutFunctionAB92EDC3'],
  'GET /auth/signed-out': ['NONE', 'ShowSignedOutFunction278F974B'],
  'GET /console': ['CUSTOM', 'ShowConsoleFunction39C57F59'],
  'GET /console/csi': ['CUSTOM', 'ShowCsiByUnitFunction228C47EA'],
  'GET /v1/business-units': ['CUSTOM', 'ListBusinessUnitsFunction9BE17732'],
  'GET /v1/business-units/unassigned': ['CUSTOM', 'ListUnassignedUnitsFunctionE98B2FED'],
  'GET /v1/business-units/{id}': ['CUSTOM', 'GetBusinessUnitFunctionC05E893A'],
  'POST /v1/business-units': ['CUSTOM', 'CreateBusinessUnitFunction6A36500B'],
  'PATCH /v1/business-units/{id}': ['CUSTOM', 'UpdateBusinessUnitFunctionC363D4AA'],
  'POST /v1/business-units/{id}/deactivate': ['CUSTOM', 'DeactivateBusinessUnitFunction0E5453D9'],
  'POST /v1/business-units/{id}/aliases': ['CUSTOM', 'AddUnitAliasFunction8F5C1C74'],
  'DELETE /v1/business-units/{id}/aliases/{source}/{value}': [
    'CUSTOM',
    'RemoveUnitAliasFunctionE618DF6C',
  ],
};
const SCHEDULES = {
  SelfCheckScheduleA124D219: ['rate(15 minutes)', 'SelfCheckFunctionFC421730'],
  CsiReconcileScheduleDAB6E0A6: ['rate(10 minutes)', 'ReconcileWorkflowsFunction0E732C72'],
};
const functionIdsOf = (logicalIds: readonly string[]) =>
  logicalIds.map((id) => id.replace(/Function[0-9A-F]{8}$/, ''));

describe('CDK app', () => {
  let stateful: Template;
  let stateless: Template;

  beforeAll(() => {
    ({ stateful, stateless } = templatesFor());
  });

  describe('cdk-nag', () => {
    it('passes AwsSolutions with no unacknowledged finding', () => {
      // A fresh app: the templates above come from a synth that may be cached.
      const { app } = appFor();
      expect(() => app.synth()).not.toThrow();
    });

    it('passes also when the account and region are known, as in a deploy', () => {
      withProcessEnv(
        { CDK_DEFAULT_REGION: 'eu-central-1', CDK_DEFAULT_ACCOUNT: '123456789012' },
        () => {
          const { app } = appFor();
          expect(() => app.synth()).not.toThrow();
        }
      );
    });

    it('fails the synth on an unacknowledged finding', () => {
      // A bucket without access logs or TLS enforcement breaks AwsSolutions-S1/S10.
      const { app, stateless: stack } = appFor();
      new Bucket(stack, 'UnloggedBucket');
      expect(() => app.synth()).toThrow(/AwsSolutions-S1/);
    });
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
        // Only what the queries read (issue 8): an update moving no index key writes no index.
        GlobalSecondaryIndexes: Match.arrayWith([
          Match.objectLike({ IndexName: 'gsi1', Projection: { ProjectionType: 'KEYS_ONLY' } }),
          Match.objectLike({
            IndexName: 'gsi2',
            Projection: {
              ProjectionType: 'INCLUDE',
              NonKeyAttributes: [...SURVEY_WORK_LIST_ATTRIBUTES],
            },
          }),
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

  describe('functions', () => {
    it('builds exactly the catalogue, under the logical ids it has always had', () => {
      expect(logicalIdsOf(stateless, 'AWS::Lambda::Function')).toEqual(FUNCTIONS);
    });

    it('builds every function with the house defaults', () => {
      for (const resource of Object.values(stateless.findResources('AWS::Lambda::Function'))) {
        expect(resource.Properties).toMatchObject({
          Runtime: 'nodejs24.x',
          Architectures: ['arm64'],
          TracingConfig: { Mode: 'Active' },
          LoggingConfig: { LogFormat: 'JSON' },
          Environment: { Variables: { STAGE: 'dev' } },
        });
        expect(resource.Properties.LoggingConfig.LogGroup).toBeDefined();
      }
      stateless.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    });

    it('sets each function the variables of its access, and no others', () => {
      const variablesOf = (logicalId: string) =>
        Object.keys(
          stateless.toJSON().Resources[logicalId].Properties.Environment.Variables
        ).sort();
      const base = [
        'POWERTOOLS_METRICS_NAMESPACE',
        'POWERTOOLS_SERVICE_NAME',
        'STAGE',
        'TABLE_NAME',
      ];
      const mail = ['CONFIGURATION_SET_NAME', 'SENDER_ADDRESS'];
      expect(variablesOf('AwaitProbeAnswerFunction002847F1')).toEqual(base.sort());
      // The authorizer reads sessions and checks tokens against the issuer; no admin token,
      // nor any other secret, reaches it (PUBLIC_BASE_URL names its cookie: __Host- on https).
      const oidc = [
        'OIDC_AUDIENCE',
        'OIDC_CLIENT_ID',
        'OIDC_ISSUER',
        'OIDC_ROLES_CLAIM',
        'OIDC_UNITS_CLAIM',
        'SESSION_HOURS',
      ];
      expect(variablesOf('AuthorizeRequestFunction213023E3')).toEqual(
        [...base, ...oidc, 'PUBLIC_BASE_URL'].sort()
      );
      // The case page shows the case and mails nobody: no sender, no link origin.
      expect(variablesOf('ShowCasePageFunctionC0286C0E')).toEqual(
        [...base, 'SETTINGS_SOURCE'].sort()
      );
      expect(variablesOf('NotifyFollowUpOwnerFunctionC216C312')).toEqual(
        [...base, ...mail, 'PUBLIC_BASE_URL', 'SETTINGS_SOURCE'].sort()
      );
      expect(variablesOf('ReceiveGenericWebhookFunction6CD333FB')).toEqual(
        [
          ...base,
          'CSI_SURVEY_STATE_MACHINE_ARN',
          'SCHEDULER_ROLE_ARN',
          'SCHEDULE_GROUP_NAME',
          'SETTINGS_SOURCE',
          'WEBHOOK_SECRET_ID',
        ].sort()
      );
      // Answering a workflow needs no ARN: the task token names its execution. The settings
      // carry the mail's branding and the reminder's delay.
      // The case of an inferred low score, when configured (rating.inferredFollowUp).
      expect(variablesOf('MailReminderFunctionAE55851A')).toEqual(
        [
          ...base,
          ...mail,
          'FOLLOW_UP_CASE_STATE_MACHINE_ARN',
          'PUBLIC_BASE_URL',
          'SETTINGS_SOURCE',
        ].sort()
      );
      // The closing mail links nowhere; it carries the branding's signature and contact line.
      expect(variablesOf('SendClosingEmailFunctionDA0B1A29')).toEqual(
        [...base, ...mail, 'SETTINGS_SOURCE'].sort()
      );
      expect(variablesOf('RecordMailReceiptFunctionFFC7FAD2')).toEqual(base.sort());
      expect(variablesOf('GetHealthFunctionC996BB7D')).toEqual(
        [
          ...base,
          'CALLBACK_PROBE_STATE_MACHINE_ARN',
          'CSI_SURVEY_STATE_MACHINE_ARN',
          'FOLLOW_UP_CASE_STATE_MACHINE_ARN',
          'SOURCE_CREDENTIALS_ID',
        ].sort()
      );
    });
  });

  describe('settings (AppConfig)', () => {
    const SETTINGS_READERS = [
      'AddCaseNote',
      'AddUnitAlias',
      'AssignFollowUp',
      'CloseSurvey',
      'ConfirmOptOut',
      'CreateBusinessUnit',
      'DeactivateBusinessUnit',
      'EscalateFollowUp',
      'GetCsiMetrics',
      'GetFollowUp',
      'ListFollowUps',
      'MailInvitation',
      'MailReminder',
      'NotifyFollowUpOwner',
      'ReassignCasePage',
      'ReceiveGenericWebhook',
      'ReceiveSourceWebhook',
      'ReconcileWorkflows',
      'RemoveUnitAlias',
      'ResolveFollowUp',
      'SendClosingEmail',
      'ShowCasePage',
      'ShowCsiByUnit',
      'ShowOptOutPage',
      'ShowRatingPage',
      'SubmitCasePage',
      'SubmitRating',
      'UpdateBusinessUnit',
    ];

    it('builds the application, the stage environment, a hosted profile and an all-at-once strategy', () => {
      stateless.hasResourceProperties('AWS::AppConfig::Application', { Name: 'otklik-dev' });
      stateless.hasResourceProperties('AWS::AppConfig::Environment', { Name: 'dev' });
      stateless.hasResourceProperties('AWS::AppConfig::ConfigurationProfile', {
        Name: 'csi-settings',
        LocationUri: 'hosted',
      });
      stateless.hasResourceProperties('AWS::AppConfig::DeploymentStrategy', {
        DeploymentDurationInMinutes: 0,
        FinalBakeTimeInMinutes: 0,
        GrowthFactor: 100,
        ReplicateTo: 'NONE',
      });
      stateless.resourceCountIs('AWS::AppConfig::Deployment', 1);
    });

    it('makes the first version from the csiSettings context, deployed to the environment', () => {
      const versions = Object.values(
        stateless.findResources('AWS::AppConfig::HostedConfigurationVersion')
      );
      expect(versions).toHaveLength(1);
      const content = JSON.parse(String(versions[0]?.Properties.Content)) as Record<
        string,
        unknown
      >;
      expect(content).toMatchObject({ sendDelay: 'PT10M', followUpThreshold: 5 });
      expect(versions[0]?.Properties.ContentType).toBe('application/json');
    });

    it('refuses a bad version with a JSON Schema validator made from the zod schema', () => {
      const [profile] = Object.values(
        stateless.findResources('AWS::AppConfig::ConfigurationProfile')
      );
      const validators = profile?.Properties.Validators as { Type: string; Content: string }[];
      expect(validators.map((v) => v.Type)).toEqual(['JSON_SCHEMA']);
      const schema = JSON.parse(validators[0]?.Content ?? '{}') as {
        $schema: string;
        properties: Record<string, { type?: string; maximum?: number }>;
      };
      expect(schema.$schema).toBe('http://json-schema.org/draft-04/schema#');
      expect(schema.properties.followUpThreshold).toMatchObject({ type: 'integer', maximum: 6 });
      // AppConfig takes a validator of up to 32 KiB.
      expect(validators[0]?.Content.length).toBeLessThan(32_768);
    });

    it('lets exactly the functions that declare settings read that one profile, and names it in SETTINGS_SOURCE', () => {
      expect(holdersOf(stateless, 'appconfig:GetLatestConfiguration')).toEqual(SETTINGS_READERS);
      expect(holdersOf(stateless, 'appconfig:StartConfigurationSession')).toEqual(SETTINGS_READERS);
      const policies = Object.values(stateless.findResources('AWS::IAM::Policy'));
      const resources = policies.flatMap((policy) =>
        (policy.Properties.PolicyDocument.Statement as { Action: unknown; Resource: unknown }[])
          .filter((s) => [s.Action].flat().includes('appconfig:GetLatestConfiguration'))
          .map((s) => JSON.stringify(s.Resource))
      );
      for (const resource of resources) {
        expect(resource).toContain('/environment/');
        expect(resource).toContain('/configuration/');
        expect(resource).not.toContain('*');
      }
      stateless.hasResourceProperties('AWS::Lambda::Function', {
        Environment: {
          Variables: Match.objectLike({
            SETTINGS_SOURCE: {
              'Fn::Join': [
                '',
                [
                  'appconfig:',
                  { Ref: Match.stringLikeRegexp('^SettingsApplication') },
                  '/',
                  { Ref: Match.stringLikeRegexp('^SettingsApplicationEnvironment') },
                  '/',
                  { Ref: Match.stringLikeRegexp('^SettingsConfigurationProfile') },
                ],
              ],
            },
          }),
        },
      });
    });
  });

  describe('state machines', () => {
    it('builds the three workflows under their logical ids, names and log groups', () => {
      expect(logicalIdsOf(stateless, 'AWS::StepFunctions::StateMachine')).toEqual(
        Object.keys(STATE_MACHINES).sort()
      );
      for (const [logicalId, name] of Object.entries(WORKFLOW_LOG_GROUPS)) {
        expect(stateless.toJSON().Resources[logicalId].Properties.LogGroupName).toBe(name);
      }
    });

    it('gives each its substitutions (every placeholder of its file), logging and tracing', () => {
      for (const [logicalId, file] of Object.entries(STATE_MACHINES)) {
        const machine = stateless.toJSON().Resources[logicalId];
        expect(Object.keys(machine.Properties.DefinitionSubstitutions ?? {}).sort()).toEqual(
          placeholdersIn(readAslText(file)).sort()
        );
        expect(machine.Properties).toMatchObject({
          StateMachineName: `otklik-dev-${file.replace(/^state-machines\/|\.asl\.json$/g, '')}`,
          StateMachineType: 'STANDARD',
          TracingConfiguration: { Enabled: true },
          LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: true },
        });
      }
    });

    it('lets each invoke only its own task functions', () => {
      for (const fn of FUNCTIONS) {
        const owner = Object.entries(INVOKED_BY).find(([, fns]) => fns.includes(fn))?.[0];
        expect(holdersOf(stateless, 'lambda:InvokeFunction', fn), fn).toEqual(owner ? [owner] : []);
      }
    });
  });

  describe('SES events', () => {
    it('sends the Send events of the configuration set to the default bus, and nothing else', () => {
      stateless.resourceCountIs('AWS::SES::ConfigurationSetEventDestination', 1);
      stateless.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
        ConfigurationSetName: 'otklik-dev',
        EventDestination: {
          Enabled: true,
          MatchingEventTypes: ['send'],
          EventBridgeDestination: {
            EventBusArn: Match.objectLike({
              'Fn::Join': ['', Match.arrayWith([':event-bus/default'])],
            }),
          },
        },
      });
    });

    it('invokes RecordMailReceipt with exactly those events, through one rule', () => {
      const rules = Object.entries(stateless.findResources('AWS::Events::Rule')).filter(
        ([, rule]) => rule.Properties.EventPattern !== undefined
      );
      expect(rules.map(([id]) => id)).toEqual(['RecordMailReceiptSesEvents102DA7DE']);
      expect(rules[0]?.[1].Properties).toMatchObject({
        EventPattern: {
          source: ['aws.ses'],
          detail: {
            eventType: ['Send'],
            mail: { tags: { 'ses:configuration-set': ['otklik-dev'] } },
          },
        },
        Targets: [{ Arn: { 'Fn::GetAtt': ['RecordMailReceiptFunctionFFC7FAD2', 'Arn'] } }],
      });
      stateless.hasResourceProperties('AWS::Lambda::Permission', {
        FunctionName: { 'Fn::GetAtt': ['RecordMailReceiptFunctionFFC7FAD2', 'Arn'] },
        Principal: 'events.amazonaws.com',
        SourceArn: { 'Fn::GetAtt': ['RecordMailReceiptSesEvents102DA7DE', 'Arn'] },
      });
    });
  });

  describe('grants', () => {
    it('never grants a wildcard action', () => {
      for (const policy of Object.values(stateless.findResources('AWS::IAM::Policy'))) {
        for (const statement of policy.Properties.PolicyDocument.Statement) {
          const actions: string[] = [statement.Action].flat();
          expect(actions.some((a) => a === '*' || a.endsWith(':*'))).toBe(false);
        }
      }
    });

    it('lets the read-only functions read the table and every other function write it', () => {
      // GetOpenApi serves a fixed document, ShowSignedOut a fixed page, ShowConsole the
      // principal the authorizer passed on: no table at all.
      const noTable = ['GetOpenApi', 'ShowSignedOut', 'ShowConsole'];
      const everyFunction = functionIdsOf(FUNCTIONS).filter((f) => !noTable.includes(f));
      expect(holdersOf(stateless, 'dynamodb:Query')).toEqual(
        [...everyFunction, 'CallbackProbe'].sort()
      );
      expect(holdersOf(stateless, 'dynamodb:PutItem')).toEqual(
        [...everyFunction.filter((f) => !TABLE_READERS_ONLY.includes(f)), 'CallbackProbe'].sort()
      );
    });

    it('lets only the mail functions send mail', () => {
      expect(holdersOf(stateless, 'ses:SendEmail')).toEqual(MAIL_SENDERS);
      // The sending status only: the health check reports it and sends nothing.
      expect(holdersOf(stateless, 'ses:GetAccount')).toEqual(['GetHealth', 'SelfCheck']);
    });

    it('gives each function the timeout and memory of its definition', () => {
      const resources = stateless.toJSON().Resources;
      expect(resources.ReconcileWorkflowsFunction0E732C72.Properties.Timeout).toBe(300);
      expect(resources.ShowRatingPageFunction85984A15.Properties.Timeout).toBe(10);
      expect(resources.ShowRatingPageFunction85984A15.Properties.MemorySize).toBe(512);
    });

    it('lets only the functions that answer a workflow send it task results', () => {
      for (const [machine, answerers] of Object.entries(ANSWERERS)) {
        for (const action of [
          'states:SendTaskSuccess',
          'states:SendTaskFailure',
          'states:SendTaskHeartbeat',
        ]) {
          expect(holdersOf(stateless, action, `stateMachine:${machine}"`), action).toEqual(
            answerers
          );
        }
      }
      expect(holdersOf(stateless, 'states:SendTaskSuccess')).toEqual(
        [...new Set(Object.values(ANSWERERS).flat())].sort()
      );
    });

    it('lets only the functions that start a workflow start it', () => {
      for (const [machine, starters] of Object.entries(STARTERS)) {
        expect(holdersOf(stateless, 'states:StartExecution', `stateMachine:${machine}"`)).toEqual(
          starters
        );
      }
      expect(holdersOf(stateless, 'states:StartExecution')).toEqual(
        [...new Set(Object.values(STARTERS).flat())].sort()
      );
    });

    describe('late starts by EventBridge Scheduler', () => {
      interface PolicyStatementJson {
        readonly Action: unknown;
        readonly Resource: unknown;
        readonly Condition?: unknown;
      }
      const statementsOf = (
        policy: ReturnType<Template['findResources']>[string]
      ): PolicyStatementJson[] => {
        const statements: PolicyStatementJson[] = policy.Properties.PolicyDocument.Statement;
        return statements;
      };
      const SCHEDULER_ROLE = 'SchedulerRole';
      const roleLogicalId = () => {
        const [id] = logicalIdsOf(stateless, 'AWS::IAM::Role').filter((r) =>
          r.startsWith(SCHEDULER_ROLE)
        );
        if (!id) throw new Error('no scheduler role');
        return id;
      };

      it('builds one schedule group, named after the stage', () => {
        stateless.resourceCountIs('AWS::Scheduler::ScheduleGroup', 1);
        stateless.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'otklik-dev' });
      });

      it('has a role only EventBridge Scheduler of this account assumes', () => {
        const role = stateless.toJSON().Resources[roleLogicalId()];
        expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { Service: 'scheduler.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          },
        ]);
      });

      it('lets that role start the CSI workflow and nothing else', () => {
        const policies = Object.values(stateless.findResources('AWS::IAM::Policy')).filter(
          (policy) => JSON.stringify(policy.Properties.Roles).includes(roleLogicalId())
        );
        const statements = policies.flatMap(statementsOf);
        expect(statements).toHaveLength(1);
        expect(statements[0]?.Action).toBe('states:StartExecution');
        expect(JSON.stringify(statements[0]?.Resource)).toContain(
          'stateMachine:otklik-dev-csi-survey"'
        );
      });

      it("lets only the intake functions create and delete the group's schedules", () => {
        for (const action of ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule']) {
          expect(holdersOf(stateless, action), action).toEqual([
            'ReceiveGenericWebhook',
            'ReceiveSourceWebhook',
          ]);
          expect(holdersOf(stateless, action, ':schedule/otklik-dev/*'), action).toEqual([
            'ReceiveGenericWebhook',
            'ReceiveSourceWebhook',
          ]);
        }
      });

      it('lets only the intake functions pass the scheduler role, to Scheduler only', () => {
        expect(holdersOf(stateless, 'iam:PassRole')).toEqual([
          'ReceiveGenericWebhook',
          'ReceiveSourceWebhook',
        ]);
        const statements = Object.values(stateless.findResources('AWS::IAM::Policy'))
          .flatMap(statementsOf)
          .filter((s) => s.Action === 'iam:PassRole');
        for (const statement of statements) {
          expect(statement.Resource).toEqual({ 'Fn::GetAtt': [roleLogicalId(), 'Arn'] });
          expect(statement.Condition).toEqual({
            StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' },
          });
        }
      });
    });

    it('lets the health check describe the workflows, and the reconcile pass their executions', () => {
      for (const machine of ['callback-probe', 'csi-survey', 'follow-up-case']) {
        expect(
          holdersOf(stateless, 'states:DescribeStateMachine', `stateMachine:otklik-dev-${machine}"`)
        ).toEqual(['GetHealth', 'SelfCheck']);
      }
      expect(holdersOf(stateless, 'states:DescribeStateMachine')).toEqual([
        'GetHealth',
        'SelfCheck',
      ]);
      for (const machine of ['csi-survey', 'follow-up-case']) {
        expect(
          holdersOf(stateless, 'states:DescribeExecution', `:execution:otklik-dev-${machine}:*`)
        ).toEqual(['ReconcileWorkflows']);
      }
      expect(holdersOf(stateless, 'states:DescribeExecution')).toEqual(['ReconcileWorkflows']);
    });

    it('keeps the secrets in the stateful stack, each readable by its webhook function (and the health check, the credentials)', () => {
      for (const name of ['otklik/dev/webhook-secret', 'otklik/dev/source-credentials']) {
        stateful.hasResource('AWS::SecretsManager::Secret', {
          DeletionPolicy: 'Retain',
          Properties: Match.objectLike({ Name: name }),
        });
      }
      expect(
        holdersOf(stateless, 'secretsmanager:GetSecretValue', 'secret:otklik/dev/webhook-secret-')
      ).toEqual(['ReceiveGenericWebhook']);
      expect(
        holdersOf(
          stateless,
          'secretsmanager:GetSecretValue',
          'secret:otklik/dev/source-credentials-'
        )
      ).toEqual(['GetHealth', 'ReceiveSourceWebhook', 'SelfCheck']);
      expect(holdersOf(stateless, 'secretsmanager:GetSecretValue')).toEqual([
        'GetHealth',
        'ReceiveGenericWebhook',
        'ReceiveSourceWebhook',
        'SelfCheck',
      ]);
      stateless.hasResourceProperties('AWS::Lambda::Function', {
        Environment: {
          Variables: Match.objectLike({
            WEBHOOK_SECRET_ID: 'otklik/dev/webhook-secret',
          }),
        },
      });
    });
  });

  it('builds the HTTP API from the route table, with access logs and throttling', () => {
    const routes = Object.values(stateless.findResources('AWS::ApiGatewayV2::Route'));
    const integrations = stateless.findResources('AWS::ApiGatewayV2::Integration');
    const actual = Object.fromEntries(
      routes.map((route) => {
        const integrationId = String(route.Properties.Target['Fn::Join'][1][1].Ref);
        const fn = integrations[integrationId]?.Properties.IntegrationUri['Fn::GetAtt'][0];
        return [route.Properties.RouteKey, [route.Properties.AuthorizationType, fn]];
      })
    );
    expect(actual).toEqual(ROUTES);
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
  });

  it('creates one EventBridge rule per schedule, on its function', () => {
    // The rules of SES events have a pattern instead (see 'SES events').
    const rules = Object.entries(stateless.findResources('AWS::Events::Rule')).filter(
      ([, rule]) => rule.Properties.ScheduleExpression !== undefined
    );
    expect(
      Object.fromEntries(
        rules.map(([id, rule]) => [
          id,
          [rule.Properties.ScheduleExpression, rule.Properties.Targets[0].Arn['Fn::GetAtt'][0]],
        ])
      )
    ).toEqual(SCHEDULES);
  });

  it('rejects invalid settings at synth, naming them', () => {
    expect(() =>
      appFor({ stage: 'dev', csiSettings: { sendDelay: 'P1M' }, ...noBundling })
    ).toThrow(/csiSettings/);
    expect(() => appFor({ stage: 'qa', ...noBundling })).toThrow(InvalidSettingsError);
    expect(() => appFor({ ...devContext, senderAddress: 'not-an-email' })).toThrow(/senderAddress/);
  });

  it('names stacks after the stage', () => {
    const built = appFor({ stage: 'prod', ...noBundling });
    expect([built.stateful, built.stateless].map((s: Stack) => s.stackName)).toEqual([
      'otklik-prod-stateful',
      'otklik-prod-app',
    ]);
    expect(built.stateful.terminationProtection).toBe(true);
  });
});
