import { afterEach, describe, expect, it, vi } from "vitest";
import { defaultQueueTuning, queueTuningFromEnv } from "./job-queue";

describe("queueTuningFromEnv", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("listens on the database's own URL unless told where, or told not to", () => {
    vi.stubEnv("MICROTRUST_JOB_CLAIM_SECONDS", undefined);
    vi.stubEnv("MICROTRUST_JOB_LISTEN_URL", "");
    expect(queueTuningFromEnv()).toEqual(defaultQueueTuning);
    expect("listenUrl" in queueTuningFromEnv()).toBe(false);
    vi.stubEnv("MICROTRUST_JOB_LISTEN_URL", "postgresql://postgres@10.0.0.5:5432/microtrust");
    expect(queueTuningFromEnv().listenUrl).toBe("postgresql://postgres@10.0.0.5:5432/microtrust");
    vi.stubEnv("MICROTRUST_JOB_LISTEN_URL", "off");
    expect(queueTuningFromEnv().listenUrl).toBeNull();
  });

  it("refuses a listen URL that is not PostgreSQL's, and a claim outside 5 s to a day", () => {
    vi.stubEnv("MICROTRUST_JOB_LISTEN_URL", "redis://127.0.0.1:6379");
    expect(() => queueTuningFromEnv()).toThrow(/MICROTRUST_JOB_LISTEN_URL/);
    vi.stubEnv("MICROTRUST_JOB_LISTEN_URL", "");
    vi.stubEnv("MICROTRUST_JOB_CLAIM_SECONDS", "4");
    expect(() => queueTuningFromEnv()).toThrow(/MICROTRUST_JOB_CLAIM_SECONDS/);
    vi.stubEnv("MICROTRUST_JOB_CLAIM_SECONDS", "20");
    expect(queueTuningFromEnv()).toMatchObject({ expireInSeconds: 20, maintenanceIntervalSeconds: 5 });
  });
});
