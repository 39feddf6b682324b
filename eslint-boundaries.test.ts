// The import boundaries of eslint.config.mjs, linted on offending source: a rule that no longer bites fails here.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return result.messages.filter((message) => message.ruleId === "no-restricted-imports").map((message) => message.message);
}

describe("import boundaries", () => {
  it.each([
    ["core/x.ts", 'import { GraphQLError } from "graphql";'],
    ["core/x.ts", 'import type { GraphQLContext } from "@/graphql/context";'],
    ["core/x.ts", 'import { NextResponse } from "next/server";'],
    ["core/x.ts", 'import { getServerSession } from "next-auth";'],
    ["core/x.ts", 'import { ApolloServer } from "@apollo/server";'],
    ["core/jobs/x.ts", 'import { errorCodes } from "../../graphql/errors";'],
    ["core/x.ts", 'import { PrismaClient } from "@prisma/client";'],
    ["prisma/store/x.ts", 'import { calculateScore } from "@/core/calculate-score";'],
    ["prisma/cli/x.ts", 'import { createApolloServer } from "@/graphql/server";'],
    ["scoring/x.ts", 'import { calculateScore } from "@/core/calculate-score";'],
    ["app/x.ts", 'import { findBorrowerById } from "@/prisma/store/borrower";'],
    ["core/x.ts", 'import { readProtectedValues } from "@/prisma/store/protected-attribute";'],
    ["core/scoring/x.ts", 'import { readProtectedValues } from "../../prisma/store/protected-attribute";'],
    ["graphql/x.ts", 'import { readProtectedValues } from "@/prisma/store/protected-attribute";'],
    ["prisma/store/x.ts", 'import { readProtectedValues } from "./protected-attribute";'],
    ["prisma/seed/x.ts", 'import { readProtectedValues } from "../store/protected-attribute";'],
  ])("%s may not `%s`", async (filePath, source) => {
    expect(await restrictedImports(filePath, source)).toHaveLength(1);
  });

  it.each([
    ["core/x.ts", 'import { findBorrowerById } from "@/prisma/store/borrower";'],
    ["core/x.ts", 'import { computeFeatures } from "@/scoring/features/compute-features";'],
    ["graphql/x.ts", 'import { calculateScore } from "@/core/calculate-score";'],
    ["prisma/cli/x.ts", 'import { calculateScore } from "@/core/calculate-score";'],
    ["core/fairness/x.ts", 'import { readProtectedValues } from "@/prisma/store/protected-attribute";'],
  ])("%s may `%s`", async (filePath, source) => {
    expect(await restrictedImports(filePath, source)).toEqual([]);
  });
});
