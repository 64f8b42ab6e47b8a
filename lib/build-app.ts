import type { App } from 'aws-cdk-lib';
import { Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadSettings } from './config/settings.ts';
import { AppStack } from './stacks/app-stack.ts';
import { StatefulStack } from './stacks/stateful-stack.ts';

/**
 * Composes the stacks for the stage in context, with cdk-nag's AwsSolutions pack on
 * every synth. Shared by lib/app.ts and the CDK tests.
 */
export const buildApp = (app: App) => {
  const settings = loadSettings((key) => app.node.tryGetContext(key));
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const stateful = new StatefulStack(app, `otklik-${settings.stage}-stateful`, {
    settings,
    env,
    terminationProtection: settings.stage === 'prod',
    description: 'otklik: table and mail configuration (retained)',
  });
  const stateless = new AppStack(app, `otklik-${settings.stage}-app`, {
    settings,
    env,
    tableName: stateful.tableName,
    configurationSetName: stateful.configurationSetName,
    webhookSecretName: stateful.webhookSecretName,
    sourceCredentialsName: stateful.sourceCredentialsName,
    description: 'otklik: functions, workflows, HTTP API and schedules',
  });
  stateless.addStackDependency(stateful);
  Tags.of(app).add('application', 'otklik');
  Tags.of(app).add('stage', settings.stage);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { settings, stateful, stateless };
};
