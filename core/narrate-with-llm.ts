import "server-only";
import type { CreditScoreRecord } from "@/prisma/store/credit-score";
import { readStoredResult } from "./scoring/stored-assessment";

/** The OpenAI-compatible endpoint to narrate with, from the environment; null (the default) means the template only. */
export function narrativeLlmFromEnv(): { baseUrl: string; model: string; apiKey: string | null } | null {
  const baseUrl = process.env.MICROTRUST_NARRATIVE_LLM_URL?.trim();
  const model = process.env.MICROTRUST_NARRATIVE_LLM_MODEL?.trim();
  if (!baseUrl || !model) return null;
  return { baseUrl: baseUrl.replace(/\/+$/, ""), model, apiKey: process.env.MICROTRUST_NARRATIVE_LLM_API_KEY?.trim() || null };
}

/** The stored facts the model may narrate, and nothing else. */
export function narrativeFacts(score: CreditScoreRecord, currency: string) {
  const { score: result, decision } = readStoredResult(score.result);
  return {
    score: score.score,
    probabilityOfDefaultPercent: Number((score.probabilityOfDefault * 100).toFixed(1)),
    riskLevel: decision.riskLevel,
    recommendation: decision.recommendation,
    recommendedLimit: decision.recommendedLimit,
    currency,
    tenorDays: decision.tenorDays,
    adverseReasons: result.adverseReasons.map((reason) => reason.text),
    positiveFactors: result.positiveFactors.map((reason) => reason.text),
    flags: [...decision.fraudFlags, ...decision.humanReviewFlags].map((flag) => flag.text),
  };
}

const numbersIn = (text: string): string[] => text.match(/\d+(?:[.,]\d+)*/g)?.map((n) => n.replace(/,/g, "")) ?? [];

/**
 * Asks the endpoint for a 2–3 sentence narrative of the facts. The answer is accepted only if it is 1–1,000
 * characters, at most 3 sentences, and every number in it appears in the facts (a model may not invent a
 * figure); otherwise, or on any failure or after 10 s, null (the caller falls back to the template).
 */
export async function narrateWithLlm(llm: NonNullable<ReturnType<typeof narrativeLlmFromEnv>>, facts: ReturnType<typeof narrativeFacts>): Promise<string | null> {
  const factsJson = JSON.stringify(facts);
  try {
    const response = await fetch(`${llm.baseUrl}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(llm.apiKey ? { authorization: `Bearer ${llm.apiKey}` } : {}) },
      body: JSON.stringify({
        model: llm.model,
        temperature: 0,
        messages: [
          { role: "system", content: "You explain a credit decision to a loan officer in 2 or 3 plain sentences. Use only the facts given as JSON; add no advice, no figure and no reason that is not in them." },
          { role: "user", content: factsJson },
        ],
      }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) return null;
    const body = (await response.json()) as { choices?: { message?: { content?: unknown } }[] };
    const text = body.choices?.[0]?.message?.content;
    if (typeof text !== "string") return null;
    const trimmed = text.trim();
    const sentences = trimmed.split(/(?<=[.!?])\s+/).filter(Boolean);
    if (trimmed.length === 0 || trimmed.length > 1000 || sentences.length > 3) return null;
    const known = new Set(numbersIn(factsJson));
    return numbersIn(trimmed).every((number) => known.has(number)) ? trimmed : null;
  } catch (error) {
    console.warn("[narrative] the LLM endpoint failed; using the template:", (error as Error).message);
    return null;
  }
}
