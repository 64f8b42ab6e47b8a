import type { ResourceRefs } from '#lib/definitions/resource-refs.ts';

/** Resource names and ARNs of no real deployment, for building environments in tests. */
export const fakeRefs: ResourceRefs & { readonly stage: string } = {
  stage: 'test',
  tableName: 'otklik-test',
  functionArn: (id) => `arn:aws:lambda:eu-central-1:123456789012:function:otklik-test-${id}`,
  stateMachineArn: (id) =>
    `arn:aws:states:eu-central-1:123456789012:stateMachine:otklik-test-${id}`,
  senderAddress: 'feedback@example.com',
  configurationSetName: 'otklik-test',
  publicBaseUrl: 'https://feedback.example.com',
  settingsSource: 'appconfig:app/env/profile',
  webhookSecretId: 'otklik/test/webhook-secret',
  sourceCredentialsId: 'otklik/test/source-credentials',
  schedulerRoleArn: 'arn:aws:iam::123456789012:role/otklik-test-scheduler',
  scheduleGroupName: 'otklik-test',
  oidc: {
    issuer: 'https://login.example.com/',
    clientId: 'otklik-web',
    audience: 'otklik-api',
    rolesClaim: 'cognito:groups',
    unitsClaim: 'custom:units',
    sessionHours: 8,
  },
};
