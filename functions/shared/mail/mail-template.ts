import { escapeHtml, SafeHtml } from '../kernel/html.ts';

/**
 * A mail's HTML as compiled from its MJML source at build time (`npm run build:mail`, the
 * generated `*.template.ts` next to each source): MJML itself is megabytes, so no function
 * bundles it. The HTML holds `{{slot}}` placeholders and `<!--{{#block}}-->…<!--{{/block}}-->`
 * optional parts, both listed by the generator so a renderer must fill each one.
 */
export interface MailTemplate<Slot extends string, Block extends string> {
  readonly html: string;
  readonly slots: readonly Slot[];
  readonly blocks: readonly Block[];
}

/** A slot's value: text (escaped when filled) or markup built with `html`. */
export type SlotValue = string | number | SafeHtml;

const BLOCK = /<!--\{\{#([a-zA-Z0-9]+)\}\}-->((?:(?!<!--\{\{#)[\s\S])*?)<!--\{\{\/\1\}\}-->/g;
const SLOT = /\{\{([a-zA-Z0-9]+)\}\}/g;

/**
 * The mail's HTML: every block kept or dropped, every slot filled, text escaped (in an
 * attribute as in text: the escaping covers both quotes). A value holding `{{…}}` stays as
 * it is: slots are filled in one pass over the template, never over the values.
 */
export const fillTemplate = <Slot extends string, Block extends string>(
  template: MailTemplate<Slot, Block>,
  slots: Readonly<Record<Slot, SlotValue>>,
  blocks: Readonly<Record<Block, boolean>>
): string => {
  const shown = new Map<string, boolean>(Object.entries(blocks));
  const values = new Map<string, SlotValue>(Object.entries(slots));
  let markup = template.html;
  // Innermost blocks first: a block kept inside a dropped one goes with it either way.
  for (let before = ''; before !== markup;) {
    before = markup;
    markup = markup.replace(BLOCK, (_, name: string, inner: string) =>
      shown.get(name) ? inner : ''
    );
  }
  return markup.replace(SLOT, (_, name: string) => {
    const value = values.get(name);
    if (value === undefined) throw new Error(`mail slot ${name} has no value`);
    return value instanceof SafeHtml ? value.value : escapeHtml(String(value));
  });
};

/** Text whose line breaks are kept in HTML (a signature, a message), escaped. */
export const multiline = (text: string): SafeHtml =>
  new SafeHtml(
    text
      .trim()
      .split(/\r\n|\r|\n/)
      .map((line) => escapeHtml(line))
      .join('<br />')
  );
