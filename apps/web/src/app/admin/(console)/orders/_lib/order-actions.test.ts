import type { OrderStatus } from '@bazaar/contracts';
import { describe, expect, it } from 'vitest';
import { formatRateBps, newIdempotencyKey, orderActions, parseRefundAmount } from './order-actions';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

describe('orderActions', () => {
  const of = (status: OrderStatus, refundable = 1000) =>
    orderActions({ status, refundable: eur(refundable) });

  it('offers each transition only where the state machine allows it', () => {
    expect(of('pending_payment', 0)).toEqual({
      ship: false,
      deliver: false,
      cancel: true,
      refund: false,
    });
    expect(of('paid')).toEqual({ ship: true, deliver: false, cancel: true, refund: true });
    expect(of('fulfilled')).toEqual({ ship: false, deliver: true, cancel: false, refund: true });
    expect(of('delivered')).toEqual({ ship: false, deliver: false, cancel: false, refund: true });
    expect(of('partially_refunded').refund).toBe(true);
    for (const status of ['cancelled', 'refunded'] as const) {
      expect(of(status)).toEqual({ ship: false, deliver: false, cancel: false, refund: false });
    }
  });

  it('offers no refund once everything is refunded', () => {
    expect(of('partially_refunded', 0).refund).toBe(false);
    expect(of('delivered', 0).refund).toBe(false);
  });
});

describe('parseRefundAmount', () => {
  it('reads a decimal in the order’s currency', () => {
    expect(parseRefundAmount('12.50', eur(5000))).toEqual({ ok: true, amount: 1250 });
    expect(parseRefundAmount('12,5', eur(5000))).toEqual({ ok: true, amount: 1250 });
    expect(parseRefundAmount('50', eur(5000))).toEqual({ ok: true, amount: 5000 });
    expect(parseRefundAmount('500', { amount: 1000, currency: 'JPY' })).toEqual({
      ok: true,
      amount: 500,
    });
  });

  it('refuses what is not an amount, zero, and more than is refundable', () => {
    expect(parseRefundAmount('ten', eur(5000))).toMatchObject({ ok: false });
    expect(parseRefundAmount('1.234', eur(5000))).toMatchObject({ ok: false });
    expect(parseRefundAmount('0', eur(5000))).toEqual({
      ok: false,
      error: 'Enter an amount above zero',
    });
    expect(parseRefundAmount('50.01', eur(5000))).toEqual({
      ok: false,
      error: 'At most €50.00 can still be refunded',
    });
  });
});

describe('formatRateBps', () => {
  it('writes basis points as a percentage', () => {
    expect(formatRateBps(2100)).toBe('21%');
    expect(formatRateBps(725)).toBe('7.25%');
    expect(formatRateBps(0)).toBe('0%');
  });
});

describe('newIdempotencyKey', () => {
  it('makes keys the API accepts, a new one each time', () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(/^[A-Za-z0-9_-]{16,100}$/);
    expect(newIdempotencyKey()).not.toBe(a);
  });
});
