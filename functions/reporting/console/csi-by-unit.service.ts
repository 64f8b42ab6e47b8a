import type { DataStores } from '#shared/data/data-stores.ts';
import { UNASSIGNED } from '#shared/kernel/business-unit-alias.ts';
import type { RatingSettings } from '#shared/settings/rating-settings.ts';
import { csiMetrics } from '../api/csi-metrics.service.ts';

/** One row of the console's CSI table: a unit, its names, and its figures for the period. */
export interface UnitCsi {
  readonly unitId: string;
  readonly names: { readonly ru: string; readonly en: string } | undefined;
  readonly sent: number;
  readonly rated: number;
  readonly responseRate: number | null;
  readonly average: number | null;
}

/** The registry holds a few dozen units (docs/business-units.md): pages of 100 read them all. */
const allUnits = async (deps: Pick<DataStores, 'businessUnits'>) => {
  const units = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await deps.businessUnits.page({ limit: 100, start });
    units.push(...page.units);
    start = page.next;
  } while (start);
  return units;
};

/**
 * CSI per business unit for a period, for the units the asker may see (docs/access.md):
 * every registered unit and the unassigned values for whoever sees all units, else only
 * the viewer's own. Each unit's figures come from the same use case as `GET
 * /v1/metrics/csi`, so the page and the API cannot disagree.
 */
export const csiByUnit = async (
  deps: Pick<DataStores, 'aggregates' | 'businessUnits'>,
  query: { readonly from: string; readonly to: string; readonly units: 'all' | readonly string[] },
  policy: RatingSettings['policy']
): Promise<UnitCsi[]> => {
  const registered = query.units === 'all' ? await allUnits(deps) : [];
  const ids =
    query.units === 'all' ? [...registered.map((u) => u.unitId), UNASSIGNED] : query.units;
  return Promise.all(
    ids.map(async (unitId) => {
      const unit =
        registered.find((u) => u.unitId === unitId) ?? (await deps.businessUnits.find(unitId));
      const figures = await csiMetrics(
        deps,
        { from: query.from, to: query.to, businessUnit: unitId, units: query.units },
        policy
      );
      return {
        unitId,
        names: unit?.names,
        sent: figures.sent,
        rated: figures.rated,
        responseRate: figures.responseRate,
        average: figures.average,
      };
    })
  );
};
