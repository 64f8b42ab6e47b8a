import { build, type Plugin } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { functionDefinitions } from '#lib/definitions/index.ts';
const banner = "import { createRequire as __otklikCreateRequire } from 'node:module'; const require = __otklikCreateRequire(import.meta.url);";
const enOnly: Plugin = { name: 'en', setup(b) { b.onResolve({ filter: /\/locales\/index\.js$/ }, (a) => a.importer.includes('/zod/') ? { path: '/tmp/w5/locales-en.js' } : undefined); } };
const nsImport: Plugin = { name: 'ns', setup(b) { b.onLoad({ filter: /\/(functions|lib)\/.*\.ts$/ }, async (a) => ({ contents: (await readFile(a.path, 'utf8')).replace(/import \{ z \} from 'zod'/g, "import * as z from 'zod'"), loader: 'ts' })); } };
const variants: Record<string, { plugins: Plugin[]; external: string[] }> = {
  base: { plugins: [], external: [] },
  enOnly: { plugins: [enOnly], external: [] },
  ns: { plugins: [nsImport], external: [] },
  nsEn: { plugins: [nsImport, enOnly], external: [] },
  sdkExt: { plugins: [], external: ['@aws-sdk/*'] },
  enSdkExt: { plugins: [enOnly], external: ['@aws-sdk/*'] },
  nsSdkExt: { plugins: [nsImport], external: ['@aws-sdk/*'] },
};
const pick = process.argv.slice(2);
for (const f of functionDefinitions.filter((f) => ['ReceiveSourceWebhook','CloseSurvey','SubmitRating','GetHealth','AssignFollowUp'].includes(f.id))) {
  const row = [f.id.padEnd(22)];
  for (const [name, v] of Object.entries(variants)) {
    const r = await build({ entryPoints: [f.entry], bundle: true, platform: 'node', format: 'esm', target: 'node24', minify: true, sourcemap: true, keepNames: true, mainFields: ['module','main'], banner: { js: banner }, write: false, metafile: true, outfile: `/tmp/w5/out/${f.id}/index.mjs`, logLevel: 'error', plugins: v.plugins, external: v.external });
    const out = r.outputFiles.find(o => o.path.endsWith('.mjs'))!;
    const meta = Object.values(r.metafile.outputs).find(o => o.entryPoint)!;
    const zod = Object.entries(meta.inputs).filter(([p]) => p.includes('/zod/')).reduce((s, [, i]) => s + i.bytesInOutput, 0);
    row.push(`${name}=${(out.contents.length/1024).toFixed(0)}(z${(zod/1024).toFixed(0)})`);
  }
  console.log(row.join(' '));
}
