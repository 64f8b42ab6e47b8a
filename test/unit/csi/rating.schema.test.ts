import { describe, expect, it } from 'vitest';
import { ratingSubmissionSchema, scoreQuerySchema } from '#functions/csi/pages/rating.schema.ts';

describe('Schema: ratingSubmissionSchema', () => {
  it('turns the digit of a form body into a number', () => {
    // Act
    const parsed = ratingSubmissionSchema.parse({ score: '4' });

    // Assess
    expect(parsed).toEqual({ score: 4, comment: '', reasons: [] });
  });

  it('accepts a numeric score from a JSON body', () => {
    // Act
    const parsed = ratingSubmissionSchema.parse({ score: 1, comment: 'Bad' });

    // Assess
    expect(parsed.score).toBe(1);
  });

  it.each([1, 2, 3, 4, 5])('accepts the whole score %i from JSON', (score) => {
    // Act
    const parsed = ratingSubmissionSchema.parse({ score });

    // Assess
    expect(parsed.score).toBe(score);
  });

  it.each(['1', '2', '3', '4', '5'])('accepts the form digit %j', (score) => {
    // Act
    const parsed = ratingSubmissionSchema.parse({ score });

    // Assess
    expect(parsed.score).toBe(Number(score));
  });

  it('trims the whitespace around a form digit', () => {
    // Act
    const parsed = ratingSubmissionSchema.parse({ score: ' 4\n' });

    // Assess
    expect(parsed.score).toBe(4);
  });

  it.each([
    ['0'],
    ['6'],
    ['-1'],
    ['3.5'],
    ['abc'],
    [''],
    ['0x3'],
    ['1e0'],
    ['03'],
    ['+3'],
    ['3.0'],
    ['4 5'],
    [['4']],
    [[4]],
    [true],
    [false],
    [3.5],
    [0],
    [6],
    [-2],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    [{ value: 4 }],
    [undefined],
    [null],
  ])('rejects the score %j', (score) => {
    // Act
    const result = ratingSubmissionSchema.safeParse({ score });

    // Assess
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['score']);
  });

  it('turns a single reason into a list', () => {
    // Act
    const parsed = ratingSubmissionSchema.parse({ score: '3', reasons: 'speed' });

    // Assess
    expect(parsed.reasons).toEqual(['speed']);
  });

  it('keeps each reason of a list once', () => {
    // Act
    const parsed = ratingSubmissionSchema.parse({
      score: '2',
      reasons: ['quality', 'speed', 'quality'],
    });

    // Assess
    expect(parsed.reasons).toEqual(['quality', 'speed']);
  });

  it.each([['price'], [['speed', 'price']], [['']]])('rejects the unknown reason %j', (reasons) => {
    // Act
    const result = ratingSubmissionSchema.safeParse({ score: '2', reasons });

    // Assess
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path[0]).toBe('reasons');
  });

  it('trims the comment and accepts 2,000 characters', () => {
    // Act
    const parsed = ratingSubmissionSchema.parse({ score: '5', comment: `  ${'a'.repeat(2000)}  ` });

    // Assess
    expect(parsed.comment).toHaveLength(2000);
  });

  it('rejects a comment of 2,001 characters', () => {
    // Act
    const result = ratingSubmissionSchema.safeParse({ score: '5', comment: 'a'.repeat(2001) });

    // Assess
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['comment']);
  });
});

describe('Schema: scoreQuerySchema', () => {
  it('coerces a valid score', () => {
    // Act
    const parsed = scoreQuerySchema.parse({ score: '2' });

    // Assess
    expect(parsed).toEqual({ score: 2 });
  });

  it.each([['0'], ['9'], ['2.5'], ['abc'], ['']])(
    'ignores the garbage score %j instead of failing',
    (score) => {
      // Act
      const parsed = scoreQuerySchema.parse({ score });

      // Assess
      expect(parsed.score).toBeUndefined();
    }
  );

  it('leaves the score out when the query has none', () => {
    // Act
    const parsed = scoreQuerySchema.parse({ utm_source: 'mail' });

    // Assess
    expect(parsed).toEqual({});
  });
});
