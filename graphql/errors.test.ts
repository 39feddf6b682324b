import { GraphQLError } from "graphql";
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiError, badUserInput, errorCodes, formatApiError, isErrorCode } from "./errors";
import type { Caller } from "./context";
import { startTestApi } from "./testing/graphql-test-api";

describe("formatApiError", () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(Object.keys(errorCodes).filter((code) => code !== "INTERNAL_SERVER_ERROR"))("keeps %s as is, without a stack trace", (code) => {
    const formatted = { message: "m", path: ["f"], extensions: { code, field: "x", stacktrace: ["at secret.ts:1"] } };
    expect(formatApiError(formatted, new GraphQLError("m"))).toEqual({ message: "m", path: ["f"], extensions: { code, field: "x" } });
  });

  it("reports Apollo's request errors as BAD_USER_INPUT with the original code as reason", () => {
    const formatted = { message: "Syntax Error: Expected Name", locations: [{ line: 1, column: 3 }], extensions: { code: "GRAPHQL_PARSE_FAILED" } };
    expect(formatApiError(formatted, new GraphQLError("x"))).toEqual({ ...formatted, extensions: { code: "BAD_USER_INPUT", reason: "GRAPHQL_PARSE_FAILED" } });
  });

  it("logs anything else and masks it as INTERNAL_SERVER_ERROR", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const original = new Error("connection string postgres://secret@db");
    const masked = formatApiError({ message: original.message, path: ["tenant"], extensions: { code: "SOMETHING_ELSE" } }, original);
    expect(masked).toEqual({ message: "Internal server error", path: ["tenant"], extensions: { code: "INTERNAL_SERVER_ERROR" } });
    expect(log).toHaveBeenCalledWith("[graphql] unexpected error", expect.objectContaining({ error: original }));
  });
});

describe("apiError", () => {
  it("builds errors of the closed set only, naming the field for bad input", () => {
    expect(badUserInput("phone", "phone: not E.164").extensions).toEqual({ code: "BAD_USER_INPUT", field: "phone" });
    expect(apiError("CONFLICT", "dup").extensions.code).toBe("CONFLICT");
    expect(isErrorCode("CONSENT_REQUIRED")).toBe(true);
    expect(isErrorCode("toString")).toBe(false);
  });
});

describe("an unexpected failure inside a resolver", () => {
  it("reaches the client as INTERNAL_SERVER_ERROR without its message, and is logged", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const brokenDb = new Proxy({}, { get: () => { throw new Error("database password is hunter2"); } });
    const api = await startTestApi(brokenDb as never);
    const admin: Caller = { kind: "USER", id: "u", tenantId: "t", role: "ADMIN", name: "A", email: null, borrowerId: null, scopes: [] };
    const result = await api.execute(admin, "{ tenant { name } }");
    await api.stop();
    expect(result.errors).toEqual([expect.objectContaining({ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } })]);
    expect(JSON.stringify(result)).not.toContain("hunter2");
    expect(log).toHaveBeenCalled();
  });
});

describe("unique violations", () => {
  const uniqueViolation = (meta: Record<string, unknown>) => Object.assign(new Error("Unique constraint failed"), { code: "P2002", meta });

  it.each([
    [{ target: ["tenantId", "externalId"] }, "externalId"],
    [{ driverAdapterError: { cause: { constraint: { fields: ['"tenantId"', '"name"', '"version"'] } } } }, "name,version"],
    [{ driverAdapterError: { cause: { constraint: { index: "PolicyVersion_one_active_per_tenant" } } } }, "PolicyVersion_one_active_per_tenant"],
    [{}, "input"],
  ])("answer CONFLICT naming the constrained fields (%j → %s), never INTERNAL_SERVER_ERROR", (meta, field) => {
    const error = uniqueViolation(meta);
    expect(formatApiError({ message: error.message }, error).extensions).toEqual({ code: "CONFLICT", field });
  });
});
