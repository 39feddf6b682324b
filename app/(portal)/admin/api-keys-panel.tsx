"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { CreateApiKeyDocument, RevokeApiKeyDocument, type ApiKeyFieldsFragment, type ApiKeyScope, type Role } from "@/graphql/generated/client/graphql";
import { ApiErrorAlert } from "../../_components/api-error-alert";
import { FormField } from "../../_components/form-field";
import { formatDateTime } from "../../_components/format";
import { fieldError, requestGraphQL, type ApiError } from "../../_components/graphql-request";
import { Badge, EmptyState, TableScroll, buttonClass, dangerButtonClass, inputClass } from "../../_components/ui";

const keyRoles: Role[] = ["ANALYST", "ADMIN", "COMMITTEE", "AUDITOR"];

export function ApiKeysPanel({ apiKeys }: { apiKeys: ApiKeyFieldsFragment[] }) {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setPending(true);
    setError(null);
    setSecret(null);
    const result = await requestGraphQL(CreateApiKeyDocument, {
      input: { name: String(form.get("name") ?? "").trim(), role: String(form.get("role")) as Role, scopes: form.getAll("scopes").map(String) as ApiKeyScope[] },
    });
    setPending(false);
    if (result.error) {
      setError(result.error);
      return;
    }
    setSecret({ name: result.data.createApiKey.apiKey.name, secret: result.data.createApiKey.secret });
    formElement.reset();
    router.refresh();
  }

  async function revoke(id: string) {
    setError(null);
    const result = await requestGraphQL(RevokeApiKeyDocument, { id });
    if (result.error) setError(result.error);
    else router.refresh();
  }

  const named = ["name", "role", "scopes"].some((field) => fieldError(error, field));
  return (
    <div className="space-y-4">
      {apiKeys.length === 0 ? (
        <EmptyState>No API keys yet.</EmptyState>
      ) : (
        <TableScroll label="API keys">
          <table className="w-full min-w-[36rem] text-left text-sm">
            <thead className="border-b border-slate-300 text-slate-500">
              <tr>
                <th className="py-2 font-medium">Name</th>
                <th className="py-2 font-medium">Prefix</th>
                <th className="py-2 font-medium">Role · scopes</th>
                <th className="py-2 font-medium">Last used</th>
                <th className="py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {apiKeys.map((key) => (
                <tr key={key.id} className="border-b border-slate-100">
                  <td className="py-1.5 pr-2">{key.name}</td>
                  <td className="py-1.5 pr-2 font-mono text-xs">{key.prefix}…</td>
                  <td className="py-1.5 pr-2">
                    {key.role} · {key.scopes.join(", ")}
                  </td>
                  <td className="py-1.5 pr-2 text-xs">{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : "never"}</td>
                  <td className="py-1.5 text-right">
                    {key.revokedAt ? (
                      <Badge tone="slate">Revoked</Badge>
                    ) : (
                      <button type="button" onClick={() => revoke(key.id)} className={dangerButtonClass} aria-label={`Revoke key ${key.name}`}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {secret && (
        <div role="status" className="rounded border border-emerald-300 bg-emerald-50 p-3 text-sm">
          <p className="font-medium">Key “{secret.name}” created. Copy the secret now: it is shown only once and cannot be retrieved later.</p>
          <code data-testid="api-key-secret" className="mt-2 block rounded bg-white p-2 font-mono text-xs break-all select-all">
            {secret.secret}
          </code>
          <p className="mt-1 text-xs text-slate-600">Send it as Authorization: Bearer &lt;secret&gt; to /api/graphql.</p>
        </div>
      )}
      <form onSubmit={create} className="space-y-3 border-t border-slate-100 pt-4" aria-label="New API key">
        <h3 className="font-medium">New API key</h3>
        <div className="grid gap-3 sm:grid-cols-3">
          <FormField id="key-name" label="Name" error={fieldError(error, "name")}>
            {(props) => <input {...props} name="name" required placeholder="Partner app" className={inputClass} />}
          </FormField>
          <FormField id="key-role" label="Role" error={fieldError(error, "role")}>
            {(props) => (
              <select {...props} name="role" className={inputClass}>
                {keyRoles.map((role) => (
                  <option key={role} value={role}>
                    {role}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <fieldset className="text-sm">
            <legend className="font-medium">Scopes</legend>
            <label className="mt-2 mr-3 inline-flex items-center gap-1">
              <input type="checkbox" name="scopes" value="READ" defaultChecked /> Read
            </label>
            <label className="inline-flex items-center gap-1">
              <input type="checkbox" name="scopes" value="WRITE" defaultChecked /> Write
            </label>
            {fieldError(error, "scopes") && <p className="mt-1 text-xs font-medium text-red-700">{fieldError(error, "scopes")}</p>}
          </fieldset>
        </div>
        {error && !named && <ApiErrorAlert error={error} />}
        <button type="submit" disabled={pending} className={buttonClass}>
          {pending ? "Creating…" : "Create key"}
        </button>
      </form>
    </div>
  );
}
