import { randomUUID } from 'node:crypto';

/** The one function the start-up pass invokes (lib/definitions/platform.ts). */
const RECONCILE_FUNCTION = 'ReconcileWorkflows';

/**
 * One reconcile pass right after the local runtime is up (issue 9, defect 6). The local
 * Step Functions service keeps executions in memory, so a restart (even `kill -9`) forgets
 * every running one; without this pass nothing moved until the schedule's first pass ten
 * minutes later (or never, with schedules off). The event is the schedule's, with
 * `scope: 'start-up'`: every pending survey and case, no grace (nothing runs yet).
 * Runs in the background: the runtime answers at once; a failure is logged, not thrown.
 * @returns what the pass answered, or undefined when it failed
 */
export const reconcileAtStartUp = (
  invoke: (functionId: string, event: unknown) => Promise<unknown>,
  region: string,
  log: (line: string) => void
): Promise<unknown> =>
  invoke(RECONCILE_FUNCTION, {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: new Date().toISOString(),
    region,
    resources: [],
    detail: { scope: 'start-up' },
  }).then(
    (result) => {
      log('start-up reconcile pass done');
      return result;
    },
    (error: unknown) => {
      log(`start-up reconcile pass failed: ${error instanceof Error ? error.name : String(error)}`);
      return undefined;
    }
  );
