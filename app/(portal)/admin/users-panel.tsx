"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import { BorrowerPickerDocument, CreateUserDocument, DisableUserDocument, SetUserRoleDocument, type BorrowerPickerQuery, type Role, type UserFieldsFragment } from "@/graphql/generated/client/graphql";
import { ApiErrorAlert } from "../../_components/api-error-alert";
import { FormField } from "../../_components/form-field";
import { formatDate } from "../../_components/format";
import { fieldError, requestGraphQL, type ApiError } from "../../_components/graphql-request";
import { Badge, TableScroll, buttonClass, dangerButtonClass, inputClass } from "../../_components/ui";

const roles: Role[] = ["ADMIN", "ANALYST", "COMMITTEE", "AUDITOR", "BORROWER"];

function UserRow({ user, isCurrent, onError }: { user: UserFieldsFragment; isCurrent: boolean; onError: (error: ApiError | null) => void }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);

  async function run(action: () => ReturnType<typeof requestGraphQL<unknown, unknown>>) {
    setPending(true);
    onError(null);
    const result = await action();
    setPending(false);
    if (result.error) onError(result.error);
    else router.refresh();
  }

  return (
    <tr className="border-b border-slate-100">
      <td className="py-1.5 pr-2">
        {user.name}
        <div className="text-xs text-slate-500">{user.email}</div>
      </td>
      <td className="py-1.5 pr-2">
        <label className="sr-only" htmlFor={`role-${user.id}`}>
          Role of {user.name}
        </label>
        <select
          id={`role-${user.id}`}
          defaultValue={user.role}
          disabled={pending || user.disabled || isCurrent}
          onChange={(event) => run(() => requestGraphQL(SetUserRoleDocument, { id: user.id, role: event.target.value as Role }))}
          className="rounded border border-slate-300 px-2 py-1 text-sm"
        >
          {roles.map((role) => (
            <option key={role} value={role}>
              {role}
            </option>
          ))}
        </select>
      </td>
      <td className="py-1.5 pr-2">{user.disabled ? <Badge tone="slate">Disabled</Badge> : <Badge tone="green">Active</Badge>}</td>
      <td className="py-1.5 pr-2 text-xs">{formatDate(user.createdAt)}</td>
      <td className="py-1.5 text-right">
        {!user.disabled && !isCurrent && (
          <button type="button" disabled={pending} onClick={() => run(() => requestGraphQL(DisableUserDocument, { id: user.id }))} className={dangerButtonClass} aria-label={`Disable ${user.name}`}>
            Disable
          </button>
        )}
      </td>
    </tr>
  );
}

type PickedBorrower = BorrowerPickerQuery["borrowers"]["edges"][number]["node"];

const borrowerLabel = (borrower: PickedBorrower) => `${borrower.givenName} ${borrower.familyName} · ${borrower.externalId} · ${borrower.phone}`;

/**
 * Finds the borrower a BORROWER login belongs to by name, external reference or phone (the internal id is
 * never typed); the chosen borrower's id is sent as `borrowerId`.
 */
function BorrowerPicker({ error }: { error?: string }) {
  const [search, setSearch] = useState("");
  const [matches, setMatches] = useState<PickedBorrower[]>([]);
  const [searchError, setSearchError] = useState<ApiError | null>(null);
  const [picked, setPicked] = useState<PickedBorrower | null>(null);

  useEffect(() => {
    const term = search.trim();
    if (term.length < 2) {
      setMatches([]);
      return;
    }
    let current = true;
    const timer = setTimeout(async () => {
      const result = await requestGraphQL(BorrowerPickerDocument, { search: term });
      if (!current) return;
      setSearchError(result.error ?? null);
      setMatches(result.data?.borrowers.edges.map((edge) => edge.node) ?? []);
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [search]);

  return (
    <div className="text-sm sm:col-span-2 lg:col-span-3">
      <input type="hidden" name="borrowerId" value={picked?.id ?? ""} />
      {picked ? (
        <div>
          <p className="font-medium">Borrower</p>
          <p className="mt-1 flex flex-wrap items-center gap-2" role="status">
            <span>{borrowerLabel(picked)}</span>
            <button type="button" className="text-xs text-emerald-800 underline" onClick={() => setPicked(null)}>
              Choose another
            </button>
          </p>
          {error && <p className="mt-1 text-xs font-medium text-red-700">{error}</p>}
        </div>
      ) : (
        <FormField id="user-borrower" label="Borrower" hint="Search by name, external reference or phone, then choose the borrower this login belongs to." error={error}>
          {(props) => <input {...props} type="search" value={search} onChange={(event) => setSearch(event.target.value)} className={inputClass} autoComplete="off" placeholder="e.g. Wanjiru, BRW-0042 or +2547…" />}
        </FormField>
      )}
      {!picked && searchError && <ApiErrorAlert error={searchError} />}
      {!picked && search.trim().length >= 2 && !searchError && (
        <ul className="mt-2 divide-y divide-slate-100 rounded border border-slate-200" aria-label="Matching borrowers">
          {matches.length === 0 ? (
            <li className="px-2 py-1.5 text-slate-500">No borrower matches.</li>
          ) : (
            matches.map((borrower) => (
              <li key={borrower.id}>
                <button type="button" className="w-full px-2 py-1.5 text-left hover:bg-emerald-50" onClick={() => setPicked(borrower)}>
                  {borrowerLabel(borrower)}
                </button>
              </li>
            ))
          )}
        </ul>
      )}
    </div>
  );
}

export function UsersPanel({ users, currentUserId }: { users: UserFieldsFragment[]; currentUserId: string }) {
  const router = useRouter();
  const [rowError, setRowError] = useState<ApiError | null>(null);
  const [createError, setCreateError] = useState<ApiError | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [newRole, setNewRole] = useState<Role>("ANALYST");
  const [createdCount, setCreatedCount] = useState(0);

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const value = (name: string) => String(form.get(name) ?? "").trim();
    setPending(true);
    setCreateError(null);
    setCreated(null);
    const result = await requestGraphQL(CreateUserDocument, {
      input: { email: value("email"), name: value("name"), role: newRole, password: String(form.get("password") ?? ""), borrowerId: newRole === "BORROWER" ? value("borrowerId") || null : null },
    });
    setPending(false);
    if (result.error) {
      setCreateError(result.error);
      return;
    }
    setCreated(`Created ${result.data.createUser.email}.`);
    formElement.reset();
    setCreatedCount((count) => count + 1);
    router.refresh();
  }

  const named = ["email", "name", "role", "password", "borrowerId"].some((field) => fieldError(createError, field));
  return (
    <div className="space-y-4">
      <TableScroll label="Users">
        <table className="w-full min-w-[36rem] text-left text-sm">
          <thead className="border-b border-slate-300 text-slate-500">
            <tr>
              <th className="py-2 font-medium">User</th>
              <th className="py-2 font-medium">Role</th>
              <th className="py-2 font-medium">Status</th>
              <th className="py-2 font-medium">Since</th>
              <th className="py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <UserRow key={user.id} user={user} isCurrent={user.id === currentUserId} onError={setRowError} />
            ))}
          </tbody>
        </table>
      </TableScroll>
      {rowError && <ApiErrorAlert error={rowError} />}
      <form onSubmit={create} className="space-y-3 border-t border-slate-100 pt-4" aria-label="New user">
        <h3 className="font-medium">New user</h3>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          <FormField id="user-name" label="Name" error={fieldError(createError, "name")}>
            {(props) => <input {...props} name="name" required className={inputClass} />}
          </FormField>
          <FormField id="user-email" label="Email" error={fieldError(createError, "email")}>
            {(props) => <input {...props} name="email" type="email" required className={inputClass} />}
          </FormField>
          <FormField id="user-password" label="Password" hint="At least 12 characters." error={fieldError(createError, "password")}>
            {(props) => <input {...props} name="password" type="password" autoComplete="new-password" required className={inputClass} />}
          </FormField>
          <FormField id="user-role" label="Role" error={fieldError(createError, "role")}>
            {(props) => (
              <select {...props} name="role" value={newRole} onChange={(event) => setNewRole(event.target.value as Role)} className={inputClass}>
                {roles.map((role) => (
                  <option key={role} value={role}>
                    {role}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          {newRole === "BORROWER" && <BorrowerPicker key={createdCount} error={fieldError(createError, "borrowerId")} />}
        </div>
        {createError && !named && <ApiErrorAlert error={createError} />}
        {created && (
          <p role="status" className="text-sm font-medium text-emerald-800">
            {created}
          </p>
        )}
        <button type="submit" disabled={pending} className={buttonClass}>
          {pending ? "Creating…" : "Create user"}
        </button>
      </form>
    </div>
  );
}
