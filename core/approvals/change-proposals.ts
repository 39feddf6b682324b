import "server-only";
import { decideChangeProposal, findChangeProposal, insertChangeProposal, listChangeProposals as listStored, type ChangeProposalFilter, type ChangeProposalRecord } from "@/prisma/store/change-proposal";
import { findModelVersionSummary } from "@/prisma/store/model-version";
import { findPolicyVersionById } from "@/prisma/store/policy-version";
import type { ChangeKind } from "@/prisma/store/vocabulary";
import { requireRole, type Actor, type UseCaseScope } from "../actor";
import { runAudited } from "../audited-change";
import { badUserInput, conflict, forbidden, notFound } from "../errors";
import { changeKinds, readEvidence } from "./change-kinds";

export type { ChangeProposalRecord } from "@/prisma/store/change-proposal";

/** Who may propose a change, and who may approve or reject one (never the person who proposed it). */
export const proposerRoles = ["ADMIN"] as const;
export const approverRoles = ["ADMIN", "COMMITTEE"] as const;

export interface ProposeChangeInput {
  kind: ChangeKind;
  subjectId: string;
  /** Why, in the proposer's words: shown to the approver and kept in the audit trail. */
  note: string;
  /** The job whose result was reviewed (a policy simulation, a model comparison). */
  evidenceJobId?: string | null;
}

export interface DecideChangeInput {
  proposalId: string;
  note?: string | null;
}

const maxNote = 2_000;

/** Four eyes means two people: an API key is a system, not a person, so it may neither propose nor decide. */
function requirePerson(actor: Actor): void {
  if (actor.kind !== "USER") throw forbidden("A change that needs two people must be proposed and decided by signed-in users, not an API key.");
}

function readNote(note: string | null | undefined, required: boolean): string | null {
  const text = (note ?? "").trim();
  if (required && text.length === 0) throw badUserInput("note", "note: say why (1 to 2,000 characters).");
  if (text.length > maxNote) throw badUserInput("note", "note: at most 2,000 characters.");
  return text.length === 0 ? null : text;
}

/**
 * Proposes a four-eyes change (an ADMIN, signed in): make a model or a policy version the active one. Nothing
 * changes until a different person approves it. At most one pending proposal per subject.
 * @throws DomainError NOT_FOUND (no such subject), CONFLICT (already active; already pending), BAD_USER_INPUT (note, evidence).
 */
export async function proposeChange(scope: UseCaseScope, input: ProposeChangeInput): Promise<ChangeProposalRecord> {
  requireRole(scope.actor, proposerRoles);
  requirePerson(scope.actor);
  const note = readNote(input.note, true) as string;
  const rules = changeKinds[input.kind];
  if (!rules) throw badUserInput("kind", "kind: ACTIVATE_MODEL or PUBLISH_POLICY.");
  return runAudited(scope, async (tx) => {
    const subject = await rules.readSubject(tx, scope.actor.tenantId, input.subjectId);
    const evidence = await readEvidence(tx, scope.actor.tenantId, input.evidenceJobId ?? null);
    rules.checkEvidence(tx, scope.actor.tenantId, subject, evidence);
    const pending = await listStored(tx, scope.actor.tenantId, { state: "PENDING", kind: input.kind, subjectId: subject.id }, 1);
    if (pending.length > 0) throw conflict("subjectId", "A proposal for this change is already waiting for approval.");
    const proposal = await insertChangeProposal(tx, scope.actor.tenantId, {
      kind: input.kind,
      subjectId: subject.id,
      evidenceJobId: evidence?.id ?? null,
      note,
      proposedById: scope.actor.id,
      proposedByName: scope.actor.name,
      proposedAt: scope.now,
    });
    return {
      result: proposal,
      event: { action: "change.proposed", entityType: "ChangeProposal", entityId: proposal.id, payload: { kind: input.kind, subjectType: subject.entityType, subjectId: subject.id, subject: subject.label, evidenceJobId: proposal.evidenceJobId, note } },
    };
  });
}

async function readPending(scope: UseCaseScope, proposalId: string): Promise<ChangeProposalRecord> {
  const proposal = await findChangeProposal(scope.db, scope.actor.tenantId, proposalId);
  if (!proposal) throw notFound("No change proposal with this id.");
  if (proposal.state !== "PENDING") throw conflict("proposalId", `This proposal was already ${proposal.state.toLowerCase()}.`);
  return proposal;
}

/**
 * Approves a pending proposal and applies it, in one transaction with both audit events (the approval, then
 * what it did). The approver is a signed-in ADMIN or COMMITTEE member who did not propose it. Of two
 * concurrent decisions one wins; the other gets CONFLICT.
 * @throws DomainError FORBIDDEN (own proposal, role), NOT_FOUND, CONFLICT (no longer pending; subject already active).
 */
export async function approveChange(scope: UseCaseScope, input: DecideChangeInput): Promise<ChangeProposalRecord> {
  requireRole(scope.actor, approverRoles);
  requirePerson(scope.actor);
  const note = readNote(input.note, false);
  const proposal = await readPending(scope, input.proposalId);
  if (proposal.proposedById === scope.actor.id) throw forbidden("A change needs a second person: you cannot approve your own proposal.");
  const rules = changeKinds[proposal.kind];
  return runAudited(scope, async (tx) => {
    // Claim the decision first: of two concurrent approvers, the second finds it no longer PENDING.
    const decided = await decideChangeProposal(tx, scope.actor.tenantId, proposal.id, { state: "APPROVED", decidedById: scope.actor.id, decidedByName: scope.actor.name, decidedAt: scope.now, decisionNote: note });
    if (!decided) throw conflict("proposalId", "This proposal was decided or withdrawn meanwhile.");
    const subject = await rules.readSubject(tx, scope.actor.tenantId, proposal.subjectId);
    rules.checkEvidence(tx, scope.actor.tenantId, subject, await readEvidence(tx, scope.actor.tenantId, proposal.evidenceJobId));
    const applied = await rules.apply(tx, scope.actor.tenantId, subject);
    const approved = (await findChangeProposal(tx, scope.actor.tenantId, proposal.id)) as ChangeProposalRecord;
    return {
      result: approved,
      event: [
        { action: "change.approved", entityType: "ChangeProposal", entityId: proposal.id, payload: { kind: proposal.kind, subjectId: subject.id, subject: subject.label, proposedById: proposal.proposedById, note } },
        ...applied,
      ],
    };
  });
}

/**
 * Rejects a pending proposal (a signed-in ADMIN or COMMITTEE member other than the proposer, with a note), or
 * withdraws it (the proposer). Nothing else changes.
 * @throws DomainError FORBIDDEN, NOT_FOUND, CONFLICT (no longer pending), BAD_USER_INPUT (note).
 */
export async function rejectChange(scope: UseCaseScope, input: DecideChangeInput): Promise<ChangeProposalRecord> {
  requirePerson(scope.actor);
  const proposal = await readPending(scope, input.proposalId);
  const withdrawing = proposal.proposedById === scope.actor.id;
  if (!withdrawing) requireRole(scope.actor, approverRoles);
  const note = readNote(input.note, !withdrawing);
  const state = withdrawing ? "WITHDRAWN" : "REJECTED";
  return runAudited(scope, async (tx) => {
    const decided = await decideChangeProposal(tx, scope.actor.tenantId, proposal.id, { state, decidedById: scope.actor.id, decidedByName: scope.actor.name, decidedAt: scope.now, decisionNote: note });
    if (!decided) throw conflict("proposalId", "This proposal was decided or withdrawn meanwhile.");
    const rejected = (await findChangeProposal(tx, scope.actor.tenantId, proposal.id)) as ChangeProposalRecord;
    return { result: rejected, event: { action: withdrawing ? "change.withdrawn" : "change.rejected", entityType: "ChangeProposal", entityId: proposal.id, payload: { kind: proposal.kind, subjectId: proposal.subjectId, note } } };
  });
}

/** The tenant's proposals, newest first (staff only). */
export async function listChangeProposals(scope: UseCaseScope, filter: ChangeProposalFilter & { first?: number | null }): Promise<ChangeProposalRecord[]> {
  requireRole(scope.actor, ["ADMIN", "COMMITTEE", "ANALYST", "AUDITOR"]);
  const first = filter.first ?? 50;
  if (!Number.isInteger(first) || first < 1 || first > 200) throw badUserInput("first", "first: 1 to 200.");
  return listStored(scope.db, scope.actor.tenantId, filter, first);
}

/** The proposal's subject as people name it ("Default model 3"), and its status now. */
export async function describeChangeSubject(scope: UseCaseScope, proposal: Pick<ChangeProposalRecord, "kind" | "subjectId">): Promise<{ label: string; status: string }> {
  if (proposal.kind === "ACTIVATE_MODEL") {
    const model = await findModelVersionSummary(scope.db, scope.actor.tenantId, proposal.subjectId);
    return model ? { label: `${model.name} ${model.version}`, status: model.status } : { label: proposal.subjectId, status: "UNKNOWN" };
  }
  const policy = await findPolicyVersionById(scope.db, scope.actor.tenantId, proposal.subjectId);
  return policy ? { label: `${policy.name} ${policy.version}`, status: policy.status } : { label: proposal.subjectId, status: "UNKNOWN" };
}
