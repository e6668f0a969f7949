import fc from 'fast-check';
import { types } from 'pg';
import { useFastTimestampParser } from './timestamps';

/** What PostgreSQL prints for a timestamptz (DateStyle ISO): date, time, optional fraction, offset. */
const printed = fc
  .record({
    year: fc.integer({ min: 1, max: 9999 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    fraction: fc.option(fc.stringMatching(/^[0-9]{1,6}$/), { nil: undefined }),
    offsetHours: fc.integer({ min: -15, max: 15 }),
    offsetMinutes: fc.constantFrom(0, 30, 45),
    bc: fc.boolean(),
  })
  .map((t) => {
    const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
    const sign = t.offsetHours < 0 ? '-' : '+';
    const offset = `${sign}${pad(Math.abs(t.offsetHours))}${t.offsetMinutes ? `:${pad(t.offsetMinutes)}` : ''}`;
    const fraction = t.fraction === undefined ? '' : `.${t.fraction}`;
    return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}${fraction}${offset}${t.bc ? ' BC' : ''}`;
  });

describe('the timestamptz parser', () => {
  const before = types.getTypeParser(types.builtins.TIMESTAMPTZ);
  useFastTimestampParser();
  const after = types.getTypeParser(types.builtins.TIMESTAMPTZ);
  const time = (value: unknown): number => (value instanceof Date ? value.getTime() : Number(value));

  it('is installed for timestamptz', () => {
    expect(after).not.toBe(before);
    expect(after('2026-12-04 18:08:44.123456+00')).toEqual(new Date('2026-12-04T18:08:44.123Z'));
  });

  it('gives the same instant as pg’s own parser for whatever PostgreSQL prints', () => {
    fc.assert(
      fc.property(printed, (text) => {
        expect(time(after(text))).toBe(time(before(text)));
      }),
      { numRuns: 2000 },
    );
    for (const text of [
      'infinity',
      '-infinity',
      '2026-03-29 02:30:00+02',
      '0099-01-01 00:00:00+00',
      '1970-01-01 00:00:00+00',
    ]) {
      expect(time(after(text))).toBe(time(before(text)));
    }
  });
});
