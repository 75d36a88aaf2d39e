import fc from 'fast-check';

// fast-check arbitraries derived from the valibot schemas of the contract, by walking the
// schema objects (`type`, `entries`, `item`, `options`, `wrapped`, `pipe`): valid values, then
// mutations of them that a careless or hostile client would send.

type Schema = {
  type: string;
  entries?: Record<string, Schema>;
  item?: Schema;
  options?: unknown[];
  wrapped?: Schema;
  literal?: unknown;
  key?: Schema;
  value?: Schema;
  pipe?: { type: string; requirement?: unknown }[];
};

const requirementOf = (s: Schema, type: string) => s.pipe?.find((a) => a.type === type)?.requirement;
const has = (s: Schema, type: string) => s.pipe?.some((a) => a.type === type) ?? false;

/** A valid ISO local date (years around now, so that it falls in or near a season). */
const isoDate = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2032-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

function stringArbitrary(s: Schema): fc.Arbitrary<string> {
  if (has(s, 'uuid')) return fc.uuid();
  if (has(s, 'email')) return fc.emailAddress();
  if (has(s, 'iso_date')) return isoDate;
  if (has(s, 'iso_timestamp') || has(s, 'iso_date_time')) return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  const regex = requirementOf(s, 'regex');
  if (regex instanceof RegExp) return fc.stringMatching(regex, { size: 'small' });
  const min = Number(requirementOf(s, 'min_length') ?? 0);
  const max = Number(requirementOf(s, 'max_length') ?? Math.max(min, 40));
  return fc.string({ minLength: min, maxLength: Math.min(max, Math.max(min, 40)) });
}

function numberArbitrary(s: Schema): fc.Arbitrary<number> {
  const min = requirementOf(s, 'min_value');
  const max = requirementOf(s, 'max_value');
  const bounds = { min: typeof min === 'number' ? min : -1000, max: typeof max === 'number' ? max : 100_000 };
  return has(s, 'integer') || has(s, 'safe_integer') ? fc.integer(bounds) : fc.double({ ...bounds, noNaN: true });
}

/** Values the schema accepts (or nearly: custom checks are not walked). */
export function validOf(s: Schema, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null);
  switch (s.type) {
    case 'string':
      return stringArbitrary(s);
    case 'number':
      return numberArbitrary(s);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'literal':
      return fc.constant(s.literal);
    case 'picklist':
    case 'enum':
      return fc.constantFrom(...((s.options as unknown[]) ?? [null]));
    case 'optional':
    case 'undefinedable':
    case 'exact_optional':
      return fc.option(validOf(s.wrapped as Schema, depth + 1), { nil: undefined });
    case 'nullable':
      return fc.option(validOf(s.wrapped as Schema, depth + 1), { nil: null });
    case 'nullish':
      return fc.oneof(fc.constant(null), fc.constant(undefined), validOf(s.wrapped as Schema, depth + 1));
    case 'array': {
      const max = Number(requirementOf(s, 'max_length') ?? 4);
      const min = Number(requirementOf(s, 'min_length') ?? 0);
      return fc.array(validOf(s.item as Schema, depth + 1), { minLength: min, maxLength: Math.min(Math.max(min, 4), max) });
    }
    case 'object':
    case 'strict_object':
    case 'loose_object': {
      const entries = s.entries ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, entry] of Object.entries(entries)) model[key] = validOf(entry, depth + 1);
      return fc.record(model).map((o) => JSON.parse(JSON.stringify(o)) as unknown);
    }
    case 'record':
      return fc.dictionary(fc.string({ maxLength: 10 }), validOf(s.value as Schema, depth + 1), { maxKeys: 3 });
    case 'union':
    case 'variant': {
      const options = (s.options as Schema[]) ?? [];
      return options.length ? fc.oneof(...options.map((o) => validOf(o, depth + 1))) : fc.constant(null);
    }
    default:
      return fc.anything({ maxDepth: 1 });
  }
}

/** What a hostile client sends in place of a value. */
export const nasty: fc.Arbitrary<unknown> = fc.oneof(
  // Wrong types.
  fc.constantFrom(null, true, 0, '', [], {}, '0', 'true', 'null'),
  // Empty, huge and odd strings; Unicode edge cases.
  fc.constantFrom(
    ' ',
    'x'.repeat(100_000),
    'é'.repeat(5000),
    '\u0000',
    '\ud800',
    '\udfff\ud800',
    '\u202e\u202d',
    '\ufeff',
    'e\u0301',
    '👨‍👩‍👧‍👦'.repeat(50),
    '\u200b',
    '../../etc/passwd',
    "'; drop table households; --",
    '%00',
    '<script>alert(1)</script>',
  ),
  fc.string({ unit: 'binary', maxLength: 60 }),
  // Impossible dates and times.
  fc.constantFrom(
    '2026-02-30',
    '2026-13-01',
    '0000-00-00',
    '2026-02-29',
    '9999-12-31',
    '0000-01-01',
    '9999-12',
    '0000-01',
    '2026-1-1',
    '2026-01-01T25:61:00Z',
    '24:00',
    '99:99',
  ),
  // Negative, huge, fractional numbers.
  fc.constantFrom(-1, -0, 0.5, 1e308, -1e308, 2 ** 53 + 1, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  // Deep nesting.
  fc.constantFrom(
    JSON.parse('['.repeat(2000) + ']'.repeat(2000)) as unknown,
    JSON.parse(`${'{"a":'.repeat(500)}1${'}'.repeat(500)}`) as unknown,
  ),
  fc.anything({ maxDepth: 3 }),
);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A valid value with one part broken: a field replaced, removed or added, or an element broken. */
export function mutationOf(value: unknown, depth = 0): fc.Arbitrary<unknown> {
  const options: fc.Arbitrary<unknown>[] = [nasty];
  if (depth < 4 && isObject(value)) {
    const keys = Object.keys(value);
    if (keys.length > 0) {
      options.push(fc.constantFrom(...keys).chain((k) => mutationOf(value[k], depth + 1).map((m) => ({ ...value, [k]: m }))));
      options.push(
        fc.constantFrom(...keys).map((k) => {
          const { [k]: _, ...rest } = value;
          return rest;
        }),
      );
    }
    options.push(fc.tuple(fc.string({ maxLength: 12 }), nasty).map(([k, v]) => ({ ...value, [`${k}_extra`]: v })));
  }
  if (depth < 4 && Array.isArray(value) && value.length > 0) {
    options.push(
      fc.nat(value.length - 1).chain((i) => mutationOf(value[i], depth + 1).map((m) => value.map((x, j) => (j === i ? m : x)))),
    );
    options.push(fc.constant(Array.from({ length: 5000 }, () => value[0])));
  }
  return fc.oneof(...options);
}

/** A request body as raw text: valid JSON, a mutation, or JSON with duplicated keys. */
export function bodyTextOf(schema: Schema): fc.Arbitrary<{ kind: string; text: string }> {
  const valid = validOf(schema);
  return fc.oneof(
    { weight: 2, arbitrary: valid.map((v) => ({ kind: 'valid', text: JSON.stringify(v) ?? 'null' })) },
    {
      weight: 5,
      arbitrary: valid.chain((v) => mutationOf(v)).map((v) => ({ kind: 'mutated', text: JSON.stringify(v) ?? 'null' })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, nasty).map(([v, n]) => {
        const text = JSON.stringify(v) ?? '{}';
        const key = isObject(v) ? (Object.keys(v)[0] ?? 'id') : 'id';
        // The same key twice: JSON.parse keeps the last one; the first must not sneak through.
        const duplicated =
          text.startsWith('{') && text !== '{}'
            ? `{${JSON.stringify(key)}:${JSON.stringify(n) ?? 'null'},${text.slice(1)}`
            : text;
        return { kind: 'duplicated keys', text: duplicated };
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('', '{', 'null', '[]', '"x"', '{"a":1,}', '\ufeff{}')
        .map((text) => ({ kind: 'malformed', text })),
    },
  );
}

/** A query string: valid values, or mutated ones (every value sent as text, as a URL carries it). */
export function queryOf(schema: Schema): fc.Arbitrary<{ kind: string; query: string }> {
  const valid = validOf(schema);
  const toQuery = (v: unknown) => {
    const params = new URLSearchParams();
    if (isObject(v)) {
      for (const [k, x] of Object.entries(v)) {
        if (x === undefined) continue;
        for (const item of Array.isArray(x) ? x : [x]) params.append(k, typeof item === 'string' ? item : JSON.stringify(item));
      }
    }
    return params.toString();
  };
  return fc.oneof(
    valid.map((v) => ({ kind: 'valid', query: toQuery(v) })),
    valid.chain((v) => mutationOf(v)).map((v) => ({ kind: 'mutated', query: toQuery(isObject(v) ? v : { q: v }) })),
  );
}
