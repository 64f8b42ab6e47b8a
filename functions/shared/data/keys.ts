import { createHash } from 'node:crypto';

/**
 * Every key of the single table (docs/data-model.md), and the names of its key attributes
 * and indexes: the one place they are spelled. Stores build items and queries from these,
 * so no use case ever writes a key or an index attribute by hand; a unit test
 * (keys-only-in-keys) fails when a key prefix shows up anywhere else in functions/.
 */

/** An index (or the table itself) and the attributes of its partition and sort key. */
export interface IndexKeys {
  /** Undefined for the table's own primary key. */
  readonly indexName: string | undefined;
  readonly pk: string;
  readonly sk: string;
}

export const PRIMARY_KEY = { indexName: undefined, pk: 'pk', sk: 'sk' } as const;
/** Lookups: a ticket's surveys, all units' aggregates of a month, one unit's cases by status. */
export const GSI1 = { indexName: 'gsi1', pk: 'gsi1pk', sk: 'gsi1sk' } as const;
/** Work lists: surveys by status (sharded), all units' cases by status. */
export const GSI2 = { indexName: 'gsi2', pk: 'gsi2pk', sk: 'gsi2sk' } as const;

/** The epoch-seconds attribute DynamoDB's TTL deletes an item by (lib/config/table-schema.ts). */
export const TTL_ATTRIBUTE = 'expiresAt';

/** Epoch seconds for the TTL attribute. */
export const epochSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);

/** One partition of the table or an index, to query. */
export interface Partition {
  readonly index: IndexKeys;
  readonly value: string;
}

/**
 * A stable shard 0…shards-1 for an id (any string): the same id always lands in the same
 * shard, and ids spread evenly, so a status list is several partitions, none of them hot.
 */
export const shardOf = (id: string, shards: number): number =>
  createHash('sha256').update(id).digest().readUInt32BE(0) % shards;

// Surveys, their responses and their mails.

export const surveyKey = (surveyId: string) => ({ pk: `SURVEY#${surveyId}`, sk: 'SURVEY' });
export const responseKey = (surveyId: string) => ({ pk: `SURVEY#${surveyId}`, sk: 'RESPONSE' });
/**
 * The survey's workflow state beside it: the task token that waits and the mail attempts.
 * Kept off the survey item so the survey's frequent writes stay under 1 KB (a task token
 * on AWS is several hundred characters); deleted by TTL.
 */
export const surveyTaskKey = (surveyId: string) => ({ pk: `SURVEY#${surveyId}`, sk: 'TASK' });

/**
 * What SES did with one send attempt of a survey mail, by the attempt id (the SES tag
 * `otklik-attempt`): the Send event's receipt, or our own record of a refusal.
 */
export const mailReceiptKey = (attemptId: string) => ({
  pk: `MAILRECEIPT#${attemptId}`,
  sk: 'RECEIPT',
});

/** A ticket's surveys on gsi1, sorted by `<source>#<resolvedAt>`. */
export const ticketSurveysEntry = (ticketId: string, source: string, resolvedAt: string) => ({
  [GSI1.pk]: `TICKET#${ticketId}`,
  [GSI1.sk]: `${source}#${resolvedAt}`,
});
export const ticketSurveysPartition = (ticketId: string): Partition => ({
  index: GSI1,
  value: `TICKET#${ticketId}`,
});
/** The sort-key prefix of one source's surveys within a ticket's partition. */
export const ticketSourcePrefix = (source: string): string => `${source}#`;

/** Shards of the survey status work list: statuses are few, surveys many. */
export const SURVEY_STATUS_SHARDS = 8;

const surveyStatusKey = (status: string, shard: number) => `SURVEYSTATUS#${status}#${shard}`;

/** A survey on the status work list (gsi2), in its id's shard, sorted by its last change. */
export const surveyStatusEntry = (surveyId: string, status: string, changedAt: string) => ({
  [GSI2.pk]: surveyStatusKey(status, shardOf(surveyId, SURVEY_STATUS_SHARDS)),
  [GSI2.sk]: changedAt,
});
/** The attributes of a survey's work-list entry: removed, it leaves the index. */
export const SURVEY_WORK_LIST_KEYS: readonly string[] = [GSI2.pk, GSI2.sk];
/** Every shard of one status's work list. */
export const surveyStatusPartitions = (status: string): Partition[] =>
  Array.from({ length: SURVEY_STATUS_SHARDS }, (_unused, shard) => ({
    index: GSI2,
    value: surveyStatusKey(status, shard),
  }));

// Follow-up cases.

export const followUpKey = (followUpId: string) => ({
  pk: `FOLLOWUP#${followUpId}`,
  sk: 'FOLLOWUP',
});

/** The sort-key prefix of a case's events, kept in the case's partition beside it. */
const CASE_EVENT_PREFIX = 'EVENT#';

/** One event on a case's timeline (a note, a reassignment), sorted by its time. */
export const caseEventKey = (followUpId: string, at: string, eventId: string) => ({
  pk: followUpKey(followUpId).pk,
  sk: `${CASE_EVENT_PREFIX}${at}#${eventId}`,
});
/** A case's events: its partition's sort keys with the event prefix. */
export const caseEventsQuery = (followUpId: string) => ({
  partition: { index: PRIMARY_KEY, value: followUpKey(followUpId).pk } satisfies Partition,
  range: { beginsWith: CASE_EVENT_PREFIX },
});

const allUnitsCasesKey = (status: string) => `FOLLOWUPS#${status}`;
const unitCasesKey = (status: string, unit: string) => `FOLLOWUPS#${status}#${unit}`;

/**
 * A case on both work lists of its status: all units' (gsi2) and its business unit's
 * (gsi1), each sorted by the same time, so either list reads earliest first.
 */
export const followUpWorkListEntries = (status: string, unit: string, sortAt: string) => ({
  [GSI2.pk]: allUnitsCasesKey(status),
  [GSI2.sk]: sortAt,
  [GSI1.pk]: unitCasesKey(status, unit),
  [GSI1.sk]: sortAt,
});
/** All units' cases of a status, or one unit's. */
export const followUpWorkListPartition = (status: string, unit?: string): Partition =>
  unit === undefined
    ? { index: GSI2, value: allUnitsCasesKey(status) }
    : { index: GSI1, value: unitCasesKey(status, unit) };

// People, links, deliveries, tickets, probes.

export const personKey = (emailHash: string) => ({ pk: `PERSON#${emailHash}`, sk: 'PROFILE' });
export const tokenKey = (tokenHash: string) => ({ pk: `TOKEN#${tokenHash}`, sk: 'TOKEN' });
export const deliveryKey = (source: string, deliveryId: string) => ({
  pk: `DELIVERY#${source}#${deliveryId}`,
  sk: 'DELIVERY',
});
/**
 * A webhook's signed content, by its SHA-256: the same signed event is one delivery whatever
 * delivery id it comes with (Jira's identifier and Zendesk's invocation id are not signed).
 */
export const signedContentKey = (source: string, contentHash: string) => ({
  pk: `SIGNED#${source}#${contentHash}`,
  sk: 'SIGNED',
});
/** What we know of a ticket's lifecycle across events (the last reopening). */
export const ticketStateKey = (source: string, ticketId: string) => ({
  pk: `TICKETSTATE#${source}#${ticketId}`,
  sk: 'STATE',
});
/** The callback probe's item; the probe workflow's ASL writes the same key. */
export const probeKey = (probeId: string) => ({ pk: `PROBE#${probeId}`, sk: 'PROBE' });

// CSI aggregates.

type Ref = { id?: string | undefined; name: string } | undefined;

/** A business unit's or service's part of a key: its id, else its name, else `-`; never a `#`. */
export const unitKeyPart = (ref: Ref): string => (ref?.id ?? ref?.name ?? '-').replace(/#/g, '_');

const dimensionParts = (dimension: string) => {
  const [unit = '-', service = '-'] = dimension.split('#');
  return { unit, service };
};

/**
 * `<businessUnit>#<service>` of key parts: the aggregate's dimension. The unit part is the
 * registered unit's id, or an unassigned value's part (`unassigned~<hash>`).
 */
export const aggregateDimension = (unitPart: string, service: Ref): string =>
  `${unitPart.replace(/#/g, '_')}#${unitKeyPart(service)}`;

/** The same dimension with another unit part: where a re-attributed counter goes. */
export const dimensionOfUnit = (dimension: string, unitPart: string): string =>
  `${unitPart.replace(/#/g, '_')}#${dimensionParts(dimension).service}`;

const unitAggregatesKey = (unit: string) => `AGG#CSI#BU#${unit}`;

/** CSI counters of a day × business unit × service: one partition per business unit. */
export const csiAggregateKey = (day: string, dimension: string) => {
  const { unit, service } = dimensionParts(dimension);
  return { pk: unitAggregatesKey(unit), sk: `${day}#${service}` };
};
/** The same aggregate on gsi1 in its month's partition (all units), sorted by day. */
export const csiAggregateMonthEntry = (day: string, dimension: string) => ({
  [GSI1.pk]: `AGG#CSI#MONTH#${day.slice(0, 7)}`,
  [GSI1.sk]: `${day}#${dimension}`,
});
export const csiAggregateMonthPartition = (month: string): Partition => ({
  index: GSI1,
  value: `AGG#CSI#MONTH#${month}`,
});
export const csiAggregateUnitPartition = (unit: string): Partition => ({
  index: PRIMARY_KEY,
  value: unitAggregatesKey(unit),
});
/**
 * Sort-key bounds of the days `from`…`to` (inclusive) in either aggregate partition: every
 * sort key starts with its day and a `#`, which sorts before `~`.
 */
export const csiAggregateDayRange = (from: string, to: string) => ({
  from,
  to: `${to}~`,
});

// The audit log (docs/access.md).

/** One audit record: who read or changed what through an admin route, and when. */
export const auditKey = (auditId: string) => ({ pk: `AUDIT#${auditId}`, sk: 'AUDIT' });

const AUDIT_LOG = 'AUDITLOG';
const actorAuditLogKey = (actor: string) => `AUDITLOG#ACTOR#${actor}`;

/**
 * An audit record on both of its lists, each sorted by its time: everyone's (gsi2) and its
 * actor's (gsi1), so `GET /v1/audit` reads either in one query, never a scan.
 */
export const auditLogEntries = (actor: string, at: string, auditId: string) => ({
  [GSI2.pk]: AUDIT_LOG,
  [GSI2.sk]: `${at}#${auditId}`,
  [GSI1.pk]: actorAuditLogKey(actor),
  [GSI1.sk]: `${at}#${auditId}`,
});
/** Everyone's audit records, or one actor's (by their subject). */
export const auditLogPartition = (actor?: string): Partition =>
  actor === undefined
    ? { index: GSI2, value: AUDIT_LOG }
    : { index: GSI1, value: actorAuditLogKey(actor) };
/**
 * Sort-key bounds of the records from `from` to `to`, inclusive (ISO dates or times): every
 * sort key starts with its ISO time and a `#`, so `to` followed by `~` takes in the whole
 * day of a date and the very instant of a time.
 */
export const auditLogRange = (from: string, to: string) => ({ from, to: `${to}~` });

// Sign-in: browser sessions and the state of a sign-in under way (docs/sign-in.md).

/** A browser session, by the SHA-256 (hex) of its id: the id itself is only in the cookie. */
export const sessionKey = (sessionIdHash: string) => ({
  pk: `SESSION#${sessionIdHash}`,
  sk: 'SESSION',
});
/** A sign-in under way, by the SHA-256 (hex) of its OAuth `state`; deleted when used. */
export const signInStateKey = (stateHash: string) => ({
  pk: `SIGNIN#${stateHash}`,
  sk: 'SIGNIN',
});

// The business-unit registry (docs/business-units.md).

/** A registered business unit, by its id (a slug). */
export const businessUnitKey = (unitId: string) => ({ pk: `BU#${unitId}`, sk: 'UNIT' });
/** Every registered unit on gsi1, one partition, sorted by id: the registry is a few dozen units. */
export const businessUnitListEntry = (unitId: string) => ({
  [GSI1.pk]: 'BUSINESSUNITS',
  [GSI1.sk]: unitId,
});
export const businessUnitListPartition: Partition = { index: GSI1, value: 'BUSINESSUNITS' };

/**
 * An alias of a unit, by its source and normalised value: resolving a ticket's unit is a
 * read by key, and a conditional put refuses an alias another unit holds.
 */
export const unitAliasKey = (source: string, value: string) => ({
  pk: `UNITALIAS#${source}#${value}`,
  sk: 'ALIAS',
});

const unassignedPartition = (source: string, value: string) => `UNASSIGNED#${source}#${value}`;

/** An unassigned raw value of a source: its count, first and last seen. */
export const unassignedValueKey = (source: string, value: string) => ({
  pk: unassignedPartition(source, value),
  sk: 'VALUE',
});
/** Every unassigned value on gsi1, one partition (written once per value, keys only). */
export const unassignedListEntry = (source: string, value: string) => ({
  [GSI1.pk]: 'UNASSIGNED',
  [GSI1.sk]: `${source}#${value}`,
});
export const unassignedListPartition: Partition = { index: GSI1, value: 'UNASSIGNED' };

const UNASSIGNED_SURVEY_PREFIX = 'SURVEY#';
/** A survey recorded under an unassigned value, beside the value: what mapping it moves. */
export const unassignedSurveyKey = (source: string, value: string, surveyId: string) => ({
  pk: unassignedPartition(source, value),
  sk: `${UNASSIGNED_SURVEY_PREFIX}${surveyId}`,
});
export const unassignedSurveysQuery = (source: string, value: string) => ({
  partition: {
    index: PRIMARY_KEY,
    value: unassignedPartition(source, value),
  } satisfies Partition,
  range: { beginsWith: UNASSIGNED_SURVEY_PREFIX },
});
