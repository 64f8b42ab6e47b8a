import { randomUUID } from 'node:crypto';
import {
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  type ExecutionListItem,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { Webhook } from 'standardwebhooks';
import { z } from 'zod';
import type { BenchRuntime } from './bench-runtime.ts';

/**
 * What the bench drives and watches, by outcome only: signed webhooks in, mails in the SES
 * local inbox, executions through the local Step Functions API. It assumes no state
 * names, so it works for any shape of the CSI workflow.
 */

const storedMail = z.object({
  messageId: z.string().optional(),
  destination: z.object({ to: z.array(z.string()) }),
  subject: z.string(),
  body: z.object({ text: z.string().optional().default(''), html: z.string().optional() }),
});
export type StoredMail = z.infer<typeof storedMail>;
const store = z.object({ emails: z.array(storedMail) });

export const inbox = async (bench: BenchRuntime): Promise<StoredMail[]> => {
  const response = await fetch(`${bench.runtime.urls.inbox}/store`);
  return store.parse(await response.json()).emails;
};

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `probe` gives a value; throws after `timeoutMs`, naming `what`. */
export const waitFor = async <T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 120_000,
  intervalMs = 200
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pause(intervalMs);
  }
};

/** Waits for `count` mails to `email` (the inbox read once per poll), and returns them. */
export const mailsTo = (bench: BenchRuntime, email: string, count: number, timeoutMs?: number) =>
  waitFor(
    async () => {
      const mails = (await inbox(bench)).filter((m) => m.destination.to.includes(email));
      return mails.length >= count ? mails : undefined;
    },
    `${count} mail(s) to ${email}`,
    timeoutMs
  );

export const linksIn = (mail: StoredMail, path: 'r' | 'u' | 'f'): string[] =>
  [...mail.body.text.matchAll(new RegExp(`https?://[^\\s]+/${path}/[A-Za-z0-9_-]+`, 'g'))].map(
    (m) => m[0]
  );

export interface Ticket {
  readonly ticketId: string;
  readonly email: string;
  readonly status: number;
  readonly surveyId: string | undefined;
}

const webhookAnswer = z.object({ surveyId: z.string().optional() }).loose();

/** A fresh ticket resolved through the generic webhook, signed as Standard Webhooks sign. */
export const resolveTicket = async (bench: BenchRuntime, businessUnit = 'FIN'): Promise<Ticket> => {
  const ticketId = `B-${randomUUID().slice(0, 12)}`;
  const email = `bench-${randomUUID().slice(0, 10)}@example.com`;
  const body = JSON.stringify({
    eventType: 'ticket.resolved',
    ticketId,
    title: 'Не пришёл расчётный листок',
    requester: { email, name: 'Анна Петрова', locale: 'ru-RU' },
    businessUnit: { id: businessUnit, name: 'Финансы' },
    service: { id: 'PAY', name: 'Расчёт зарплаты' },
    resolvedAt: new Date(Date.now() - 60_000).toISOString(),
  });
  const id = `msg_${randomUUID()}`;
  const at = new Date();
  const response = await fetch(`${bench.runtime.urls.api}/v1/webhooks/generic`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(bench.webhookSecret).sign(id, at, body),
    },
    body,
  });
  const answer = webhookAnswer.safeParse(await response.json().catch(() => ({})));
  return {
    ticketId,
    email,
    status: response.status,
    surveyId: answer.success ? answer.data.surveyId : undefined,
  };
};

/** Every execution of every state machine of the runtime, with its machine's ARN. */
export const allExecutions = async (bench: BenchRuntime): Promise<ExecutionListItem[]> => {
  const machines = (await bench.sfn.send(new ListStateMachinesCommand({}))).stateMachines ?? [];
  const executions: ExecutionListItem[] = [];
  for (const { stateMachineArn } of machines) {
    let nextToken: string | undefined;
    do {
      const page = await bench.sfn.send(
        new ListExecutionsCommand({ stateMachineArn, maxResults: 1000, nextToken })
      );
      executions.push(...(page.executions ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
  }
  return executions;
};

export const historyOf = async (
  bench: BenchRuntime,
  executionArn: string
): Promise<HistoryEvent[]> => {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await bench.sfn.send(
      new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken })
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
};

/** The CSI survey workflow's state machine, by its ARN (otklik-<stage>-csi-survey). */
export const isSurveyWorkflow = (execution: ExecutionListItem): boolean =>
  (execution.stateMachineArn ?? '').endsWith(':csi-survey') ||
  (execution.stateMachineArn ?? '').endsWith('-csi-survey');
