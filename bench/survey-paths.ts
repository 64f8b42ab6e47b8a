import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { BenchRuntime } from './bench-runtime.ts';
import type { WriteLine } from './capacity-proxy.ts';
import { gbSecondsOf, transitionsOf, type PathName, type PathUsage } from './cost-model.ts';
import {
  allExecutions,
  historyOf,
  inbox,
  isSurveyWorkflow,
  linksIn,
  mailsTo,
  resolveTicket,
  waitFor,
  type StoredMail,
} from './observe.ts';

/**
 * Drives the three survey paths end to end through the real local runtime and counts what
 * each used: the paths run one at a time (all samples of a path at once), so everything the
 * counters saw in a phase belongs to that path.
 */

const OWNER = 'quality@bench.example';

const ratingPageOf = (mail: StoredMail, email: string): string => {
  const [link] = linksIn(mail, 'r');
  if (!link) throw new Error(`no rating link in the mail to ${email}`);
  return link;
};

const rate = async (page: string, score: number) => {
  // The person clicks the score in the mail (a GET shows the page), then confirms it.
  await (await fetch(`${page}?score=${score}`)).text();
  const form = new URLSearchParams({ score: String(score) });
  if (score < 5) form.append('comment', 'Долго ждал');
  const response = await fetch(page, { method: 'POST', body: form });
  await response.text();
  return response.status;
};

const resolveCase = async (bench: BenchRuntime, ticketId: string) => {
  const ownerMail = await waitFor(
    async () =>
      (await inbox(bench)).find(
        (m) => m.destination.to.includes(OWNER) && m.subject.includes(ticketId)
      ),
    `the case mail about ${ticketId}`
  );
  const [caseLink] = linksIn(ownerMail, 'f');
  if (!caseLink) throw new Error(`no case link in the mail about ${ticketId}`);
  await (await fetch(caseLink)).text();
  const resolved = await fetch(caseLink, {
    method: 'POST',
    body: new URLSearchParams({
      rootCause: 'process',
      correctiveAction: 'Ускорили ответ второй линии',
      notifyRequester: 'yes',
      messageToRequester: 'Мы ускорили ответ второй линии.',
    }),
  });
  await resolved.text();
};

/** One survey on `path`: from the webhook to the outcome a person or the timers bring. */
const drive = async (bench: BenchRuntime, path: PathName, timeoutMs: number) => {
  const ticket = await resolveTicket(bench);
  if (ticket.status >= 300) throw new Error(`webhook answered ${ticket.status}`);
  const [mail] = await mailsTo(bench, ticket.email, 1, timeoutMs);
  if (!mail) throw new Error(`no mail to ${ticket.email}`);
  if (path === 'unanswered') {
    await mailsTo(bench, ticket.email, 2, timeoutMs);
  } else {
    await rate(ratingPageOf(mail, ticket.email), path === 'rated5' ? 5 : 2);
    if (path === 'ratedLow') {
      await resolveCase(bench, ticket.ticketId);
      await mailsTo(bench, ticket.email, 2, timeoutMs);
    }
  }
  return ticket;
};

export interface PathRun {
  readonly usage: PathUsage;
  /** The surveys' statuses at the end, read from the table (not counted). */
  readonly outcomes: readonly string[];
  /** Lambda invocations by function id. */
  readonly functions: Readonly<Record<string, number>>;
  /** Write units by item kind and operation (bench/capacity-proxy.ts), all samples. */
  readonly writes: Readonly<Record<string, WriteLine>>;
  readonly seconds: number;
}

const surveyStatus = async (bench: BenchRuntime, surveyId: string | undefined) => {
  if (!surveyId) return 'unknown';
  const { Item } = await bench.documents.send(
    new GetCommand({
      TableName: bench.runtime.tableName,
      Key: { pk: `SURVEY#${surveyId}`, sk: 'SURVEY' },
    })
  );
  return typeof Item?.status === 'string' ? Item.status : 'unknown';
};

/** Runs `samples` surveys of one path at once and counts what they used. */
export const runPath = async (
  bench: BenchRuntime,
  path: PathName,
  samples: number,
  timeoutMs: number
): Promise<PathRun> => {
  const started = Date.now();
  const since = new Date(started - 1);
  const mailsBefore = (await inbox(bench)).length;
  bench.capacity.reset();
  bench.invocations.reset();
  bench.schedules?.reset();
  const tickets = await Promise.all(
    Array.from({ length: samples }, () => drive(bench, path, timeoutMs))
  );
  // Done when every execution started in this phase has ended (and each survey had one).
  const executions = await waitFor(
    async () => {
      const mine = (await allExecutions(bench)).filter(
        (e) => e.startDate !== undefined && e.startDate >= since
      );
      const surveys = mine.filter(isSurveyWorkflow).length;
      return surveys >= samples && mine.every((e) => e.status !== 'RUNNING') ? mine : undefined;
    },
    `the ${path} executions to end`,
    timeoutMs
  );
  let transitions = 0;
  let surveyTransitions = 0;
  for (const execution of executions) {
    const count = transitionsOf(await historyOf(bench, execution.executionArn ?? ''));
    transitions += count;
    if (isSurveyWorkflow(execution)) surveyTransitions += count;
  }
  const records = bench.invocations.records();
  await bench.capacity.settle();
  const capacity = bench.capacity.totals();
  const functions: Record<string, number> = {};
  for (const r of records) functions[r.functionId] = (functions[r.functionId] ?? 0) + 1;
  return {
    usage: {
      surveys: samples,
      surveyTransitions,
      transitions,
      lambdaInvocations: records.length,
      lambdaGbSeconds: gbSecondsOf(records),
      writeUnits: capacity.writeUnits,
      readUnits: capacity.readUnits,
      httpRequests: records.filter((r) => r.http).length,
      mails: (await inbox(bench)).length - mailsBefore,
      schedulerInvocations: bench.schedules?.count() ?? 0,
    },
    outcomes: await Promise.all(tickets.map((t) => surveyStatus(bench, t.surveyId))),
    functions,
    writes: capacity.writes,
    seconds: (Date.now() - started) / 1000,
  };
};
