import type { Role } from '@bazaar/contracts';
import { SelectField } from '@/components/ui/field';

/** A form's required role choice (`roleId`), starting on "Choose a role". */
export function RoleField({
  roles,
  error,
  note,
}: {
  roles: Role[];
  error: string | undefined;
  /** Said after a role's name in its option. */
  note?: (role: Role) => string;
}) {
  return (
    <SelectField label="Role" name="roleId" required defaultValue="" error={error}>
      <option value="" disabled>
        Choose a role
      </option>
      {roles.map((role) => (
        <option key={role.id} value={role.id}>
          {role.name}
          {note?.(role) ?? ''}
        </option>
      ))}
    </SelectField>
  );
}
