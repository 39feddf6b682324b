// Runs operations against the real schema and resolvers in-process, as a given caller: what the HTTP route
// does after it has resolved the caller.
import { randomUUID } from "node:crypto";
import type { ApolloServer } from "@apollo/server";
import type { JobQueue } from "@/core/jobs/job-queue";
import type { Db } from "@/prisma/store/database";
import type { Caller, GraphQLContext } from "../context";
import { createApolloServer } from "../server";

export interface OperationResult {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

export interface TestApi {
  execute(caller: Caller | null, query: string, variables?: Record<string, unknown>): Promise<OperationResult>;
  stop(): Promise<void>;
}

export async function startTestApi(db: Db, options: { jobQueue?: JobQueue } = {}): Promise<TestApi> {
  const server: ApolloServer<GraphQLContext> = createApolloServer();
  await server.start();
  return {
    async execute(caller, query, variables) {
      const response = await server.executeOperation({ query, variables }, { contextValue: { db, caller, requestId: randomUUID(), now: new Date(), jobQueue: options.jobQueue } });
      if (response.body.kind !== "single") throw new Error("startTestApi: incremental delivery is not used");
      return response.body.singleResult as OperationResult;
    },
    stop: () => server.stop(),
  };
}
