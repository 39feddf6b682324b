// The closed vocabularies are written in three places a transport or the engine needs them: the Prisma
// schema (the stored enums, prisma/generated/enums.ts), the GraphQL SDL (graphql/schema/**) and the engine's
// signal schema (scoring/signals/signal-schema.ts). This test holds them equal, so a value added in one place
// and not the others fails here rather than at a partner's first request.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { buildSchema, GraphQLEnumType } from "graphql";
import { describe, expect, it } from "vitest";
import * as engine from "@/scoring/signals/signal-schema";
import * as stored from "../generated/enums";

const schemaDirectory = path.join(process.cwd(), "graphql", "schema");
const sdl = readdirSync(schemaDirectory).map((module) => readFileSync(path.join(schemaDirectory, module, "schema.graphql"), "utf8")).join("\n");
const graphql = buildSchema(`directive @auth(roles: [Role!]!) on FIELD_DEFINITION\ndirective @public on FIELD_DEFINITION\n${sdl}`, { assumeValidSDL: true });
const sdlValues = (name: string): string[] => {
  const type = graphql.getType(name);
  if (!(type instanceof GraphQLEnumType)) throw new Error(`${name} is not an SDL enum`);
  return type.getValues().map((value) => value.name).sort();
};
const storedValues = (name: keyof typeof stored): string[] => Object.values(stored[name] as Record<string, string>).sort();

describe("one vocabulary in the store, the API and the engine", () => {
  it.each([
    ["NationalIdType", engine.nationalIdTypes],
    ["LinkedAccountType", engine.accountTypes],
    ["TransactionDirection", engine.transactionDirections],
    ["TransactionCategory", engine.transactionCategories],
    ["BillType", engine.billTypes],
    ["LenderType", engine.lenderTypes],
    ["BehaviouralEventType", engine.behaviouralEventTypes],
  ] as const)("%s: the same values in the Prisma schema, the SDL and the engine's signal schema", (name, engineValues) => {
    expect(sdlValues(name)).toEqual(storedValues(name));
    expect([...engineValues].sort()).toEqual(storedValues(name));
  });

  it("BureauStatus: the engine's and the store's agree", () => {
    expect([...engine.bureauStatuses].sort()).toEqual(storedValues("BureauStatus"));
  });

  it.each(["Role", "ConsentPurpose", "DataCategory", "Recommendation", "CommitteeVerdict", "OutcomeStatus", "ActorType", "CallerKind", "NarrativeSource", "JobKind", "JobState", "JobItemStatus", "ChangeKind", "ProposalState"] as const)(
    "%s: the same values in the Prisma schema and the SDL",
    (name) => {
      expect(sdlValues(name)).toEqual(storedValues(name));
    },
  );
});
