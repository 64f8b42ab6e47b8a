import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  StartExecutionCommand,
  type DescribeExecutionCommandInput,
  type StartExecutionCommandInput,
} from '@aws-sdk/client-sfn';
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BUDGET,
  reconcileWorkflows,
} from '#functions/platform/reconcile/reconcile-workflows.service.ts';
import {
  shardOf,
  SURVEY_STATUS_SHARDS,
  surveyKey,
  surveyStatusPartitions,
} from '#shared/data/keys.ts';
import { parseCsiSettings } from '#shared/settings/csi-settings.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { testDeps } from '#test/helpers/ddb-fixtures.ts';
import { partitionOf } from '#test/helpers/sent-commands.ts';

const { ddb, sfn } = mockAws();

const NOW = new Date('2026-11-27T12:00:00Z');
const CSI = 'arn:aws:states:eu-central-1:1:stateMachine:otklik-dev-csi-survey';
const PENDING_SURVEYS = 100_000;
/** Step Functions calls a pass may start before its budget says stop (a stand-in for time). */
const CALLS_PER_PASS = 60_000;

/**
 * 100,000 scheduled surveys whose start was lost, on a mocked table and Step Functions.
 * The table answers the status work list a page at a time (Limit, ExclusiveStartKey, in
 * sort order); a started workflow moves its survey off the list, as the invitation task
 * does; Step Functions answers after a tick, so concurrent calls overlap and are counted.
 */
const givenLostStarts = () => {
  const shards = new Map<string, string[]>();
  for (let i = 0; i < PENDING_SURVEYS; i += 1) {
    const surveyId = i.toString(16).padStart(32, '0');
    const partition =
      surveyStatusPartitions('scheduled')[shardOf(surveyId, SURVEY_STATUS_SHARDS)]?.value ?? '';
    const ids = shards.get(partition) ?? [];
    ids.push(surveyId);
    shards.set(partition, ids);
  }
  const moved = new Set<string>();
  const pages: number[] = [];
  ddb.on(QueryCommand).callsFake((input: QueryCommandInput) => {
    const ids = shards.get(String(partitionOf(input))) ?? [];
    const after =
      typeof input.ExclusiveStartKey?.surveyId === 'string' ? input.ExclusiveStartKey.surveyId : '';
    const limit = input.Limit ?? Number.POSITIVE_INFINITY;
    const page = ids.filter((id) => id > after && !moved.has(id)).slice(0, limit);
    pages.push(page.length);
    const last = page.at(-1);
    return {
      Items: page.map((surveyId) => ({ ...surveyKey(surveyId), surveyId, status: 'scheduled' })),
      ...(page.length === limit && last
        ? { LastEvaluatedKey: { ...surveyKey(last), surveyId: last } }
        : {}),
    };
  });
  const running = new Set<string>();
  const load = { inFlight: 0, most: 0, calls: 0, starts: new Map<string, number>() };
  const tick = <T>(answer: () => T) => {
    load.calls += 1;
    load.inFlight += 1;
    load.most = Math.max(load.most, load.inFlight);
    return new Promise<T>((resolve, reject) => {
      setImmediate(() => {
        load.inFlight -= 1;
        try {
          resolve(answer());
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
  };
  sfn.on(DescribeExecutionCommand).callsFake((input: DescribeExecutionCommandInput) =>
    tick(() => {
      const name = String(input.executionArn).split(':').at(-1) ?? '';
      if (running.has(name)) return { status: 'RUNNING' };
      throw new ExecutionDoesNotExist({ message: 'none', $metadata: {} });
    })
  );
  sfn.on(StartExecutionCommand).callsFake((input: StartExecutionCommandInput) =>
    tick(() => {
      const name = input.name ?? '';
      if (running.has(name)) throw new ExecutionAlreadyExists({ message: 'taken', $metadata: {} });
      running.add(name);
      load.starts.set(name, (load.starts.get(name) ?? 0) + 1);
      moved.add(name);
      return { executionArn: name };
    })
  );
  return { load, pages };
};

describe('Service: reconcileWorkflows at scale', () => {
  it(
    'gives 100,000 lost surveys their workflow over bounded passes: pages of 200, at most 16 calls at a time, each pass within its budget',
    { timeout: 240_000 },
    async () => {
      // Prepare
      const { load, pages } = givenLostStarts();
      const deps = {
        ...testDeps({ now: NOW, tableName: 'otklik-dev' }),
        csiStateMachineArn: CSI,
        followUpStateMachineArn: CSI.replace('csi-survey', 'follow-up-case'),
        settings: parseCsiSettings(undefined),
        graceSeconds: 120,
      };

      // Act: passes until one completes, each told to stop after CALLS_PER_PASS calls.
      const passes: { complete: boolean; calls: number; restarted: number }[] = [];
      while (passes.length < 10 && !passes.at(-1)?.complete) {
        const callsBefore = load.calls;
        const outOfTime = () => load.calls - callsBefore >= CALLS_PER_PASS;
        const result = await reconcileWorkflows(deps, { ...DEFAULT_BUDGET, outOfTime });
        passes.push({
          complete: result.complete,
          calls: load.calls - callsBefore,
          restarted: result.restarted.surveys,
        });
        sfn.resetHistory();
        ddb.resetHistory();
      }

      // Assess: every survey started exactly once, under its own id.
      expect(load.starts.size).toBe(PENDING_SURVEYS);
      expect([...load.starts.values()].every((count) => count === 1)).toBe(true);
      expect(passes.reduce((sum, pass) => sum + pass.restarted, 0)).toBe(PENDING_SURVEYS);
      // Two calls a survey (describe, start): more than one pass, the last one complete.
      expect(passes.length).toBeGreaterThan(1);
      expect(passes.slice(0, -1).every((pass) => !pass.complete)).toBe(true);
      expect(passes.at(-1)?.complete).toBe(true);
      // The budget holds: a pass stops starting work at it, finishing at most the 16 under way
      // (each of which makes its two calls).
      for (const pass of passes) expect(pass.calls).toBeLessThanOrEqual(CALLS_PER_PASS + 2 * 16);
      expect(load.most).toBeLessThanOrEqual(DEFAULT_BUDGET.concurrency);
      expect(load.most).toBe(16);
      expect(Math.max(...pages)).toBeLessThanOrEqual(DEFAULT_BUDGET.pageSize);
    }
  );
});
