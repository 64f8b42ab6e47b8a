/**
 * The one DynamoDB table's key schema, shared by the CDK stateful stack and the local
 * runtime's table bootstrap, so the two can never drift. See docs/data-model.md for the
 * item types stored in it and the access patterns each index serves.
 */
export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N';
}

export interface IndexSchema {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
}

export interface TableSchema {
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
  readonly globalSecondaryIndexes: readonly IndexSchema[];
  /** Attribute holding an epoch-seconds expiry; DynamoDB deletes the item some time after it. */
  readonly timeToLiveAttribute: string;
}

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
    },
    {
      // Work lists: surveys by status (sharded), all units' cases by status and due time.
      indexName: 'gsi2',
      partitionKey: { name: 'gsi2pk', type: 'S' },
      sortKey: { name: 'gsi2sk', type: 'S' },
    },
  ],
  timeToLiveAttribute: 'expiresAt',
};

/** The table's physical name for a stage; the CDK stack and the local runtime both use it. */
export const tableNameFor = (stage: string): string => `otklik-${stage}`;
