/**
 * DynamoDB expressions built from data rather than strings: attribute names always go
 * through `#` placeholders (so a reserved word such as `status` never breaks one) and
 * values through `:` placeholders, numbered once per request so an update, its condition
 * and a key condition can share one set.
 */
export class Placeholders {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};
  readonly #byName = new Map<string, string>();

  /** The placeholder of an attribute name; the same name gets the same one. */
  name(attribute: string): string {
    const known = this.#byName.get(attribute);
    if (known) return known;
    const placeholder = /^[A-Za-z0-9_]+$/.test(attribute)
      ? `#${attribute}`
      : `#n${this.#byName.size}`;
    this.#byName.set(attribute, placeholder);
    this.names[placeholder] = attribute;
    return placeholder;
  }

  /** A fresh placeholder holding `value`. */
  value(value: unknown): string {
    const placeholder = `:v${Object.keys(this.values).length}`;
    this.values[placeholder] = value;
    return placeholder;
  }

  /** The ExpressionAttributeNames/Values of a request, left out when empty (DynamoDB refuses empty maps). */
  attributes() {
    return {
      ...(Object.keys(this.names).length > 0 ? { ExpressionAttributeNames: this.names } : {}),
      ...(Object.keys(this.values).length > 0 ? { ExpressionAttributeValues: this.values } : {}),
    };
  }
}

/** A condition on an item's attributes, rendered into a ConditionExpression. */
export type Condition =
  | {
      readonly kind: 'compare';
      readonly attribute: string;
      readonly op: '=' | '<' | '>';
      readonly value: unknown;
    }
  | { readonly kind: 'in'; readonly attribute: string; readonly values: readonly unknown[] }
  | { readonly kind: 'exists' | 'absent'; readonly attribute: string }
  | { readonly kind: 'and' | 'or'; readonly parts: readonly Condition[] };

export const equals = (attribute: string, value: unknown): Condition => ({
  kind: 'compare',
  attribute,
  op: '=',
  value,
});
export const lessThan = (attribute: string, value: unknown): Condition => ({
  kind: 'compare',
  attribute,
  op: '<',
  value,
});
export const greaterThan = (attribute: string, value: unknown): Condition => ({
  kind: 'compare',
  attribute,
  op: '>',
  value,
});
export const isIn = (attribute: string, values: readonly unknown[]): Condition => ({
  kind: 'in',
  attribute,
  values,
});
export const exists = (attribute: string): Condition => ({ kind: 'exists', attribute });
export const absent = (attribute: string): Condition => ({ kind: 'absent', attribute });
export const allOf = (...parts: Condition[]): Condition => ({ kind: 'and', parts });
export const anyOf = (...parts: Condition[]): Condition => ({ kind: 'or', parts });

export const renderCondition = (condition: Condition, p: Placeholders): string => {
  switch (condition.kind) {
    case 'compare':
      return `${p.name(condition.attribute)} ${condition.op} ${p.value(condition.value)}`;
    case 'in': {
      // A one-value IN is an equality; an empty one would never hold, and DynamoDB refuses it.
      if (condition.values.length === 0) throw new RangeError('IN needs at least one value');
      const name = p.name(condition.attribute);
      const values = condition.values.map((v) => p.value(v));
      return values.length === 1
        ? `${name} = ${values.join('')}`
        : `${name} IN (${values.join(', ')})`;
    }
    case 'exists':
      return `attribute_exists(${p.name(condition.attribute)})`;
    case 'absent':
      return `attribute_not_exists(${p.name(condition.attribute)})`;
    case 'and':
    case 'or':
      return condition.parts
        .map((part) => {
          const text = renderCondition(part, p);
          return part.kind === 'and' || part.kind === 'or' ? `(${text})` : text;
        })
        .join(condition.kind === 'and' ? ' AND ' : ' OR ');
  }
};
