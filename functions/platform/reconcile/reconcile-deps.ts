import type { DataStores } from '#shared/data/data-stores.ts';
import type { CsiSettings } from '#shared/settings/csi-settings.ts';
import type { WorkflowPort } from '#shared/workflow/workflow-port.ts';
import type { ReconcileScope } from './survey-work-lists.ts';

export interface ReconcileDeps extends Pick<DataStores, 'surveys' | 'followUps'> {
  readonly workflow: Pick<WorkflowPort, 'executionState' | 'startNamed'>;
  readonly csiStateMachineArn: string;
  readonly followUpStateMachineArn: string;
  readonly settings: CsiSettings;
  readonly now: () => Date;
  /** Leave alone what changed more recently: its own workflow is still starting. */
  readonly graceSeconds: number;
}

/** How far one pass goes: what it looks at, how many at a time, and until when. */
export interface PassBudget {
  readonly scope: ReconcileScope;
  /** Work-list entries read per query. */
  readonly pageSize: number;
  /** Executions described and started at the same time (Step Functions' API is throttled). */
  readonly concurrency: number;
  /** Whether the pass must start nothing more: its invocation is about to time out. */
  readonly outOfTime: () => boolean;
}
