import { describe, expect, it } from 'vitest';
import { html } from '#shared/kernel/html.ts';
import { fillTemplate, multiline, type MailTemplate } from '#shared/mail/mail-template.ts';

const template: MailTemplate<'name' | 'href' | 'part', 'outer' | 'inner'> = {
  html: '<a href="{{href}}">{{name}}</a><!--{{#outer}}-->[<!--{{#inner}}-->{{part}}<!--{{/inner}}-->]<!--{{/outer}}-->',
  slots: ['href', 'name', 'part'],
  blocks: ['inner', 'outer'],
};

describe('Function: fillTemplate', () => {
  it('escapes text in text and in attributes, and inserts SafeHtml as it is', () => {
    // Act
    const out = fillTemplate(
      template,
      { href: 'x" onclick="alert(1)', name: '<b>&', part: html`<i>${'<'}</i>` },
      { outer: true, inner: true }
    );

    // Assess
    expect(out).toBe('<a href="x&quot; onclick=&quot;alert(1)">&lt;b&gt;&amp;</a>[<i>&lt;</i>]');
  });

  it('drops a block, and the blocks inside it', () => {
    // Act
    const noInner = fillTemplate(
      template,
      { href: 'h', name: 'n', part: 'p' },
      { outer: true, inner: false }
    );
    const noOuter = fillTemplate(
      template,
      { href: 'h', name: 'n', part: 'p' },
      { outer: false, inner: true }
    );

    // Assess
    expect(noInner).toBe('<a href="h">n</a>[]');
    expect(noOuter).toBe('<a href="h">n</a>');
  });

  it('never fills a placeholder that came in with a value', () => {
    // Act
    const out = fillTemplate(
      template,
      { href: 'h', name: '{{part}}', part: 'p' },
      { outer: false, inner: false }
    );

    // Assess
    expect(out).toBe('<a href="h">{{part}}</a>');
  });

  it('refuses a template slot without a value', () => {
    // Prepare
    const values = { href: 'h', name: 'n' } as unknown as Record<'name' | 'href' | 'part', string>;

    // Act / Assess
    expect(() => fillTemplate(template, values, { outer: true, inner: true })).toThrow(
      'mail slot part has no value'
    );
  });
});

describe('Function: multiline', () => {
  it('keeps line breaks of every kind and escapes each line', () => {
    // Act
    const out = multiline('One\r\nTwo\rThree\n<script>\n');

    // Assess
    expect(out.value).toBe('One<br />Two<br />Three<br />&lt;script&gt;');
  });
});
