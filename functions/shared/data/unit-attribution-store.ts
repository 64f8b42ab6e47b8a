import { UNASSIGNED } from '../kernel/business-unit-alias.ts';
import { COUNTERS } from './aggregate.ts';
import { aggregateStore } from './aggregate-store.ts';
import { absent, allOf, equals, exists, type Condition } from './expression.ts';
import { followUpSchema } from './follow-up.ts';
import { itemStore, type Item, type ItemStore, type Table } from './item-store.ts';
import {
  csiAggregateKey,
  csiAggregateUnitPartition,
  dimensionOfUnit,
  followUpKey,
  followUpWorkListEntries,
  GSI1,
  responseKey,
  surveyKey,
} from './keys.ts';
import { surveySchema } from './survey.ts';
import { conditionFailed, transactWrite } from './transact.ts';

/** Tries at a case another write changes meanwhile (an escalation, a resolution). */
const CASE_TRIES = 3;

/** The counters of an aggregate item exactly as read: what its move is conditional on. */
const countersAsRead = (item: Item): Condition =>
  allOf(
    exists('pk'),
    ...COUNTERS.map((counter) =>
      item[counter] === undefined ? absent(counter) : equals(counter, item[counter])
    )
  );

const countersOf = (item: Item) =>
  Object.fromEntries(
    COUNTERS.map((counter) => {
      const value = item[counter];
      return [counter, typeof value === 'number' ? value : 0];
    })
  );

const text = (value: unknown): string => (typeof value === 'string' ? value : '-');

/** The case of a survey to its unit, its unit work list with it. */
const attributeCase = async (
  items: ItemStore,
  followUpId: string,
  unitId: string
): Promise<void> => {
  for (let tries = 0; tries < CASE_TRIES; tries += 1) {
    const item = await items.get(followUpKey(followUpId));
    const parsed = followUpSchema.safeParse(item);
    if (!item || !parsed.success || parsed.data.businessUnit === unitId) return;
    const followUp = parsed.data;
    const sortKey = item[GSI1.sk];
    const sortAt = typeof sortKey === 'string' ? sortKey : followUp.dueAt;
    const unitList = followUpWorkListEntries(followUp.status, unitId, sortAt);
    const { applied } = await items.update({
      key: followUpKey(followUpId),
      set: {
        businessUnit: unitId,
        aggregateDimension: dimensionOfUnit(followUp.aggregateDimension, unitId),
        [GSI1.pk]: unitList[GSI1.pk],
      },
      when: allOf(exists('pk'), equals('status', followUp.status)),
    });
    if (applied) return;
  }
};

/**
 * The writes that attribute what was recorded as `unassigned` to a registered unit
 * (docs/business-units.md#re-attribution): a survey with its response and case, and an
 * unassigned value's aggregates. Each is idempotent: a second run finds nothing left to move.
 */
export const unitAttributionStore = (table: Table) => {
  const items = itemStore(table);
  const aggregates = aggregateStore(table);

  return {
    /**
     * A survey recorded as unassigned to `unitId`: the survey (only while it is unassigned,
     * its aggregate dimension with it, so its later counters go to the unit), its response
     * and its case. A survey attributed already only has its response and case checked.
     * @returns false when there is no such survey
     */
    attributeSurvey: async (surveyId: string, unitId: string): Promise<boolean> => {
      const parsed = surveySchema.safeParse(await items.get(surveyKey(surveyId)));
      if (!parsed.success) return false;
      const survey = parsed.data;
      if (survey.businessUnit === UNASSIGNED)
        await items.update({
          key: surveyKey(surveyId),
          set: {
            businessUnit: unitId,
            aggregateDimension: dimensionOfUnit(survey.aggregateDimension, unitId),
          },
          when: allOf(
            equals('businessUnit', UNASSIGNED),
            equals('aggregateDimension', survey.aggregateDimension)
          ),
        });
      await items.update({
        key: responseKey(surveyId),
        set: { businessUnit: unitId },
        when: exists('pk'),
      });
      if (survey.followUpId !== undefined) await attributeCase(items, survey.followUpId, unitId);
      return true;
    },

    /**
     * Moves up to `limit` aggregates of an unassigned value's key part to the unit's: per
     * aggregate one transaction that adds its counters to the unit's day × service and
     * deletes it, conditional on its counters being as read (a counter that changed
     * meanwhile leaves it for the next page).
     * @returns how many moved, and whether any are left in the part
     */
    moveAggregates: async (
      fromPart: string,
      unitId: string,
      limit: number
    ): Promise<{ moved: number; more: boolean }> => {
      const page = await items.queryPage(csiAggregateUnitPartition(fromPart), { limit });
      let moved = 0;
      for (const item of page.items) {
        const day = text(item.day);
        const dimension = text(item.dimension);
        try {
          await transactWrite(table.db, {
            TransactItems: [
              aggregates.addItem(
                {
                  aggregateDay: day,
                  aggregateDimension: dimensionOfUnit(dimension, unitId),
                  businessUnitRaw: { name: text(item.businessUnitName) },
                  service: { name: text(item.serviceName) },
                },
                countersOf(item)
              ),
              items.deleteItem(csiAggregateKey(day, dimension), countersAsRead(item)),
            ],
          });
          moved += 1;
        } catch (error) {
          if (!conditionFailed(error, 1)) throw error;
        }
      }
      return { moved, more: page.next !== undefined || moved < page.items.length };
    },
  };
};
export type UnitAttributionStore = ReturnType<typeof unitAttributionStore>;
