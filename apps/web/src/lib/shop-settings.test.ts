import { describe, expect, it } from 'vitest';
import { visibleSections } from './admin-sections';
import {
  discountStatus,
  firstErrorUnder,
  formatPercentInput,
  formatRate,
  fromDateTimeLocal,
  parseCountryList,
  parseOptionalWhole,
  parsePercentInput,
  ratesByCurrency,
  splitFormErrors,
  toDateTimeLocal,
} from './shop-settings';

describe('percentages', () => {
  it('reads what staff type as basis points', () => {
    expect(parsePercentInput('19')).toBe(1900);
    expect(parsePercentInput('7.25')).toBe(725);
    expect(parsePercentInput(' 7,5 % ')).toBe(750);
    expect(parsePercentInput('0')).toBe(0);
  });

  it('refuses what is not a percentage with two decimals at most', () => {
    for (const text of ['', 'abc', '-5', '7.255', '1.2.3', '19%%', '12345']) {
      expect(parsePercentInput(text), text).toBeNull();
    }
  });

  it('writes basis points back as staff typed them', () => {
    expect(formatPercentInput(1900)).toBe('19');
    expect(formatPercentInput(725)).toBe('7.25');
    expect(formatRate(750)).toBe('7.5%');
    expect(parsePercentInput(formatPercentInput(1234))).toBe(1234);
  });
});

describe('form values', () => {
  it('splits country lists on commas and spaces, upper-cased, each once', () => {
    expect(parseCountryList(' de, AT ch;de ')).toEqual(['DE', 'AT', 'CH']);
    expect(parseCountryList('  ')).toEqual([]);
  });

  it('reads optional whole numbers', () => {
    expect(parseOptionalWhole('')).toBeNull();
    expect(parseOptionalWhole(' 12 ')).toBe(12);
    expect(parseOptionalWhole('1.5')).toBe('invalid');
    expect(parseOptionalWhole('-1')).toBe('invalid');
  });

  it('round-trips local date-times', () => {
    const date = new Date(2030, 0, 2, 9, 5);
    expect(toDateTimeLocal(date)).toBe('2030-01-02T09:05');
    expect(fromDateTimeLocal('2030-01-02T09:05')).toEqual(date);
    expect(fromDateTimeLocal('')).toBeNull();
    expect(fromDateTimeLocal('2030-02-30T10:00')).toBe('invalid');
    expect(fromDateTimeLocal('tomorrow')).toBe('invalid');
  });
});

describe('field errors', () => {
  it('finds the first message under a field', () => {
    const errors = { 'countries.1': ['Use a two-letter country code'], name: ['Name it'] };
    expect(firstErrorUnder(errors, 'countries')).toBe('Use a two-letter country code');
    expect(firstErrorUnder(errors, 'name')).toBe('Name it');
    expect(firstErrorUnder(errors, 'count')).toBeUndefined();
  });

  it('names rate errors by currency instead of by place', () => {
    expect(
      ratesByCurrency(
        {
          'rates.1.currency': ['The shop does not sell in CHF'],
          'rates.0.amount': ['Too small'],
          rates: ['One rate per currency'],
          name: ['Name it'],
        },
        ['EUR', 'CHF'],
      ),
    ).toEqual({
      'rates.CHF.currency': ['The shop does not sell in CHF'],
      'rates.EUR.amount': ['Too small'],
      rates: ['One rate per currency'],
      name: ['Name it'],
    });
  });
});

describe('discount status', () => {
  const code = {
    kind: 'percentage' as const,
    percent: 10,
    amount: null,
    currency: null,
    minSubtotal: null,
    startsAt: null,
    endsAt: null,
    usageLimit: null,
    timesUsed: 0,
    active: true,
  };
  const now = new Date('2030-06-01T12:00:00Z');

  it('says whether a shopper could use the code now, and why not', () => {
    expect(discountStatus(code, now)).toBe('Active');
    expect(discountStatus({ ...code, active: false }, now)).toBe('Inactive');
    expect(discountStatus({ ...code, startsAt: new Date('2030-07-01') }, now)).toBe('Scheduled');
    expect(discountStatus({ ...code, endsAt: new Date('2030-05-01') }, now)).toBe('Expired');
    expect(discountStatus({ ...code, usageLimit: 3, timesUsed: 3 }, now)).toBe('Used up');
  });
});

describe('splitting form errors', () => {
  it('keeps shown fields by their field and folds the rest into the form’s message', () => {
    const shown = (f: string) => f === 'name';
    expect(splitFormErrors({ fieldErrors: { name: ['Name it'] } }, shown)).toEqual({
      formError: 'Some fields need your attention.',
      fieldErrors: { name: ['Name it'] },
    });
    expect(splitFormErrors({ fieldErrors: { id: ['Bad id'], name: ['Name it'] } }, shown)).toEqual({
      formError: 'Bad id',
      fieldErrors: { name: ['Name it'] },
    });
    expect(splitFormErrors({ formError: 'Conflict', fieldErrors: {} }, shown)).toEqual({
      formError: 'Conflict',
      fieldErrors: {},
    });
  });
});

describe('admin sections', () => {
  it('shows shipping, tax and discounts to staff with settings:write', () => {
    expect(visibleSections(['settings:write']).map((s) => s.label)).toEqual([
      'Dashboard',
      'Shipping',
      'Tax',
      'Discounts',
      'Security',
    ]);
  });
});
