import { describe, expect, it } from 'vitest';
import {
  absent,
  allOf,
  anyOf,
  equals,
  exists,
  greaterThan,
  isIn,
  lessThan,
  Placeholders,
  renderCondition,
} from '#shared/data/expression.ts';
import { readable } from '#test/helpers/sent-commands.ts';

const rendered = (condition: Parameters<typeof renderCondition>[0]) => {
  const p = new Placeholders();
  const expression = renderCondition(condition, p);
  return { expression, ...p.attributes() };
};

describe('Expression: conditions', () => {
  it('puts every attribute name and value behind a placeholder', () => {
    // Act
    const out = rendered(allOf(isIn('status', ['sent', 'reminded']), greaterThan('closesAt', 'x')));

    // Assess
    expect(out.expression).toBe('#status IN (:v0, :v1) AND #closesAt > :v2');
    expect(out.ExpressionAttributeNames).toEqual({ '#status': 'status', '#closesAt': 'closesAt' });
    expect(out.ExpressionAttributeValues).toEqual({ ':v0': 'sent', ':v1': 'reminded', ':v2': 'x' });
  });

  it('renders a one-value IN as an equality and refuses an empty one', () => {
    // Assess
    expect(
      readable(rendered(isIn('status', ['open'])).expression, rendered(isIn('status', ['open'])))
    ).toBe('status = "open"');
    expect(() => rendered(isIn('status', []))).toThrow(RangeError);
  });

  it('brackets a nested group', () => {
    // Act
    const out = rendered(
      allOf(exists('pk'), anyOf(absent('lastSurveyedAt'), lessThan('lastSurveyedAt', 't')))
    );

    // Assess
    expect(readable(out.expression, out)).toBe(
      'attribute_exists(pk) AND (attribute_not_exists(lastSurveyedAt) OR lastSurveyedAt < "t")'
    );
  });

  it('gives one name one placeholder, and a name that is not a word a numbered one', () => {
    // Act
    const out = rendered(allOf(equals('status', 'a'), equals('status', 'b'), equals('a.b', 1)));

    // Assess
    expect(out.expression).toBe('#status = :v0 AND #status = :v1 AND #n1 = :v2');
    expect(out.ExpressionAttributeNames).toEqual({ '#status': 'status', '#n1': 'a.b' });
  });

  it('leaves out the attribute maps when nothing was named', () => {
    // Assess
    expect(new Placeholders().attributes()).toEqual({});
  });
});
