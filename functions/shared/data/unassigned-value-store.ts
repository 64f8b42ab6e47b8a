import { z } from 'zod';
import { ALIAS_SOURCES, type AliasSource } from '../kernel/business-unit-alias.ts';
import { equals } from './expression.ts';
import {
  itemStore,
  NEW_ITEM,
  primaryKeyOf,
  queryThenGet,
  type Item,
  type Table,
} from './item-store.ts';
import {
  unassignedListEntry,
  unassignedListPartition,
  unassignedSurveyKey,
  unassignedSurveysQuery,
  unassignedValueKey,
} from './keys.ts';
import { rawUnitSchema } from './unit-fields.ts';

/** A business-unit value no alias matched, per source: what the quality team maps. */
export const unassignedValueSchema = z.object({
  source: z.enum(ALIAS_SOURCES),
  /** The normalised value it is recorded under (the id if the source sent one, else the name). */
  value: z.string(),
  /** The unit as the source last sent it. */
  raw: rawUnitSchema,
  /** The aggregate key part its counters are kept under (`unassigned~<hash>`). */
  unitPart: z.string(),
  /** Surveys recorded under it and not yet moved (0 once mapped). */
  count: z.number().int().nonnegative(),
  /** The unit it was last mapped to (its counters moved there); cleared by a new sighting. */
  mappedTo: z.string().optional(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
});
export type UnassignedValue = z.infer<typeof unassignedValueSchema>;

const parsedAll = (found: readonly Item[]): UnassignedValue[] =>
  found.flatMap((item) => {
    const parsed = unassignedValueSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });

export interface UnassignedSighting {
  readonly source: AliasSource;
  readonly value: string;
  readonly raw: z.infer<typeof rawUnitSchema>;
  readonly unitPart: string;
  readonly surveyId: string;
  readonly at: string;
}

/**
 * The unassigned values and, beside each, one small item per survey recorded under it, so
 * mapping the value later finds exactly those surveys (a query of its partition).
 */
export const unassignedValueStore = (table: Table) => {
  const items = itemStore(table);
  return {
    /**
     * Records a survey under its unassigned value: the survey's item (once; a retried
     * delivery adds nothing), then, only for a new one, the value's count and last sighting.
     * Two single writes, only for a ticket whose unit no alias knows.
     */
    record: async (sighting: UnassignedSighting): Promise<void> => {
      const { source, value, surveyId, at } = sighting;
      const isNew = await items.put(
        { ...unassignedSurveyKey(source, value, surveyId), surveyId, recordedAt: at },
        NEW_ITEM
      );
      if (!isNew) return;
      await items.update({
        key: unassignedValueKey(source, value),
        set: { source, value, raw: sighting.raw, unitPart: sighting.unitPart, lastSeenAt: at },
        setIfAbsent: { firstSeenAt: at, ...unassignedListEntry(source, value) },
        add: { count: 1 },
        remove: ['mappedTo'],
      });
    },

    /** One page of the unassigned values, by source and value, from `start`. */
    page: async (query: {
      readonly limit: number;
      readonly start?: Record<string, unknown> | undefined;
    }): Promise<{ values: UnassignedValue[]; next: Record<string, unknown> | undefined }> => {
      const page = await items.queryPage(unassignedListPartition, query);
      const found = await items.batchGet(
        page.items.flatMap((entry) => {
          const key = primaryKeyOf(entry);
          return key ? [key] : [];
        })
      );
      return { values: parsedAll(found), next: page.next };
    },

    /** Every unassigned value (eventually consistent, like the list index). */
    list: async (): Promise<UnassignedValue[]> =>
      parsedAll(await queryThenGet(items, unassignedListPartition)),

    /** One page of the surveys recorded under a value. */
    surveysPage: async (source: AliasSource, value: string, limit: number): Promise<string[]> => {
      const { partition, range } = unassignedSurveysQuery(source, value);
      const page = await items.queryPage(partition, { range, limit });
      return page.items.flatMap((item) =>
        typeof item.surveyId === 'string' && primaryKeyOf(item) ? [item.surveyId] : []
      );
    },

    /** A survey is attributed now: it leaves its value's list. */
    removeSurvey: async (source: AliasSource, value: string, surveyId: string): Promise<void> => {
      await items.delete(unassignedSurveyKey(source, value, surveyId));
    },

    /**
     * The value is mapped and every survey moved: its count goes to 0 (the list leaves it
     * out), unless more were recorded since it was read (the next run moves those too). The
     * record stays, so a run for the same alias again finds its counters' key part.
     * @returns false when more were recorded meanwhile
     */
    markMapped: async (recorded: UnassignedValue, unitId: string): Promise<boolean> =>
      (
        await items.update({
          key: unassignedValueKey(recorded.source, recorded.value),
          set: { count: 0, mappedTo: unitId },
          when: equals('count', recorded.count),
        })
      ).applied,
  };
};
export type UnassignedValueStore = ReturnType<typeof unassignedValueStore>;
