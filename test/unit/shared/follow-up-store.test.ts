import { BatchGetCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { followUpStore } from '#shared/data/follow-up-store.ts';
import { FollowUpNotFoundError } from '#shared/data/not-found-errors.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { documentClient, followUpItem, NOW, SURVEY_ID, TABLE } from '#test/helpers/ddb-fixtures.ts';
import { conditionFailed } from '#test/helpers/sdk-errors.ts';
import { decodeUpdate, expectNewItemOnly, readable } from '#test/helpers/sent-commands.ts';

const { ddb } = mockAws({ table: 'empty' });
const followUps = followUpStore({ db: documentClient(), tableName: TABLE });
const AT = NOW.toISOString();
const DUE = '2025-03-12T00:00:00.000Z';
const KEY = { pk: `FOLLOWUP#${SURVEY_ID}`, sk: 'FOLLOWUP' };

const lastUpdate = () => decodeUpdate(ddb.commandCalls(UpdateCommand).at(-1)?.args[0].input);

/** Both work-list entries of a case: all units' (gsi2) and its unit's (gsi1). */
const workLists = (status: string, unit: string, sortAt: string) => ({
  gsi2pk: `FOLLOWUPS#${status}`,
  gsi2sk: sortAt,
  gsi1pk: `FOLLOWUPS#${status}#${unit}`,
  gsi1sk: sortAt,
});

describe('Store: follow-ups (work lists)', () => {
  it('opens a case once, on both work lists of open cases, sorted by its due time', () => {
    // Act
    const part = followUps.openItem(followUpItem());

    // Assess
    expect(part.Put?.Item).toEqual({
      ...KEY,
      ...followUpItem(),
      ...workLists('open', 'bu-fin', DUE),
    });
    expectNewItemOnly(part.Put);
  });

  it('escalates with both partition and sort keys of the overdue lists (the due time)', async () => {
    // Act
    const moved = await followUps.transition(followUpItem(), ['open'], 'overdue', {
      updatedAt: AT,
      escalatedAt: AT,
    });

    // Assess: before, an escalation set gsi2pk only and left the sort key to chance
    expect(moved).toBe(true);
    expect(ddb).toReceiveCommandWith(UpdateCommand, { TableName: TABLE, Key: KEY });
    expect(lastUpdate()).toEqual({
      set: {
        status: 'overdue',
        updatedAt: AT,
        escalatedAt: AT,
        ...workLists('overdue', 'bu-fin', DUE),
      },
      setIfAbsent: {},
      add: {},
      remove: [],
      condition: 'status = "open"',
    });
  });

  it('sorts a resolved case by the time it was resolved', () => {
    // Act
    const part = followUps.transitionItem(followUpItem(), ['open', 'overdue'], 'resolved', {
      updatedAt: AT,
      resolvedAt: AT,
    });

    // Assess
    expect(decodeUpdate(part.Update)).toMatchObject({
      set: { status: 'resolved', ...workLists('resolved', 'bu-fin', AT) },
      condition: 'status IN ("open", "overdue")',
    });
  });

  it.each([
    ['its registered business unit', 'bu-hr', 'bu-hr'],
    ['unassigned', 'unassigned', 'unassigned'],
    ['a dash when it has no business unit (a case from before the registry)', undefined, '-'],
  ])("keys a case's unit list by %s", (_label, businessUnit, unit) => {
    // Act
    const part = followUps.openItem(followUpItem({ businessUnit }));

    // Assess
    expect(part.Put?.Item).toMatchObject({ gsi1pk: `FOLLOWUPS#open#${unit}` });
  });

  it('answers false when the case is not in one of the statuses', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(conditionFailed());

    // Act
    const moved = await followUps.transition(followUpItem(), ['open'], 'overdue', {
      updatedAt: AT,
    });

    // Assess
    expect(moved).toBe(false);
  });

  it("lists all units' cases of a status, or one unit's, within sort-time bounds", async () => {
    // Prepare
    // The work-list indexes carry no case attributes: the cases are read by key.
    const key = { pk: `FOLLOWUP#${SURVEY_ID}`, sk: 'FOLLOWUP' };
    ddb.on(QueryCommand).resolves({ Items: [key, { pk: 'FOLLOWUP#broken', sk: 'FOLLOWUP' }] });
    ddb.on(BatchGetCommand).resolves({
      Responses: {
        [TABLE]: [
          { pk: 'FOLLOWUP#broken', sk: 'FOLLOWUP' },
          { ...key, ...followUpItem() },
        ],
      },
    });

    // Act
    const all = await followUps.listByStatus('open', { limit: 50 });
    const unit = await followUps.listByStatus('resolved', {
      unit: 'bu-fin',
      between: { from: 'a', to: 'b' },
    });

    // Assess
    expect(all).toEqual([followUpItem()]);
    expect(unit).toEqual([followUpItem()]);
    const [first, second] = ddb.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(first).toMatchObject({ IndexName: 'gsi2', Limit: 50 });
    expect(readable(first?.KeyConditionExpression, first ?? {})).toBe('gsi2pk = "FOLLOWUPS#open"');
    expect(second).toMatchObject({ IndexName: 'gsi1' });
    expect(ddb).toReceiveCommandTimes(BatchGetCommand, 2);
    expect(readable(second?.KeyConditionExpression, second ?? {})).toBe(
      'gsi1pk = "FOLLOWUPS#resolved#bu-fin" AND gsi1sk BETWEEN "a" AND "b"'
    );
  });
});

describe('Store: follow-ups (reads and marks)', () => {
  it('returns the parsed case, and throws FollowUpNotFoundError for an unknown one', async () => {
    // Prepare
    ddb
      .on(GetCommand, { Key: KEY })
      .resolvesOnce({ Item: { ...KEY, ...followUpItem() } })
      .resolves({});

    // Act
    const found = await followUps.get(SURVEY_ID);
    const act = followUps.get(SURVEY_ID);

    // Assess
    expect(found).toEqual(followUpItem());
    await expect(act).rejects.toBeInstanceOf(FollowUpNotFoundError);
  });

  it('assigns an existing, unresolved case only', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejectsOnce(conditionFailed()).resolves({});
    const owner = { email: 'new@example.com', name: 'New' };

    // Act
    const refused = await followUps.assign(SURVEY_ID, owner, AT);
    const assigned = await followUps.assign(SURVEY_ID, owner, AT);

    // Assess
    expect([refused, assigned]).toEqual([undefined, 1]);
    expect(lastUpdate()).toMatchObject({
      set: { owner, updatedAt: AT },
      add: { ownerGeneration: 1 },
      condition: 'attribute_exists(pk) AND status IN ("open", "overdue")',
    });
  });

  it('claims the closing mail once and gives the claim back', async () => {
    // Prepare
    ddb.on(UpdateCommand).resolvesOnce({}).rejectsOnce(conditionFailed()).resolves({});

    // Act
    const claimed = await followUps.claimClosingMail(SURVEY_ID, AT);
    const again = await followUps.claimClosingMail(SURVEY_ID, AT);
    await followUps.releaseClosingMail(SURVEY_ID);

    // Assess
    expect([claimed, again]).toEqual([true, false]);
    const [claim, , release] = ddb
      .commandCalls(UpdateCommand)
      .map((call) => decodeUpdate(call.args[0].input));
    expect(claim).toMatchObject({
      set: { closingEmailSentAt: AT },
      condition: 'attribute_not_exists(closingEmailSentAt)',
    });
    expect(release).toMatchObject({ remove: ['closingEmailSentAt'], condition: undefined });
  });

  it('parks a task token on an unresolved case only', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(conditionFailed());

    // Act
    const parked = await followUps.parkTaskToken(SURVEY_ID, 'case-1');

    // Assess
    expect(parked).toBe(false);
    expect(lastUpdate()).toMatchObject({
      set: { taskToken: 'case-1' },
      condition: 'status IN ("open", "overdue")',
    });
  });
});
