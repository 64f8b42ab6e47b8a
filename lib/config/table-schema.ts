/**
 * The one DynamoDB table's key schema, shared by the CDK stateful stack and the local
 * runtime's table bootstrap, so the two can never drift. See docs/data-model.md for the
 * item types stored in it and the access patterns each index serves.
 */
export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N';
}

/**
 * What an index copies of each item besides the keys: nothing (`KEYS_ONLY`), or a few
 * attributes its queries read (`INCLUDE`). Never `ALL`: an index that copies every
 * attribute is rewritten by every update of its items, even one that moves no index key
 * (issue 8: 60 % of the writes per ticket). A query that needs more reads the items by key.
 */
export type IndexProjection =
  | { readonly type: 'KEYS_ONLY' }
  | { readonly type: 'INCLUDE'; readonly attributes: readonly string[] };

export interface IndexSchema {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
  readonly projection: IndexProjection;
}

export interface TableSchema {
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
  readonly globalSecondaryIndexes: readonly IndexSchema[];
  /** Attribute holding an epoch-seconds expiry; DynamoDB deletes the item some time after it. */
  readonly timeToLiveAttribute: string;
}

/**
 * The survey attributes the status work list (gsi2) carries: what reconcile needs to
 * restart a survey's workflow with its remaining waits (functions/platform/reconcile/).
 */
export const SURVEY_WORK_LIST_ATTRIBUTES = [
  'surveyId',
  'status',
  'statusReason',
  'sendAt',
  'sentAt',
  'remindedAt',
  'closesAt',
  'reconcileRetries',
] as const;

export const tableSchema: TableSchema = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalSecondaryIndexes: [
    {
      // Lookups: a ticket's surveys, all units' aggregates of a month, one unit's cases
      // (functions/shared/data/keys.ts, docs/data-model.md).
      indexName: 'gsi1',
      partitionKey: { name: 'gsi1pk', type: 'S' },
      sortKey: { name: 'gsi1sk', type: 'S' },
      // Each lookup reads the items it finds by key (BatchGetItem): the aggregates it finds
      // change on every counted event, so copying them here would double those writes.
      projection: { type: 'KEYS_ONLY' },
    },
    {
      // Work lists: surveys by status (sharded), all units' cases by status and due time.
      indexName: 'gsi2',
      partitionKey: { name: 'gsi2pk', type: 'S' },
      sortKey: { name: 'gsi2sk', type: 'S' },
      // What the reconcile pass reads of a survey, so a pass over many is one query per
      // page and no read of the items. Each of these changes only with the status (a
      // transition moves gsi2pk anyway), so no other write touches the index. Cases are
      // read by key after the query.
      projection: { type: 'INCLUDE', attributes: SURVEY_WORK_LIST_ATTRIBUTES },
    },
  ],
  timeToLiveAttribute: 'expiresAt',
};

/** The table's physical name for a stage; the CDK stack and the local runtime both use it. */
export const tableNameFor = (stage: string): string => `otklik-${stage}`;
