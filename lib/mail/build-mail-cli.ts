import { writeFile } from 'node:fs/promises';
import { fromRoot } from '../config/paths.ts';
import { compileMailTemplates } from './mail-templates.ts';

/** `npm run build:mail`: writes each mail's generated template next to its MJML source. */
for (const template of await compileMailTemplates()) {
  await writeFile(fromRoot(template.target), template.content);
  console.log(`${template.source} → ${template.target}`);
}
