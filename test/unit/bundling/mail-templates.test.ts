import { readFile } from 'node:fs/promises';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bundleOptions } from '#lib/bundling/function-bundle.ts';
import { fromRoot } from '#lib/config/paths.ts';
import { compileMailTemplates } from '#lib/mail/mail-templates.ts';

describe('Build: mail templates', () => {
  it('has every generated template current with its MJML source (npm run build:mail)', async () => {
    // Act
    const templates = await compileMailTemplates();

    // Assess
    expect(templates.map((t) => t.target).sort()).toEqual([
      'functions/csi/mail/survey-email.template.ts',
      'functions/follow-up/mail/case-email.template.ts',
      'functions/follow-up/mail/closing-email.template.ts',
    ]);
    for (const template of templates) {
      const checkedIn = await readFile(fromRoot(template.target), 'utf8');
      expect(checkedIn, `${template.target}: run npm run build:mail`).toBe(template.content);
    }
  }, 30_000);

  it('keeps no web font, no script and no comment of the sources in the HTML', async () => {
    // Act
    const templates = await compileMailTemplates();

    // Assess
    for (const { content, target } of templates) {
      expect(content, target).not.toMatch(/fonts\.googleapis|<script|Edit here/);
    }
  }, 30_000);
});

describe('Bundle: the functions that mail', () => {
  it.each([
    'functions/csi/tasks/mail-invitation.ts',
    'functions/csi/tasks/mail-reminder.ts',
    'functions/follow-up/tasks/notify-owner.ts',
    'functions/follow-up/tasks/send-closing-email.ts',
  ])(
    '%s carries the compiled templates, not MJML, and stays under 300 KB',
    async (entry) => {
      // Act
      const result = await build({
        ...bundleOptions(entry, '/tmp/otklik-mail-guard/index.mjs'),
        write: false,
        metafile: true,
      });

      // Assess
      const inputs = Object.values(result.metafile.outputs).flatMap((output) =>
        Object.entries(output.inputs)
          .filter(([, input]) => input.bytesInOutput > 0)
          .map(([path]) => path)
      );
      expect(
        inputs.filter((path) => /node_modules\/(mjml|juice|html-minifier|cheerio)/.test(path))
      ).toEqual([]);
      expect(inputs.some((path) => path.endsWith('.template.ts'))).toBe(true);
      const code = result.outputFiles.find((file) => file.path.endsWith('.mjs'));
      expect(code?.contents.byteLength ?? Infinity).toBeLessThan(300 * 1024);
    },
    30_000
  );
});
