import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { SesSendEvent } from './ses-events.ts';

/**
 * The Send events SES v2 local accepted and had not delivered yet, kept on disk beside
 * DynamoDB Local's data. On AWS an SES event reaches its EventBridge targets even when the
 * function that sent the mail dies right after SendEmail answered; locally the event lived
 * only in the runtime's memory, so a `kill -9` between the answer and the receipt lost it,
 * and the retry of the send, finding no receipt, mailed the person a second time (R6, found
 * on the CI machine). Each event is appended before SendEmail answers and marked when its
 * targets have been invoked; at the next start the ones not marked are delivered again.
 */
export interface SesEventJournal {
  /** The event, written before the mail's answer leaves. */
  readonly record: (event: SesSendEvent) => void;
  /** Its targets were invoked (with success or a logged failure). */
  readonly delivered: (eventId: string) => void;
  /** The events of an earlier run not marked delivered; the journal starts afresh with them. */
  readonly takeUndelivered: () => JournalledEvent[];
}

/** An event read back: only its id matters here; the rest goes to the targets as it was. */
export type JournalledEvent = Readonly<{ id: string } & Record<string, unknown>>;

const FILE = 'ses-events-in-flight.jsonl';

// The file is this runtime's own writing; the schema still guards a line cut by the kill.
const lineSchema = z.union([
  z.object({ event: z.looseObject({ id: z.string() }) }),
  z.object({ delivered: z.string() }),
]);

const parseLine = (line: string): z.infer<typeof lineSchema> | undefined => {
  try {
    const parsed = lineSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
};

/** The journal in `dataDir`; none (nothing kept) when the data lives in memory. */
export const sesEventJournal = (dataDir: string | undefined): SesEventJournal | undefined => {
  if (!dataDir) return undefined;
  const file = join(dataDir, FILE);
  const append = (entry: object) => {
    appendFileSync(file, `${JSON.stringify(entry)}\n`);
  };
  return {
    record: (event) => {
      append({ event });
    },
    delivered: (eventId) => {
      append({ delivered: eventId });
    },
    takeUndelivered: () => {
      if (!existsSync(file)) return [];
      const events = new Map<string, JournalledEvent>();
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        const entry = parseLine(line);
        if (!entry) continue;
        if ('event' in entry) events.set(entry.event.id, entry.event);
        else events.delete(entry.delivered);
      }
      writeFileSync(file, '');
      return [...events.values()];
    },
  };
};
