import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { FollowUpAlreadyResolvedError } from '#functions/follow-up/already-resolved-error.ts';
import { addCaseNote, NoteRequiredError } from '#functions/follow-up/case-note.service.ts';
import { actorOf, caseTimeline } from '#functions/follow-up/case-timeline.ts';
import {
  NOTIFY_REQUESTER_BY_DEFAULT,
  resolutionSchema,
} from '#functions/follow-up/follow-up.schema.ts';
import { casePage } from '#functions/follow-up/pages/case-page.ts';
import type { CaseEvent } from '#shared/data/case-event.ts';
import { followUpKey } from '#shared/data/keys.ts';
import { emailKey } from '#shared/kernel/tokens.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { followUpItem, NOW, SURVEY_ID, testDeps } from '#test/helpers/ddb-fixtures.ts';
import { caseView } from '#test/helpers/page-inputs.ts';
import { conditionFailed } from '#test/helpers/sdk-errors.ts';
import { sentUpdates } from '#test/helpers/sent-commands.ts';

const { ddb } = mockAws({ table: 'empty' });
const deps = testDeps();
const OWNER = `owner:${emailKey('owner@example.com')}`;

/** The timeline events the mocked table received, as put. */
const putEvents = (): Record<string, unknown>[] =>
  ddb.commandCalls(PutCommand).map((call) => call.args[0].input.Item ?? {});

describe('Service: addCaseNote', () => {
  it('takes an open case in progress the first time, recording who and when', async () => {
    // Act
    await addCaseNote(deps, followUpItem(), { by: OWNER });

    // Assess
    expect(sentUpdates(ddb)).toEqual([
      expect.objectContaining({
        key: followUpKey(SURVEY_ID),
        setIfAbsent: { inProgressAt: NOW.toISOString() },
        condition: 'attribute_exists(pk) AND status IN ("open", "overdue")',
      }),
    ]);
    expect(putEvents()).toEqual([
      expect.objectContaining({
        pk: followUpKey(SURVEY_ID).pk,
        kind: 'in-progress',
        at: NOW.toISOString(),
        by: OWNER,
      }),
    ]);
  });

  it('records the note with the first take, and a note alone later', async () => {
    // Act
    await addCaseNote(deps, followUpItem(), { by: OWNER, note: '  Called the payroll team ' });
    await addCaseNote(deps, followUpItem({ inProgressAt: NOW.toISOString() }), {
      by: OWNER,
      note: 'They confirm the cut-off moved',
    });

    // Assess
    expect(putEvents().map((e) => [e.kind, e.text])).toEqual([
      ['in-progress', undefined],
      ['note', 'Called the payroll team'],
      ['note', 'They confirm the cut-off moved'],
    ]);
    expect(ddb).toReceiveCommandTimes(UpdateCommand, 1);
  });

  it('refuses an empty note on a case in progress already, writing nothing', async () => {
    // Act
    const result = addCaseNote(deps, followUpItem({ inProgressAt: NOW.toISOString() }), {
      by: OWNER,
      note: '   ',
    });

    // Assess
    await expect(result).rejects.toBeInstanceOf(NoteRequiredError);
    expect(ddb).not.toReceiveCommand(PutCommand);
    expect(ddb).not.toReceiveCommand(UpdateCommand);
  });

  it('refuses a resolved case, and one resolved meanwhile', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(conditionFailed());

    // Act
    const resolved = addCaseNote(deps, followUpItem({ status: 'resolved' }), {
      by: OWNER,
      note: 'x',
    });
    const meanwhile = addCaseNote(deps, followUpItem(), { by: OWNER, note: 'x' });

    // Assess
    await expect(resolved).rejects.toBeInstanceOf(FollowUpAlreadyResolvedError);
    await expect(meanwhile).rejects.toBeInstanceOf(FollowUpAlreadyResolvedError);
    expect(ddb).not.toReceiveCommand(PutCommand);
  });
});

describe('Store: caseEvents', () => {
  it("reads a case's events from its partition, earliest first, skipping items of another shape", async () => {
    // Prepare
    const event: CaseEvent = {
      followUpId: SURVEY_ID,
      eventId: 'abc',
      kind: 'note',
      at: NOW.toISOString(),
      by: OWNER,
      text: 'n',
    };
    ddb.on(QueryCommand).resolves({ Items: [event, { kind: 'unknown' }] });

    // Act
    const events = await deps.caseEvents.list(SURVEY_ID);

    // Assess
    expect(events).toEqual([event]);
    const query = ddb.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(query?.IndexName).toBeUndefined();
    expect(Object.values(query?.ExpressionAttributeValues ?? {})).toEqual([
      followUpKey(SURVEY_ID).pk,
      'EVENT#',
    ]);
  });
});

describe('Rule: caseTimeline', () => {
  const NEW_OWNER_HASH = emailKey('nina@example.com');
  const events: CaseEvent[] = [
    {
      followUpId: SURVEY_ID,
      eventId: '1',
      kind: 'reassigned',
      at: '2025-03-10T10:00:00.000Z',
      by: OWNER,
      toName: 'Nina New',
      toEmailHash: NEW_OWNER_HASH,
    },
    {
      followUpId: SURVEY_ID,
      eventId: '2',
      kind: 'note',
      at: '2025-03-10T11:00:00.000Z',
      by: `owner:${NEW_OWNER_HASH}`,
      text: 'Looking into it',
    },
  ];

  it('puts what the case records and its events in time order, with who did each', () => {
    // Prepare: the first owner handed the case to Nina, who wrote a note; the lead resolved.
    const followUp = followUpItem({
      owner: { email: 'nina@example.com', name: 'Nina New' },
      ownerNotifiedAt: '2025-03-10T10:00:01.000Z',
      escalatedAt: '2025-03-10T10:30:00.000Z',
      status: 'resolved',
      resolvedAt: '2025-03-10T12:00:00.000Z',
      resolvedBy: `escalation:${emailKey('lead@example.com')}`,
    });

    // Act
    const timeline = caseTimeline(followUp, events);

    // Assess
    expect(timeline.map((e) => [e.kind, e.by])).toEqual([
      ['opened', { kind: 'system' }],
      // Olga, the first owner, is no longer on the case: her role is all that is known.
      ['reassigned', { kind: 'owner' }],
      ['owner-notified', { kind: 'system' }],
      ['escalated', { kind: 'system' }],
      ['note', { kind: 'person', name: 'Nina New' }],
      ['resolved', { kind: 'person', name: 'Lena Lead' }],
    ]);
    expect(timeline[1]?.toName).toBe('Nina New');
    expect(timeline[4]?.text).toBe('Looking into it');
  });

  it('names an owner a reassignment named, and an admin by identity', () => {
    // Act
    const nina = actorOf(followUpItem(), events, `owner:${NEW_OWNER_HASH}`);
    const admin = actorOf(followUpItem(), events, 'admin-7');

    // Assess
    expect(nina).toEqual({ kind: 'person', name: 'Nina New' });
    expect(admin).toEqual({ kind: 'admin', id: 'admin-7' });
  });
});

describe('Rule: resolutionSchema (API and page alike)', () => {
  const base = { rootCause: 'process', correctiveAction: 'Moved the checks' };

  it('tells the requester by default in the API body and on the page form alike', () => {
    // Prepare: the page's form as it opens, the choice left as it starts.
    const page = casePage(caseView());
    const checked = /name="notifyRequester" value="(\w+)" checked/.exec(page)?.[1];

    // Act
    const api = resolutionSchema.parse({ ...base, messageToRequester: 'Fixed' });
    const form = resolutionSchema.parse({
      ...base,
      notifyRequester: checked,
      messageToRequester: 'Fixed',
    });

    // Assess
    expect(api.notifyRequester).toBe(NOTIFY_REQUESTER_BY_DEFAULT);
    expect(form.notifyRequester).toBe(NOTIFY_REQUESTER_BY_DEFAULT);
  });

  it('requires the message when the requester is told, and only then', () => {
    // Act
    const told = resolutionSchema.safeParse({ ...base, notifyRequester: true });
    const blank = resolutionSchema.safeParse({ ...base, messageToRequester: '   ' });
    const notTold = resolutionSchema.parse({
      ...base,
      notifyRequester: 'no',
      messageToRequester: 'a draft',
    });

    // Assess
    expect(told.error?.issues.map((i) => i.path)).toEqual([['messageToRequester']]);
    expect(blank.error?.issues.map((i) => i.path)).toEqual([['messageToRequester']]);
    // The corrective action is never what the requester is sent; an unsent draft is dropped.
    expect(notTold).toEqual({ ...base, notifyRequester: false, messageToRequester: undefined });
  });

  it('lists every field to fix at once', () => {
    // Act
    const result = resolutionSchema.safeParse({ rootCause: '', correctiveAction: ' ' });

    // Assess
    expect(result.error?.issues.map((i) => i.path[0])).toEqual([
      'rootCause',
      'correctiveAction',
      'messageToRequester',
    ]);
  });
});
