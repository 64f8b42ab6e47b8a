import { aliasCovers, type AliasRef } from '#shared/kernel/business-unit-alias.ts';
import type { RegistryDeps } from './registry-deps.ts';

/** Surveys and aggregates moved per page: small writes, one page at a time. */
export const REATTRIBUTE_PAGE = 25;
/** Pages of aggregates tried per value in one run (a counter changing meanwhile is retried). */
const AGGREGATE_PASSES = 40;

export interface Reattribution {
  /** Unassigned values the alias covers. */
  readonly values: number;
  readonly surveys: number;
  readonly aggregates: number;
  /** False: the run stopped at its deadline or found more recorded meanwhile; run it again. */
  readonly complete: boolean;
}

/**
 * Re-attributes to `unitId` exactly what was recorded as unassigned under the values an
 * alias covers (docs/business-units.md#re-attribution), in pages:
 * 1. each survey recorded under the value (its response and case with it), then its record
 *    beside the value is removed: its later counters go to the unit;
 * 2. then the value's own aggregates (`unassigned~<hash>`), each moved whole and deleted in
 *    one transaction, so a counter lands once;
 * 3. the value is marked mapped (count 0), unless more were recorded meanwhile.
 * Idempotent: a second run finds nothing left to move, so a run cut short is simply repeated.
 */
export const reattribute = async (
  deps: RegistryDeps,
  unitId: string,
  alias: AliasRef,
  deadline: number
): Promise<Reattribution> => {
  const values = (await deps.unassignedValues.list()).filter((recorded) =>
    aliasCovers(alias, recorded)
  );
  let surveys = 0;
  let aggregates = 0;
  const late = () => deps.now().getTime() > deadline;
  for (const recorded of values) {
    for (;;) {
      const page = await deps.unassignedValues.surveysPage(
        recorded.source,
        recorded.value,
        REATTRIBUTE_PAGE
      );
      for (const surveyId of page) {
        await deps.unitAttribution.attributeSurvey(surveyId, unitId);
        await deps.unassignedValues.removeSurvey(recorded.source, recorded.value, surveyId);
        surveys += 1;
      }
      if (page.length === 0) break;
      if (late()) return { values: values.length, surveys, aggregates, complete: false };
    }
    let more = true;
    for (let pass = 0; more && pass < AGGREGATE_PASSES && !late(); pass += 1) {
      const moved = await deps.unitAttribution.moveAggregates(
        recorded.unitPart,
        unitId,
        REATTRIBUTE_PAGE
      );
      aggregates += moved.moved;
      more = moved.more;
    }
    if (more || !(await deps.unassignedValues.markMapped(recorded, unitId)))
      return { values: values.length, surveys, aggregates, complete: false };
  }
  return { values: values.length, surveys, aggregates, complete: true };
};
