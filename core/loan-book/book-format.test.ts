import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fieldsInForm, signalCategories, signalLimits, signalVocabularies, type SignalCategory, type SignalField } from "@/scoring/signals/signal-contract";
import { bookSignalCategories, buildSignalsRowSchema, fileReferences, parseBook } from "./book-format";

const loanJson = { borrowerExternalId: "B-1", externalId: "L-1", disbursedAt: "2024-01-01T09:00:00Z", amount: "20000.00", tenorDays: 90, status: "DEFAULT", maxDaysLate: 120, defaultedAt: "2024-06-01T09:00:00Z", observedAt: "2025-01-01T09:00:00Z" };

describe("parseBook with CSV files", () => {
  it("reads a CSV loans file as the same rows as its JSON Lines twin", () => {
    const csv = ["borrowerExternalId,externalId,disbursedAt,amount,tenorDays,status,maxDaysLate,defaultedAt,observedAt", "B-1,L-1,2024-01-01T09:00:00Z,20000.00,90,DEFAULT,120,2024-06-01T09:00:00Z,2025-01-01T09:00:00Z", "B-2,L-2,2024-02-01T09:00:00Z,15000,60,PAID_OFF,0,,2025-02-01T09:00:00Z"].join("\r\n");
    const jsonLines = [JSON.stringify(loanJson), JSON.stringify({ borrowerExternalId: "B-2", externalId: "L-2", disbursedAt: "2024-02-01T09:00:00Z", amount: "15000", tenorDays: 60, status: "PAID_OFF", maxDaysLate: 0, observedAt: "2025-02-01T09:00:00Z" })].join("\n");
    const fromCsv = parseBook([{ category: "loans", fileName: "loans.csv", content: csv }]);
    const fromJson = parseBook([{ category: "loans", fileName: "loans.jsonl", content: jsonLines }]);
    expect(fromCsv.refusals).toEqual([]);
    expect(fromCsv.rowsRead.loans).toBe(2);
    expect(fromCsv.loans.map((located) => located.row)).toEqual(fromJson.loans.map((located) => located.row));
    expect(fromCsv.loans.map((located) => located.line)).toEqual([2, 3]);
    expect(fromCsv.loans[1].row.defaultedAt).toBeUndefined();
  });

  it("refuses a bad cell with its file, line and field, and an unknown column by name", () => {
    const csv = ["externalId,givenName,familyName,dateOfBirth,nationalIdType,nationalId,phone", 'B-1,Amina,"Otieno\nWanjiru",1990-01-01,HUDUMA,12345678,+254700000001', "B-2,Brian,Mwangi,01/02/1990,HUDUMA,12345679,+254700000002"].join("\n");
    const book = parseBook([{ category: "borrowers", fileName: "borrowers.csv", content: csv }]);
    expect(book.borrowers).toHaveLength(1);
    expect(book.borrowers[0].line).toBe(2);
    expect(book.refusals).toEqual([{ file: "borrowers.csv", line: 4, field: "dateOfBirth", reason: expect.any(String) }]);
    const extra = parseBook([{ category: "accounts", fileName: "accounts.CSV", content: "borrowerExternalId,type,provider,externalReference,openedAt,verified,colour\nB-1,MOBILE_MONEY,M-Pesa,0700,2023-01-01T00:00:00Z,true,blue\n" }]);
    expect(extra.refusals).toEqual([{ file: "accounts.CSV", line: 2, field: "colour", reason: "not a field of this file (see docs/loan-book-import.md)" }]);
  });

  it("keeps signals in JSON Lines: a signals CSV is one refusal naming the category", () => {
    const book = parseBook([{ category: "signals", fileName: "signals.csv", content: "borrowerExternalId\nB-1\n" }]);
    expect(book.signals).toEqual([]);
    expect(book.refusals).toEqual([{ file: "signals.csv", line: 0, field: "category", reason: expect.stringContaining("JSON Lines") }]);
  });
});

describe("the CSV example book (docs/examples/loan-book-csv)", () => {
  it("parses without a refusal into the same rows as the same borrowers of the JSON Lines example book", () => {
    const read = (path: string) => readFileSync(path, "utf8");
    const csvBook = parseBook(["borrowers.csv", "loans.csv", "signals.jsonl"].map((fileName) => ({ category: fileName.split(".")[0], fileName, content: read(`docs/examples/loan-book-csv/${fileName}`) })));
    expect(csvBook.refusals).toEqual([]);
    const ids = new Set(csvBook.borrowers.map((located) => located.row.externalId));
    expect(ids.size).toBe(5);
    const jsonBook = parseBook(["borrowers", "loans"].map((category) => ({ category, fileName: `${category}.jsonl`, content: read(`docs/examples/loan-book/${category}.jsonl`) })));
    expect(csvBook.borrowers.map((located) => located.row)).toEqual(jsonBook.borrowers.filter((located) => ids.has(located.row.externalId)).map((located) => located.row));
    expect(csvBook.loans.map((located) => located.row)).toEqual(jsonBook.loans.filter((located) => ids.has(located.row.borrowerExternalId)).map((located) => located.row));
    expect(csvBook.loans.some((located) => located.row.status === "DEFAULT")).toBe(true);
  });
});

// The signals file's items are built from the signal contract: these tests walk the contract's own table, so a
// field, vocabulary value or limit changed there is checked here without editing this file.
describe("signals rows derived from the signal contract", () => {
  type Kind = Exclude<SignalField["kind"], "enum" | "list">;
  /** A valid file value of each kind. */
  const sampleOf: Record<Kind, unknown> = {
    externalId: "X-1",
    reference: "0700000001",
    text: "Kenya Power",
    currency: "KES",
    phone: "+254700000001",
    positiveAmount: "1250.50",
    nonNegativeAmount: 0,
    day: "2024-03-01",
    instant: "2024-03-01T09:00:00+03:00",
    dayOrInstant: "2024-03-01T09:00:00Z",
    count: 3,
    boolean: true,
  };
  const fileNameOf = (name: string) => (name in fileReferences ? fileReferences[name as keyof typeof fileReferences].fileName : name);
  const sampleValue = (field: SignalField, table: Record<string, SignalCategory>): unknown =>
    field.kind === "enum" ? signalVocabularies[field.vocabulary].values[0] : field.kind === "list" ? [sampleItem(field.of, table)] : sampleOf[field.kind];
  /** An item of a category with every field of its ingest form, under its file name. */
  function sampleItem(category: string, table: Record<string, SignalCategory> = signalCategories): Record<string, unknown> {
    return Object.fromEntries(fieldsInForm(table[category], "ingest").map(([name, field]) => [fileNameOf(name), sampleValue(field, table)]));
  }
  const keyOf = (category: (typeof bookSignalCategories)[number]) => signalCategories[category].batchKey;
  const signalsLine = (category: (typeof bookSignalCategories)[number], item: Record<string, unknown>) => JSON.stringify({ borrowerExternalId: "B-1", [keyOf(category)]: [item] });
  const parseSignals = (...lines: string[]) => parseBook([{ category: "signals", fileName: "signals.jsonl", content: lines.join("\n") }]);
  const refusalOf = (category: (typeof bookSignalCategories)[number], item: Record<string, unknown>) => parseSignals(signalsLine(category, item)).refusals;

  it("carries every batch category of the contract but the bureau's, under its batch key", () => {
    expect(bookSignalCategories).toEqual(["transaction", "bill", "loan", "event"]);
    expect(bookSignalCategories.map(keyOf)).toEqual(["transactions", "bills", "loans", "events"]);
  });

  it.each(bookSignalCategories)("accepts a %s item with every ingest field of the contract, and with only its required ones", (category) => {
    const item = sampleItem(category);
    expect(refusalOf(category, item)).toEqual([]);
    const required = Object.fromEntries(fieldsInForm(signalCategories[category], "ingest").filter(([, field]) => !field.optional).map(([name]) => [fileNameOf(name), item[fileNameOf(name)]]));
    expect(refusalOf(category, required)).toEqual([]);
    const nulls = { ...required, ...Object.fromEntries(fieldsInForm(signalCategories[category], "ingest").filter(([, field]) => field.optional).map(([name]) => [fileNameOf(name), null])) };
    expect(refusalOf(category, nulls)).toEqual([]);
  });

  it.each(bookSignalCategories.flatMap((category) => fieldsInForm(signalCategories[category], "ingest").filter(([, field]) => !field.optional).map(([name]) => [category, fileNameOf(name)] as const)))(
    "refuses a %s item without its required field %s, naming it",
    (category, fileName) => {
      const { [fileName]: _, ...item } = sampleItem(category);
      expect(refusalOf(category, item)).toEqual([{ file: "signals.jsonl", line: 1, field: `${keyOf(category)}[0].${fileName}`, reason: "required" }]);
    },
  );

  it.each(
    bookSignalCategories.flatMap((category) =>
      fieldsInForm(signalCategories[category], "ingest").flatMap(([name, field]) => (field.kind === "enum" ? [[category, name, field.vocabulary] as const] : [])),
    ),
  )("accepts every %s.%s value of %s and refuses an unknown one naming the field", (category, name, vocabulary) => {
    for (const value of signalVocabularies[vocabulary].values) expect(refusalOf(category, { ...sampleItem(category), [name]: value })).toEqual([]);
    expect(refusalOf(category, { ...sampleItem(category), [name]: "NOT_A_VALUE" })).toEqual([
      { file: "signals.jsonl", line: 1, field: `${keyOf(category)}[0].${name}`, reason: `one of ${signalVocabularies[vocabulary].values.join(", ")}` },
    ]);
  });

  it("takes identifier and text lengths from signalLimits", () => {
    const id = (length: number) => refusalOf("event", { ...sampleItem("event"), externalId: "x".repeat(length) });
    expect(id(signalLimits.maxIdentifierLength)).toEqual([]);
    expect(id(signalLimits.maxIdentifierLength + 1)).toEqual([{ file: "signals.jsonl", line: 1, field: "events[0].externalId", reason: `1 to ${signalLimits.maxIdentifierLength} characters` }]);
    expect(id(0)).toEqual([{ file: "signals.jsonl", line: 1, field: "events[0].externalId", reason: `1 to ${signalLimits.maxIdentifierLength} characters` }]);
    const biller = (length: number) => refusalOf("bill", { ...sampleItem("bill"), biller: "b".repeat(length) });
    expect(biller(signalLimits.maxTextLength)).toEqual([]);
    expect(biller(signalLimits.maxTextLength + 1)).toEqual([{ file: "signals.jsonl", line: 1, field: "bills[0].biller", reason: `at most ${signalLimits.maxTextLength} characters` }]);
  });

  it("writes a reference to an account as accountReference (fileReferences), never as the contract's accountId", () => {
    expect(Object.keys(sampleItem("transaction"))).toContain("accountReference");
    expect(refusalOf("transaction", { ...sampleItem("transaction"), accountId: "0700000001" })).toMatchObject([{ field: "accountId", reason: "not a field of this file (see docs/loan-book-import.md)" }]);
    // A bill's account is optional in the contract, so its reference is too: absent, null or empty.
    const { accountReference: _, ...bill } = sampleItem("bill");
    for (const reference of [undefined, null, ""]) expect(refusalOf("bill", { ...bill, accountReference: reference })).toEqual([]);
  });

  describe("built from a changed contract table", () => {
    const withTransactionFields = (fields: Record<string, SignalField>): Record<string, SignalCategory> => ({ ...signalCategories, transaction: { ...signalCategories.transaction, fields } });
    const row = (transaction: Record<string, unknown>) => ({ borrowerExternalId: "B-1", transactions: [transaction] });
    const issuesOf = (schema: ReturnType<typeof buildSignalsRowSchema>, value: unknown) => (schema.safeParse(value).error?.issues ?? []).map((issue) => ({ path: issue.path.join("."), code: issue.code }));

    it("a field added to the contract is a field of the file: optional, it may be left out; required, it must be there", () => {
      const optional = buildSignalsRowSchema(withTransactionFields({ ...signalCategories.transaction.fields, note: { kind: "text", optional: true } }));
      expect(issuesOf(optional, row(sampleItem("transaction")))).toEqual([]);
      expect(issuesOf(optional, row({ ...sampleItem("transaction"), note: "paid in cash" }))).toEqual([]);
      expect(issuesOf(optional, row({ ...sampleItem("transaction"), note: 7 }))).toEqual([{ path: "transactions.0.note", code: "invalid_type" }]);
      expect(issuesOf(buildSignalsRowSchema(), row({ ...sampleItem("transaction"), note: "paid in cash" }))).toEqual([{ path: "transactions.0", code: "unrecognized_keys" }]);
      const required = buildSignalsRowSchema(withTransactionFields({ ...signalCategories.transaction.fields, channel: { kind: "enum", vocabulary: "LinkedAccountType" } }));
      expect(issuesOf(required, row(sampleItem("transaction")))).toEqual([{ path: "transactions.0.channel", code: "invalid_value" }]);
      expect(issuesOf(required, row({ ...sampleItem("transaction"), channel: "MOBILE_MONEY" }))).toEqual([]);
    });

    it("a field removed from the contract is refused as unknown; a field only in the engine form is not in the file", () => {
      const { counterparty: _, ...fields } = signalCategories.transaction.fields;
      const without = buildSignalsRowSchema(withTransactionFields(fields));
      expect(issuesOf(without, row({ ...sampleItem("transaction"), counterparty: "Shop" }))).toEqual([{ path: "transactions.0", code: "unrecognized_keys" }]);
      const engineOnly = buildSignalsRowSchema(withTransactionFields({ ...signalCategories.transaction.fields, score: { kind: "count", only: "engine" } }));
      expect(issuesOf(engineOnly, row(sampleItem("transaction")))).toEqual([]);
    });

    it("a field turned optional in the contract may be null in the file", () => {
      const schema = buildSignalsRowSchema(withTransactionFields({ ...signalCategories.transaction.fields, currency: { kind: "currency", optional: true } }));
      expect(issuesOf(schema, row({ ...sampleItem("transaction"), currency: null }))).toEqual([]);
      expect(issuesOf(buildSignalsRowSchema(), row({ ...sampleItem("transaction"), currency: null }))).toMatchObject([{ path: "transactions.0.currency" }]);
    });

    it("a reference field without a file form is an error when the schema is built, naming it", () => {
      expect(() => buildSignalsRowSchema(withTransactionFields({ ...signalCategories.transaction.fields, deviceAccountId: { kind: "reference" } }))).toThrow(/transaction\.deviceAccountId.*fileReferences/);
    });
  });

  // Where the hand-written schema this replaced differed from the contract, the contract now decides.
  describe("differences from the former hand-written schema", () => {
    it("takes a day where the contract allows a day or an instant (a bill's and an instalment's paidAt, a loan's disbursedAt and writtenOffAt), read as 00:00 UTC", () => {
      const bill = { ...sampleItem("bill"), paidAt: "2024-03-02" };
      const loan = { ...sampleItem("loan"), disbursedAt: "2024-01-05", writtenOffAt: "2024-09-30", instalments: [{ ...sampleItem("instalment"), paidAt: "2024-02-05" }] };
      const book = parseSignals(JSON.stringify({ borrowerExternalId: "B-1", bills: [bill], loans: [loan] }));
      expect(book.refusals).toEqual([]);
      const [row] = book.signals.map((located) => located.row);
      expect(row.bills[0].paidAt).toEqual(new Date("2024-03-02T00:00:00Z"));
      expect(row.loans[0].disbursedAt).toEqual(new Date("2024-01-05T00:00:00Z"));
      expect(row.loans[0].writtenOffAt).toEqual(new Date("2024-09-30T00:00:00Z"));
      expect(row.loans[0].instalments[0].paidAt).toEqual(new Date("2024-02-05T00:00:00Z"));
      expect(refusalOf("bill", { ...sampleItem("bill"), paidAt: "02/03/2024" })).toMatchObject([{ field: "bills[0].paidAt", reason: expect.stringContaining("YYYY-MM-DD") }]);
    });

    it.each([
      ["transaction", { amount: "-5" }, "transactions[0].amount"],
      ["transaction", { amount: "12.34567" }, "transactions[0].amount"],
      ["transaction", { currency: "kes" }, "transactions[0].currency"],
      ["transaction", { accountReference: "" }, "transactions[0].accountReference"],
      ["bill", { amountPaid: "-1" }, "bills[0].amountPaid"],
      ["bill", { biller: "  " }, "bills[0].biller"],
      ["loan", { instalments: [] }, "loans[0].instalments"],
      ["event", { externalId: "" }, "events[0].externalId"],
    ] as const)("refuses a %s item with %o as the file is read (the import refused it later), naming %s", (category, change, field) => {
      expect(refusalOf(category, { ...sampleItem(category), ...change })).toMatchObject([{ file: "signals.jsonl", line: 1, field }]);
    });

    it("calls a field left out required whatever its kind (the former reason of a missing amount or vocabulary value was zod's or the vocabulary)", () => {
      const { amount: _, status: __, ...loan } = loanJson;
      expect(parseBook([{ category: "loans", fileName: "loans.jsonl", content: JSON.stringify({ ...loan, status: "DEFAULT" }) }]).refusals).toEqual([{ file: "loans.jsonl", line: 1, field: "amount", reason: "required" }]);
      expect(parseBook([{ category: "loans", fileName: "loans.jsonl", content: JSON.stringify({ ...loan, amount: "1" }) }]).refusals).toEqual([{ file: "loans.jsonl", line: 1, field: "status", reason: "required" }]);
    });

    it("still reads amounts written as JSON numbers as decimal text", () => {
      const book = parseSignals(signalsLine("transaction", { ...sampleItem("transaction"), amount: 1250.5 }));
      expect(book.signals[0].row.transactions[0].amount).toBe("1250.5");
    });
  });
});
