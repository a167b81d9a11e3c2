import type { StaffMember } from '@bazaar/contracts';

export type StaffStatus = 'Active' | 'Invited' | 'Deactivated';

/** What the staff list says about a member; a deactivated invitee shows as deactivated. */
export function staffStatus(member: Pick<StaffMember, 'active' | 'invitePending'>): StaffStatus {
  if (!member.active) return 'Deactivated';
  return member.invitePending ? 'Invited' : 'Active';
}
