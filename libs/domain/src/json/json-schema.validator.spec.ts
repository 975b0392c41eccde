import { JsonSchema, validateJsonSchema } from './json-schema.validator';

const schema: JsonSchema = {
  $defs: { level: { type: 'object', required: ['strike'], properties: { strike: { type: 'number' } }, additionalProperties: false } },
  type: 'object',
  required: ['v', 'name', 'items'],
  properties: {
    v: { const: 1 },
    name: { type: 'string', enum: ['a', 'b'] },
    n: { type: ['integer', 'null'], minimum: 0 },
    items: { type: 'array', items: { $ref: '#/$defs/level' } },
    extra: { type: 'object', additionalProperties: { type: 'boolean' } },
  },
  additionalProperties: false,
};

describe('validateJsonSchema (the subset the project uses)', () => {
  it('accepts a valid document, with a nullable field set to null', () => {
    expect(validateJsonSchema(schema, { v: 1, name: 'a', n: null, items: [{ strike: 1.5 }], extra: { x: true } })).toEqual([]);
  });

  it('names the path and the reason of every problem', () => {
    expect(validateJsonSchema(schema, { v: 2, name: 'c', n: 1.5, items: [{ strike: 'x', other: 1 }], extra: { x: 1 }, zz: 0 })).toEqual([
      { path: '$.v', reason: 'must be 1' },
      { path: '$.name', reason: 'must be one of "a", "b"' },
      { path: '$.n', reason: 'must be integer or null, got number' },
      { path: '$.items[0].strike', reason: 'must be number, got string' },
      { path: '$.items[0].other', reason: 'is not allowed' },
      { path: '$.extra.x', reason: 'must be boolean, got integer' },
      { path: '$.zz', reason: 'is not allowed' },
    ]);
    expect(validateJsonSchema(schema, { v: 1, name: 'a', n: -1 })).toEqual([
      { path: '$.items', reason: 'is required' },
      { path: '$.n', reason: 'must be ≥ 0' },
    ]);
    expect(validateJsonSchema({ type: 'number' }, Number.NaN)).toEqual([{ path: '$', reason: 'must be a finite number' }]);
  });
});
