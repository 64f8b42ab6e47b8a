import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
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
