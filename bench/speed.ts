import { randomUUID } from 'node:crypto';
import {
  DynamoDBClient,
  PutItemCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import type { BenchRuntime } from './bench-runtime.ts';
import { inbox, linksIn, resolveTicket, waitFor } from './observe.ts';
import { median, quantile, runPool } from './stats.ts';

/**
 * The speed figures, each measured side by side with its raw DynamoDB baseline in the same
 * run, round after round (the baseline first in each round), and reported as the median of
 * the rounds. The baselines go through the same counting proxy as the handlers, so both
 * sides pay its hop.
 */

export interface LatencySummary {
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly perSecond: number;
}

const summary = (latencies: readonly number[], elapsedMs: number): LatencySummary => ({
  p50Ms: median(latencies),
  p95Ms: quantile(latencies, 0.95),
  perSecond: (latencies.length / elapsedMs) * 1000,
});

const medianOf = (rounds: readonly LatencySummary[]): LatencySummary => ({
  p50Ms: median(rounds.map((r) => r.p50Ms)),
  p95Ms: median(rounds.map((r) => r.p95Ms)),
  perSecond: median(rounds.map((r) => r.perSecond)),
});

const proxied = (bench: BenchRuntime) =>
  new DynamoDBClient({
    endpoint: bench.capacity.url,
    region: bench.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

/** An item of a survey's size and shape (≈ 1 KB), under a fresh key. */
const surveyLikeItem = (key: string) => ({
  pk: { S: `BENCH#${key}` },
  sk: { S: 'SURVEY' },
  gsi1pk: { S: `TICKET#${key}` },
  gsi1sk: { S: `SURVEY#${key}` },
  status: { S: 'scheduled' },
  ticketId: { S: key },
  email: { S: `bench-${key}@example.com` },
  title: { S: 'Не пришёл расчётный листок'.repeat(8) },
  createdAt: { S: new Date().toISOString() },
});

export interface IntakeFigure {
  readonly concurrency: number;
  /**
   * `running`: each webhook's workflow mails in this process while the load goes on (the
   * figure of issue 8); `held back`: the local scheduler keeps this pass's schedules unfired,
   * so the webhooks compete only with DynamoDB Local and the bench, not with their mails.
   */
  readonly workflows: 'running' | 'held back';
  readonly webhook: LatencySummary;
  readonly putItem: LatencySummary;
  /** Webhook throughput ÷ raw conditional PutItem throughput. */
  readonly ratio: number;
}

const holdSchedules = async (bench: BenchRuntime, hold: boolean) => {
  const answer = await fetch(`${bench.runtime.urls.scheduler}/_local/${hold ? 'hold' : 'resume'}`, {
    method: 'POST',
  });
  if (!answer.ok) throw new Error(`local scheduler answered ${String(answer.status)} to hold`);
};

/**
 * Intake: `perRound` signed webhooks at concurrency `c` (each starts a workflow that mails
 * after the send delay, in this same process, while the load goes on; with `held back`, its
 * schedule never fires) against as many raw conditional PutItems of a survey-sized item at
 * the same concurrency.
 */
export const intakeFigure = async (
  bench: BenchRuntime,
  concurrency: number,
  perRound: number,
  rounds: number,
  onRound: () => void,
  workflows: IntakeFigure['workflows'] = 'running'
): Promise<IntakeFigure> => {
  const ddb = proxied(bench);
  const webhook: LatencySummary[] = [];
  const putItem: LatencySummary[] = [];
  for (let round = 0; round < rounds; round++) {
    const raw = await runPool(perRound, concurrency, () =>
      ddb.send(
        new PutItemCommand({
          TableName: bench.runtime.tableName,
          Item: surveyLikeItem(randomUUID()),
          ConditionExpression: 'attribute_not_exists(pk)',
        })
      )
    );
    putItem.push(summary(raw.latenciesMs, raw.elapsedMs));
    const failures: number[] = [];
    if (workflows === 'held back') await holdSchedules(bench, true);
    const hooks = await runPool(perRound, concurrency, async () => {
      const ticket = await resolveTicket(bench);
      if (ticket.status >= 300) failures.push(ticket.status);
    }).finally(() => (workflows === 'held back' ? holdSchedules(bench, false) : undefined));
    if (failures.length > 0) throw new Error(`webhooks answered ${failures.join(', ')}`);
    webhook.push(summary(hooks.latenciesMs, hooks.elapsedMs));
    onRound();
  }
  const w = medianOf(webhook);
  const p = medianOf(putItem);
  return { concurrency, workflows, webhook: w, putItem: p, ratio: w.perSecond / p.perSecond };
};

export interface RatingFigure {
  readonly post: LatencySummary;
  readonly transaction: LatencySummary;
  /** Rating POST p95 ÷ raw 3-item TransactWriteItems p95. */
  readonly ratio: number;
  readonly ratings: number;
  /** Surveys that expired before their rating (skipped). */
  readonly expired: number;
}

const rawTransaction = (bench: BenchRuntime, ddb: DynamoDBClient) => {
  const id = randomUUID();
  const table = bench.runtime.tableName;
  return ddb.send(
    new TransactWriteItemsCommand({
      TransactItems: [
        {
          Put: {
            TableName: table,
            Item: { pk: { S: `BENCH#${id}` }, sk: { S: 'RESPONSE' }, score: { N: '5' } },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Update: {
            TableName: table,
            Key: { pk: { S: `BENCH#${id}` }, sk: { S: 'SURVEY' } },
            UpdateExpression: 'SET #s = :s, score = :n REMOVE taskToken',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':s': { S: 'rated' }, ':n': { N: '5' } },
          },
        },
        {
          Update: {
            TableName: table,
            Key: { pk: { S: 'BENCH#AGG' }, sk: { S: id.slice(0, 2) } },
            UpdateExpression: 'ADD rated :one, scoreSum :n',
            ExpressionAttributeValues: { ':one': { N: '1' }, ':n': { N: '5' } },
          },
        },
      ],
    })
  );
};

/** Surveys whose mail has arrived: their rating pages (the inbox read once per poll). */
const mailedSurveys = async (bench: BenchRuntime, count: number): Promise<string[]> => {
  const emails: string[] = [];
  await runPool(count, 8, async () => {
    emails.push((await resolveTicket(bench)).email);
  });
  return waitFor(async () => {
    const mails = await inbox(bench);
    const pages: string[] = [];
    for (const email of emails) {
      const mail = mails.find((m) => m.destination.to.includes(email));
      const page = mail ? linksIn(mail, 'r')[0] : undefined;
      if (page === undefined) return undefined;
      pages.push(page);
    }
    return pages;
  }, `the mails of ${count} surveys`);
};

/** Rating POST (score 5, one after another) against a raw 3-item transaction, alternating. */
export const ratingFigure = async (
  bench: BenchRuntime,
  perRound: number,
  rounds: number,
  onRound: () => void
): Promise<RatingFigure> => {
  const ddb = proxied(bench);
  const posts: LatencySummary[] = [];
  const transactions: LatencySummary[] = [];
  let ratings = 0;
  let expired = 0;
  for (let round = 0; round < rounds; round++) {
    const pages = await mailedSurveys(bench, perRound);
    const post: number[] = [];
    const transaction: number[] = [];
    const started = performance.now();
    for (const page of pages) {
      let t = performance.now();
      await rawTransaction(bench, ddb);
      transaction.push(performance.now() - t);
      t = performance.now();
      // The POST alone: its answer is a 303 to the thank-you page (Post/Redirect/Get), a
      // read-only GET the browser makes after the rating is recorded, not part of it.
      const response = await fetch(page, {
        method: 'POST',
        body: new URLSearchParams({ score: '5' }),
        redirect: 'manual',
      });
      await response.text();
      // 410: the survey expired before its turn (a slow machine outran the short timers).
      if (response.status === 410) {
        expired += 1;
        continue;
      }
      if (response.status !== 303) throw new Error(`rating POST answered ${response.status}`);
      post.push(performance.now() - t);
    }
    const elapsed = performance.now() - started;
    ratings += post.length;
    if (post.length === 0) throw new Error('every survey expired before its rating');
    posts.push(summary(post, elapsed));
    transactions.push(summary(transaction, elapsed));
    onRound();
  }
  const p = medianOf(posts);
  const t = medianOf(transactions);
  return { post: p, transaction: t, ratio: p.p95Ms / t.p95Ms, ratings, expired };
};

/** Waits (best effort) until the inbox holds at least `count` mails. */
export const settleMails = async (bench: BenchRuntime, count: number, timeoutMs: number) => {
  await waitFor(
    async () => ((await inbox(bench)).length >= count ? true : undefined),
    `${count} mails`,
    timeoutMs
  ).catch(() => undefined);
};
