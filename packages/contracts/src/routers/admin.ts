import { z } from 'zod';
import { signedIn } from '../context.ts';
import {
  changeRoleInputSchema,
  type InviteStaffInput,
  inviteStaffInputSchema,
  type MailboxInput,
  type MailMessage,
  mailboxInputSchema,
  mailMessageSchema,
  type Role,
  roleSchema,
  type StaffMember,
  staffIdInputSchema,
  staffMemberSchema,
} from '../schemas/admin.ts';
import { createRouter, staffProcedure } from '../trpc.ts';
import { apiKeysRouter } from './api-keys.ts';
import { catalogAdminRouter } from './catalog-admin.ts';
import { ordersAdminRouter } from './orders-admin.ts';
import { shopSettingsRouter } from './shop-settings.ts';

/** Staff administration. `actorId` is the staff member making the change. */
export interface StaffService {
  listStaff(): Promise<StaffMember[]>;
  /** Creates the account and emails an invitation link to choose a password. */
  invite(actorId: string, input: InviteStaffInput): Promise<StaffMember>;
  changeRole(actorId: string, userId: string, roleId: string): Promise<StaffMember>;
  /** Blocks sign-in and revokes every session of the member. */
  deactivate(actorId: string, userId: string): Promise<StaffMember>;
  reactivate(actorId: string, userId: string): Promise<StaffMember>;
  listRoles(): Promise<Role[]>;
  /**
   * The development mailbox (demo mode without SMTP): the newest mail. Bodies of other people's
   * mail are hidden unless the viewer holds every permission.
   */
  mailbox(actorId: string, input: MailboxInput): Promise<MailMessage[]>;
}

export const adminRouter = createRouter({
  catalog: catalogAdminRouter,
  settings: shopSettingsRouter,
  orders: ordersAdminRouter,
  apiKeys: apiKeysRouter,

  staff: createRouter({
    list: staffProcedure('staff:manage')
      .output(z.array(staffMemberSchema))
      .query(({ ctx }) => ctx.services.staff.listStaff()),

    invite: staffProcedure('staff:manage')
      .input(inviteStaffInputSchema)
      .output(staffMemberSchema)
      .mutation(({ ctx, input }) => ctx.services.staff.invite(signedIn(ctx).userId, input)),

    /** A role can only be given by someone who holds all of its permissions. */
    changeRole: staffProcedure('staff:manage')
      .input(changeRoleInputSchema)
      .output(staffMemberSchema)
      .mutation(({ ctx, input }) =>
        ctx.services.staff.changeRole(signedIn(ctx).userId, input.userId, input.roleId),
      ),

    deactivate: staffProcedure('staff:manage')
      .input(staffIdInputSchema)
      .output(staffMemberSchema)
      .mutation(({ ctx, input }) =>
        ctx.services.staff.deactivate(signedIn(ctx).userId, input.userId),
      ),

    reactivate: staffProcedure('staff:manage')
      .input(staffIdInputSchema)
      .output(staffMemberSchema)
      .mutation(({ ctx, input }) =>
        ctx.services.staff.reactivate(signedIn(ctx).userId, input.userId),
      ),
  }),

  roles: createRouter({
    list: staffProcedure('staff:manage')
      .output(z.array(roleSchema))
      .query(({ ctx }) => ctx.services.staff.listRoles()),
  }),

  mailbox: createRouter({
    list: staffProcedure('staff:manage')
      .input(mailboxInputSchema)
      .output(z.array(mailMessageSchema))
      .query(({ ctx, input }) => ctx.services.staff.mailbox(signedIn(ctx).userId, input)),
  }),
});
