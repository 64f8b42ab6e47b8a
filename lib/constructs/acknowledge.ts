import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges cdk-nag findings on a construct, each with the reason it is right here: a
 * finding id (e.g. `AwsSolutions-IAM5[Resource::*]`) mapped to why. One call per place, so
 * every suppression in the app reads the same way and none goes without a reason.
 */
export const acknowledge = (
  construct: IConstruct,
  findings: Readonly<Record<string, string>>
): void => {
  for (const [id, reason] of Object.entries(findings))
    Validations.of(construct).acknowledge({ id, reason });
};
