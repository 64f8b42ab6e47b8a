import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { MailIdentity, TableAccess } from './grants.ts';

/** What every group of the app stack is given of the stateful stack, and how long logs live. */
export interface StatefulAccess {
  readonly table: TableAccess;
  readonly mail: MailIdentity;
  readonly logRetention: RetentionDays;
}
