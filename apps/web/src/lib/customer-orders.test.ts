import { describe, expect, it } from 'vitest';
import {
  itemCountLabel,
  normaliseOrderNumberInput,
  ORDER_STATUS,
  orderNumberLabel,
  parseOrderNumber,
  paymentFailed,
  paymentPending,
  timelineText,
} from './customer-orders';

describe('order words', () => {
  it('labels numbers, counts and statuses', () => {
    expect(orderNumberLabel(1001)).toBe('#1001');
    expect(itemCountLabel(1)).toBe('1 item');
    expect(itemCountLabel(3)).toBe('3 items');
    expect(ORDER_STATUS.fulfilled.label).toBe('Shipped');
  });

  it('knows which payment states are still open and which failed', () => {
    expect(paymentPending('awaiting_payment')).toBe(true);
    expect(paymentPending('processing')).toBe(true);
    expect(paymentPending('paid')).toBe(false);
    expect(paymentFailed('failed')).toBe(true);
    expect(paymentFailed('cancelled')).toBe(true);
    expect(paymentFailed('paid')).toBe(false);
  });
});

describe('parseOrderNumber', () => {
  it('takes positive whole numbers only', () => {
    expect(parseOrderNumber('1001')).toBe(1001);
    expect(parseOrderNumber('0')).toBeNull();
    expect(parseOrderNumber('-1')).toBeNull();
    expect(parseOrderNumber('10.5')).toBeNull();
    expect(parseOrderNumber('1e3')).toBeNull();
    expect(parseOrderNumber('abc')).toBeNull();
    expect(parseOrderNumber('9'.repeat(16))).toBeNull();
  });
});

describe('normaliseOrderNumberInput', () => {
  it('drops a leading # and spaces', () => {
    expect(normaliseOrderNumberInput(' #1001 ')).toBe('1001');
    expect(normaliseOrderNumberInput('# 1001')).toBe('1001');
    expect(normaliseOrderNumberInput('1001')).toBe('1001');
  });
});

describe('timelineText', () => {
  it('says the API’s words once', () => {
    expect(timelineText('placed', 'Order placed (240.30 EUR)')).toEqual({
      title: 'Order placed (240.30 EUR)',
      detail: null,
    });
    expect(timelineText('shipped', 'DHL, tracking JJD1')).toEqual({
      title: 'Shipped',
      detail: 'DHL, tracking JJD1',
    });
    expect(timelineText('paid', '')).toEqual({ title: 'Payment received', detail: null });
  });
});
