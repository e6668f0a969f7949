import { hasAtMostDecimals } from './validation';

describe('hasAtMostDecimals', () => {
  it('accepts finite numbers with up to that many decimals, in any notation', () => {
    for (const v of [0, 1, 19.99, 0.5, 1e3, 123456.78, -2.1])
      expect({ v, ok: hasAtMostDecimals(v, 2) }).toEqual({ v, ok: true });
  });

  it('refuses more decimals, denormals and exponent notation below them, NaN, infinities and non-numbers', () => {
    for (const v of [0.001, 3e-323, 1e-7, 19.999, Number.NaN, Infinity, -Infinity, '1', null]) {
      expect({ v, ok: hasAtMostDecimals(v, 2) }).toEqual({ v, ok: false });
    }
  });
});
