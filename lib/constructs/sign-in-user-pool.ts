import { CfnOutput, Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { ROLES, type Role } from '#shared/kernel/access-rules.ts';
import type { Stage } from '../config/settings.ts';
import { pascalCase } from '../definitions/names.ts';
import { acknowledge } from './acknowledge.ts';

/**
 * Where the stateful stack leaves the pool's id for the app stack: an SSM parameter read at
 * deploy, not a CloudFormation export, so the two lifecycles stay apart (as the table's name).
 */
export const userPoolIdParameterFor = (stage: string): string =>
  `/otklik/${stage}/sign-in/user-pool-id`;

/** The Cognito custom attribute (`custom:units` in ID tokens) listing a viewer's units. */
export const UNITS_ATTRIBUTE = 'units';

/** What each group (named after its role id, docs/access.md) lets its members do. */
const GROUP_DESCRIPTIONS: Readonly<Record<Role, string>> = {
  admin: 'Everything, including settings, the business-unit registry and erasure',
  'quality-manager': "Every unit's numbers, surveys, cases and committees; edits cases and aliases",
  'unit-viewer': 'Only the business units listed in custom:units',
  'case-owner': 'Only the follow-up cases assigned to them',
};

export interface SignInUserPoolProps {
  readonly stage: Stage;
  /** The hosted sign-in's domain prefix (`<prefix>.auth.<region>.amazoncognito.com`). */
  readonly domainPrefix: string;
}

/**
 * The people who sign in, when no external issuer is configured (docs/sign-in-aws.md): a
 * Cognito user pool that only administrators add people to, one group per role, the
 * `custom:units` attribute, and the hosted sign-in domain. Stateful (its users are data):
 * retained, and deletion-protected outside dev. The app client lives in the app stack
 * (app-sign-in.ts) because its redirect URLs name the API's own URL.
 */
export class SignInUserPool extends Construct {
  readonly userPool: UserPool;

  constructor(scope: Construct, id: string, props: SignInUserPoolProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: `otklik-${props.stage}`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      customAttributes: {
        // Mutable: an administrator moves a viewer to another unit. No app client may write it.
        [UNITS_ATTRIBUTE]: new StringAttribute({ mutable: true, minLen: 0, maxLen: 2048 }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      userInvitation: {
        emailSubject: 'otklik: приглашение / invitation',
        emailBody:
          'Вас пригласили в otklik. Имя пользователя: {username}, временный пароль: {####}. ' +
          'При первом входе задайте свой пароль.<br/><br/>' +
          'You have been invited to otklik. Username: {username}, temporary password: {####}. ' +
          'Choose your own password at first sign-in.',
      },
      // Threat protection (compromised credentials, adaptive authentication) comes with
      // the Plus plan: the pool guards access to customers' comments and cases.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: props.stage !== 'dev',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(this.userPool, {
      'AwsSolutions-COG2':
        'MFA is optional (TOTP) so business-unit executives who sign in a few times a quarter are not locked out; threat protection (Plus plan) blocks risky sign-ins, and an operator can make MFA required (docs/sign-in-aws.md).',
    });
    for (const role of ROLES) {
      new UserPoolGroup(this, `${pascalCase(role)}Group`, {
        userPool: this.userPool,
        groupName: role,
        description: GROUP_DESCRIPTIONS[role],
      });
    }
    const domain = this.userPool.addDomain('SignInDomain', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
    });
    new StringParameter(this, 'UserPoolIdParameter', {
      parameterName: userPoolIdParameterFor(props.stage),
      stringValue: this.userPool.userPoolId,
      description: 'otklik: the sign-in user pool, read by the app stack at deploy',
    });
    new CfnOutput(this, 'SignInDomainUrl', { value: domain.baseUrl() });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
  }
}
