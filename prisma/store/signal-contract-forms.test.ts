// The forms derived from the signal contract (scoring/signals/signal-contract.ts), read as the running system
// sees them: the SDL codegen merges, the Prisma client generated from schema.prisma and
// the store's row types. The generator's own test shows --check fails on a hand edit; this one shows what it
// generated means the same as the contract.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { buildSchema, GraphQLEnumType, GraphQLInputObjectType, GraphQLNonNull, getNamedType } from "graphql";
import { describe, expect, expectTypeOf, it } from "vitest";
import { batchCategories, fieldsOf, loanInstalmentRowFields, signalCategories, signalVocabularies, type SignalCategory, type SignalCategoryName } from "@/scoring/signals/signal-contract";
import type { Prisma } from "../generated/client";
import * as stored from "../generated/enums";
import { Prisma as PrismaNamespace } from "../generated/client";
import type { NewBehaviouralEvent } from "./behavioural-event";
import type { NewBill } from "./bill";
import type { NewBureauRecord } from "./bureau-record";
import type { NewLinkedAccount } from "./linked-account";
import type { NewLoanRepayment } from "./loan-repayment";
import type { NewTransaction } from "./transaction";

// The SDL as codegen and the server read it: every .graphql file under graphql/schema (generated ones included).
const schemaDirectory = path.join(process.cwd(), "graphql", "schema");
const sdl = readdirSync(schemaDirectory, { recursive: true, encoding: "utf8" })
  .filter((file) => file.endsWith(".graphql"))
  .map((file) => readFileSync(path.join(schemaDirectory, file), "utf8"))
  .join("\n");
const graphql = buildSchema(`directive @auth(roles: [Role!]!) on FIELD_DEFINITION\ndirective @public on FIELD_DEFINITION\n${sdl}`, { assumeValidSDL: true });
const sdlValues = (name: string): string[] => {
  const type = graphql.getType(name);
  if (!(type instanceof GraphQLEnumType)) throw new Error(`${name} is not an SDL enum`);
  return type.getValues().map((value) => value.name);
};
const storedValues = (name: string): string[] => Object.values((stored as Record<string, Record<string, string>>)[name]);

describe("the signal contract's generated forms", () => {
  it.each(Object.entries(signalVocabularies))("%s: the API's and the store's values are the contract's, in its order", (name, vocabulary) => {
    expect(sdlValues(name)).toEqual([...vocabulary.values]);
    expect(storedValues(name)).toEqual([...vocabulary.values]);
  });

  it.each((Object.keys(signalCategories) as SignalCategoryName[]).filter((category) => (signalCategories[category] as SignalCategory).input))(
    "%s: the API input has the contract's ingest fields, in order, required unless optional",
    (category) => {
      const input = graphql.getType((signalCategories[category] as SignalCategory).input!) as GraphQLInputObjectType;
      const fields = Object.values(input.getFields()).filter((field) => field.name !== "borrowerId");
      expect(fields.map((field) => [field.name, field.type instanceof GraphQLNonNull])).toEqual(fieldsOf(category, "ingest").map(([name, field]) => [name, !field.optional]));
      for (const [name, field] of fieldsOf(category, "ingest")) if (field.kind === "enum") expect(getNamedType(input.getFields()[name].type).name).toBe(field.vocabulary);
    },
  );

  it("IngestSignalsInput carries one list per batch category", () => {
    const input = graphql.getType("IngestSignalsInput") as GraphQLInputObjectType;
    expect(Object.keys(input.getFields())).toEqual(["borrowerId", ...batchCategories.map((category) => signalCategories[category].batchKey)]);
  });
});

describe("the store's signal tables and row types follow the contract", () => {
  const storeColumns = ["id", "tenantId", "borrowerId", "createdAt"];
  it.each([
    ["Transaction", PrismaNamespace.TransactionScalarFieldEnum, fieldsOf("transaction", "ingest")],
    ["Bill", PrismaNamespace.BillScalarFieldEnum, fieldsOf("bill", "ingest")],
    ["LoanRepayment", PrismaNamespace.LoanRepaymentScalarFieldEnum, [["externalId"], ...loanInstalmentRowFields()]],
    ["BehaviouralEvent", PrismaNamespace.BehaviouralEventScalarFieldEnum, fieldsOf("event", "ingest")],
    ["BureauRecord", PrismaNamespace.BureauRecordScalarFieldEnum, fieldsOf("bureau", "ingest")],
    ["LinkedAccount", PrismaNamespace.LinkedAccountScalarFieldEnum, fieldsOf("account", "ingest")],
  ] as const)("%s: its columns are the contract's fields and the store's own", (_, columns, fields) => {
    expect(Object.values(columns).sort()).toEqual([...storeColumns, ...fields.map(([name]) => name)].sort());
  });

  it("the rows the store writes are what Prisma accepts for those tables", () => {
    type Writable<T> = Omit<T, "id" | "tenantId" | "createdAt">;
    expectTypeOf<NewTransaction>().toExtend<Writable<Prisma.TransactionCreateManyInput>>();
    expectTypeOf<NewBill>().toExtend<Writable<Prisma.BillCreateManyInput>>();
    expectTypeOf<NewLoanRepayment>().toExtend<Writable<Prisma.LoanRepaymentCreateManyInput>>();
    expectTypeOf<NewBehaviouralEvent>().toExtend<Writable<Prisma.BehaviouralEventCreateManyInput>>();
    expectTypeOf<NewBureauRecord>().toExtend<Writable<Prisma.BureauRecordCreateManyInput>>();
    expectTypeOf<NewLinkedAccount>().toExtend<Writable<Prisma.LinkedAccountCreateManyInput>>();
  });
});

describe("vocabularies outside the signal contract", () => {
  it.each(["Role", "ConsentPurpose", "DataCategory", "Recommendation", "CommitteeVerdict", "OutcomeStatus", "ActorType", "CallerKind", "NarrativeSource", "JobKind", "JobState", "JobItemStatus", "ChangeKind", "ProposalState"])(
    "%s: the same values in the Prisma schema and the SDL",
    (name) => {
      expect([...sdlValues(name)].sort()).toEqual([...storedValues(name)].sort());
    },
  );
});
