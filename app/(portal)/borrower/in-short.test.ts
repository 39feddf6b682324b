// Issue 12 item 5: "In short" spoke of "the applicant … as stated to the applicant" on the borrower's own page.
import { describe, expect, it } from "vitest";
import { describeScoreInShort } from "./in-short";

describe("describeScoreInShort", () => {
  it("speaks to the borrower, with the suggestion, the committee's verdict and the reasons as stated to her", () => {
    const text = describeScoreInShort({
      score: 534,
      recommendation: "REVIEW",
      verdict: "DECLINED",
      adverseReasons: [{ text: "Several of your bills were paid late." }, { text: "Your accounts are new." }],
      positiveFactors: [{ text: "You use mobile money most days." }],
    });
    expect(text).toBe(
      "Your score is 534. The lender's system suggested that a person look at your application more closely. A person on the lender's credit committee has declined your application. " +
        "What lowered your score most: Several of your bills were paid late; Your accounts are new. In your favour: You use mobile money most days.",
    );
    expect(text).not.toMatch(/applicant/i);
  });

  it("says the committee has not decided yet, and leaves out empty reason lists", () => {
    expect(describeScoreInShort({ score: 700, recommendation: "APPROVE", verdict: null, adverseReasons: [], positiveFactors: [] })).toBe(
      "Your score is 700. The lender's system suggested approving your application. A person on the lender's credit committee makes the final decision; they have not decided yet.",
    );
  });
});
