/** What a scoring says, as the borrower reads it: the facts of "In short". */
export interface ScoreInShort {
  score: number;
  recommendation: "APPROVE" | "REVIEW" | "REJECT";
  adverseReasons: readonly { text: string }[];
  positiveFactors: readonly { text: string }[];
  /** The committee's verdict in force, when there is one. */
  verdict: "APPROVED" | "DECLINED" | "REFERRED" | null;
}

const suggested = { APPROVE: "approving your application", REVIEW: "that a person look at your application more closely", REJECT: "declining your application" } as const;
const decided = { APPROVED: "approved your application", DECLINED: "declined your application", REFERRED: "asked for more information before deciding" } as const;

const sentenceOf = (texts: readonly string[]): string => texts.map((text) => text.replace(/\.$/, "")).join("; ");

/**
 * "In short", written to the borrower: her score, what the lender's system suggested and what its committee
 * decided, and the reasons as they were stated to her (reason texts are already in the second person). The
 * frozen narrative on the review page is the lender's; this is hers.
 */
export function describeScoreInShort(facts: ScoreInShort): string {
  const sentences = [`Your score is ${facts.score}. The lender's system suggested ${suggested[facts.recommendation]}.`];
  sentences.push(facts.verdict ? `A person on the lender's credit committee has ${decided[facts.verdict]}.` : "A person on the lender's credit committee makes the final decision; they have not decided yet.");
  if (facts.adverseReasons.length > 0) sentences.push(`What lowered your score most: ${sentenceOf(facts.adverseReasons.map((reason) => reason.text))}.`);
  if (facts.positiveFactors.length > 0) sentences.push(`In your favour: ${sentenceOf(facts.positiveFactors.map((reason) => reason.text))}.`);
  return sentences.join(" ");
}
