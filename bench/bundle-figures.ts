import { z } from 'zod';

/**
 * Bundle sizes and cold-import ratios come from bench/bundles.ts (helper W5's module:
 * `bundleSizes()` and `coldImportRatios(rounds)`). It is imported dynamically, so the bench
 * runs without it and reports "not measured".
 */
const sizes = z.array(z.object({ id: z.string(), bytes: z.number() }).loose());
/** bench/bundles.ts gives each side's median CPU and wall time; the ratio is of CPU time. */
const importTime = z.object({ cpuMs: z.number(), wallMs: z.number() });
const ratios = z.array(
  z
    .object({
      id: z.string(),
      // A function without SDK clients is compared with the handler floor (bench/bundles.ts).
      baseline: z.enum(['sdk-clients', 'handler-floor']).default('sdk-clients'),
      bundle: importTime,
      bare: importTime,
      ratio: z.number(),
    })
    .transform((r) => ({
      id: r.id,
      baseline: r.baseline,
      bundleMs: r.bundle.cpuMs,
      bareMs: r.bare.cpuMs,
      ratio: r.ratio,
    }))
);
const bundlesModule = z
  .object({
    bundleSizes: z.custom<() => Promise<unknown>>((v) => typeof v === 'function'),
    coldImportRatios: z.custom<(rounds: number) => Promise<unknown>>(
      (v) => typeof v === 'function'
    ),
  })
  .loose();

export type BundleFigures =
  | {
      readonly measured: true;
      readonly sizes: z.infer<typeof sizes>;
      readonly ratios: z.infer<typeof ratios>;
    }
  | { readonly measured: false; readonly why: string };

export const bundleFigures = async (rounds: number): Promise<BundleFigures> => {
  const specifier = './bundles.ts';
  let loaded: unknown;
  try {
    loaded = await import(specifier);
  } catch (error) {
    return {
      measured: false,
      why: `bench/bundles.ts not available (${String(error).slice(0, 120)})`,
    };
  }
  const mod = bundlesModule.safeParse(loaded);
  if (!mod.success)
    return { measured: false, why: 'bench/bundles.ts exports no bundleSizes/coldImportRatios' };
  return {
    measured: true,
    sizes: sizes.parse(await mod.data.bundleSizes()),
    ratios: ratios.parse(await mod.data.coldImportRatios(rounds)),
  };
};
