// Test support: a use case's refusal asserted by what a caller acts on, its code, the field it names and the
// start of its message (which repeats the field, so an emptied or swapped message is caught too).
import { expect } from "vitest";
import type { DomainErrorCode } from "../errors";

export async function expectDomainError(promise: Promise<unknown>, code: DomainErrorCode, field: string | undefined, messageStart: string): Promise<void> {
  await expect(promise).rejects.toMatchObject({ name: "DomainError", code, field, message: expect.stringMatching(new RegExp(`^${messageStart.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`)) });
}
