import { describe, expect, it } from 'vitest';
import { isCurrentSection, visibleSections } from './admin-sections';
import { can, PERMISSION_LABELS } from './permissions';

describe('admin sections', () => {
  it('shows each staff member only the sections their permissions allow', () => {
    expect(visibleSections([]).map((s) => s.label)).toEqual(['Dashboard', 'Security']);
    expect(visibleSections(['orders:read', 'catalog:write']).map((s) => s.label)).toEqual([
      'Dashboard',
      'Products',
      'Categories',
      'Catalog settings',
      'Orders',
      'Security',
    ]);
    expect(visibleSections(['staff:manage']).map((s) => s.label)).toEqual([
      'Dashboard',
      'Staff',
      'Roles',
      'API keys',
      'Mailbox',
      'Security',
    ]);
  });

  it('marks the section a path is in; the dashboard only for itself', () => {
    expect(isCurrentSection('/admin', '/admin')).toBe(true);
    expect(isCurrentSection('/admin/staff', '/admin')).toBe(false);
    expect(isCurrentSection('/admin/staff', '/admin/staff')).toBe(true);
    expect(isCurrentSection('/admin/security/two-factor', '/admin/security')).toBe(true);
    expect(isCurrentSection('/admin/staffing', '/admin/staff')).toBe(false);
  });
});

describe('permissions', () => {
  it('allows what the list holds, and everything with no permission needed', () => {
    expect(can(['orders:read'], 'orders:read')).toBe(true);
    expect(can(['orders:read'], 'orders:write')).toBe(false);
    expect(can([], null)).toBe(true);
  });

  it('describes every permission in words', () => {
    for (const label of Object.values(PERMISSION_LABELS)) expect(label).toMatch(/^[A-Z]/);
  });
});
