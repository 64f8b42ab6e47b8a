import { appendFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sesEventJournal } from '#local/ses-event-journal.ts';
import { sendEventOf } from '#local/ses-events.ts';

const request = JSON.stringify({
  FromEmailAddress: 'ssc@local.test',
  Destination: { ToAddresses: ['a@local.test'] },
});
const eventOf = (messageId: string) => {
  const event = sendEventOf(request, JSON.stringify({ MessageId: messageId }), {
    region: 'r',
    account: 'a',
  });
  if (!event) throw new Error('no event');
  return event;
};

describe('Local runtime: the journal of SES events in flight', () => {
  it('gives back, after a kill, the events whose targets were not invoked, once', async () => {
    // Prepare: two events sent, one delivered, then the process dies (a line cut in half).
    const dir = await mkdtemp(join(tmpdir(), 'otklik-journal-'));
    const before = sesEventJournal(dir);
    const done = eventOf('m-done');
    const cut = eventOf('m-cut');
    before?.record(done);
    before?.record(cut);
    before?.delivered(done.id);
    appendFileSync(join(dir, 'ses-events-in-flight.jsonl'), '{"event":{"id":"half');

    // Act: the next start reads it, twice.
    const after = sesEventJournal(dir);
    const first = after?.takeUndelivered();
    const second = after?.takeUndelivered();

    // Assess
    expect(first).toEqual([cut]);
    expect(second).toEqual([]);
  });

  it('keeps nothing when the data lives in memory', () => {
    expect(sesEventJournal(undefined)).toBeUndefined();
  });
});
