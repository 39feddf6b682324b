import type { ReactNode } from "react";
import type { ConsentFieldsFragment } from "@/graphql/generated/client/graphql";
import { countOf, formatDate, humanizeEnum } from "./format";
import { Badge, EmptyState, consentTone } from "./ui";

/** Consents with purpose, categories, validity and data life; `action` renders a control per consent (revoke). */
export function ConsentList({ consents, emptyText, action }: { consents: ConsentFieldsFragment[]; emptyText: string; action?: (consent: ConsentFieldsFragment) => ReactNode }) {
  if (consents.length === 0) return <EmptyState>{emptyText}</EmptyState>;
  return (
    <ul className="space-y-2" aria-label="Consents">
      {consents.map((consent) => (
        <li key={consent.id} className="rounded border border-slate-200 p-3 text-sm" aria-label={`${humanizeEnum(consent.purpose)} consent, ${consent.status.toLowerCase()}`}>
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{humanizeEnum(consent.purpose)}</span>
            <Badge tone={consentTone[consent.status]}>{humanizeEnum(consent.status)}</Badge>
            <span className="ml-auto">{action?.(consent)}</span>
          </div>
          <p className="mt-1 text-slate-700">{consent.dataCategories.map(humanizeEnum).join(", ")}</p>
          <p className="mt-1 text-xs text-slate-500">
            Valid {formatDate(consent.validFrom)} – {formatDate(consent.expiresAt)} · data kept {countOf(consent.dataLifeDays, "day")} · granted {formatDate(consent.grantedAt)}
            {consent.revokedAt && ` · revoked ${formatDate(consent.revokedAt)}`}
          </p>
          <p className="mt-1 text-xs italic text-slate-600">“{consent.statement}”</p>
        </li>
      ))}
    </ul>
  );
}
