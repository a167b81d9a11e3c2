import { describe, expect, it } from 'vitest';
import { staffStatus } from './staff';

describe('staffStatus', () => {
  it('tells active, invited and deactivated members apart', () => {
    expect(staffStatus({ active: true, invitePending: false })).toBe('Active');
    expect(staffStatus({ active: true, invitePending: true })).toBe('Invited');
    expect(staffStatus({ active: false, invitePending: false })).toBe('Deactivated');
    expect(staffStatus({ active: false, invitePending: true })).toBe('Deactivated');
  });
});
