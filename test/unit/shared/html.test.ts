import { describe, expect, it } from 'vitest';
import { escapeHtml, html, SafeHtml } from '#shared/kernel/html.ts';

describe('Function: escapeHtml', () => {
  it('escapes all of & < > " and \'', () => {
    // Act
    const escaped = escapeHtml(`Tom & "Jerry" <b>'s</b>`);

    // Assess
    expect(escaped).toBe('Tom &amp; &quot;Jerry&quot; &lt;b&gt;&#39;s&lt;/b&gt;');
  });

  it('leaves other text alone, Cyrillic included', () => {
    // Act
    const escaped = escapeHtml('Запрос №42 — готово');

    // Assess
    expect(escaped).toBe('Запрос №42 — готово');
  });
});

describe('Function: html', () => {
  it('escapes interpolated strings in text and attributes', () => {
    // Prepare
    const title = '<script>alert("x")</script>';

    // Act
    const result = html`<a title="${title}">${title}</a>`;

    // Assess
    expect(result).toBeInstanceOf(SafeHtml);
    expect(result.value).toBe(
      '<a title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</a>'
    );
  });

  it('does not escape the literal parts of the template', () => {
    // Act
    const result = html`<p class="a">&nbsp;</p>`;

    // Assess
    expect(result.value).toBe('<p class="a">&nbsp;</p>');
  });

  it('inserts nested SafeHtml as it is, without escaping it twice', () => {
    // Prepare
    const inner = html`<b>${'A & B'}</b>`;

    // Act
    const outer = html`<p>${inner}</p>`;

    // Assess
    expect(outer.value).toBe('<p><b>A &amp; B</b></p>');
  });

  it('joins arrays, escaping strings and keeping SafeHtml items', () => {
    // Act
    // prettier-ignore
    const result = html`<ul>${['<1>', html`<li>2</li>`, ['&', 3]]}</ul>`;

    // Assess
    expect(result.value).toBe('<ul>&lt;1&gt;<li>2</li>&amp;3</ul>');
  });

  it('renders numbers, and null and undefined as nothing', () => {
    // Act
    const result = html`${0}|${5}|${null}|${undefined}|`;

    // Assess
    expect(result.value).toBe('0|5|||');
  });

  it('turns into its markup as a string', () => {
    // Act
    const fragment = html`<i>${'<'}</i>`;
    const text = `[${String(fragment)}]`;

    // Assess
    expect(text).toBe('[<i>&lt;</i>]');
  });
});
