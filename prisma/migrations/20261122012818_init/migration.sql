-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'ANALYST', 'COMMITTEE', 'AUDITOR', 'BORROWER');

-- CreateEnum
CREATE TYPE "NationalIdType" AS ENUM ('FAYDA', 'NIN', 'HUDUMA', 'AADHAAR', 'OTHER');

-- CreateEnum
CREATE TYPE "LinkedAccountType" AS ENUM ('BANK', 'MOBILE_MONEY', 'MFI', 'SACCO', 'UTILITY', 'TELCO');

-- CreateEnum
CREATE TYPE "TransactionDirection" AS ENUM ('CREDIT', 'DEBIT');

-- CreateEnum
CREATE TYPE "TransactionCategory" AS ENUM ('SALARY', 'BUSINESS_INCOME', 'P2P', 'MERCHANT', 'BILL', 'AIRTIME', 'LOAN_DISBURSEMENT', 'LOAN_REPAYMENT', 'SAVINGS', 'CASH_IN', 'CASH_OUT', 'OTHER');

-- CreateEnum
CREATE TYPE "BillType" AS ENUM ('ELECTRICITY', 'WATER', 'TELCO', 'RENT', 'SCHOOL', 'OTHER');

-- CreateEnum
CREATE TYPE "LenderType" AS ENUM ('MFI', 'SACCO', 'BANK', 'DIGITAL_LENDER', 'OTHER');

-- CreateEnum
CREATE TYPE "BureauStatus" AS ENUM ('CURRENT', 'DPD_1_29', 'DPD_30_59', 'DPD_60_89', 'DPD_90_PLUS', 'WRITTEN_OFF');

-- CreateEnum
CREATE TYPE "BehaviouralEventType" AS ENUM ('SIM_SWAP', 'DEVICE_CHANGE', 'ADDRESS_CHANGE', 'PHONE_CHANGE');

-- CreateEnum
CREATE TYPE "ConsentPurpose" AS ENUM ('CREDIT_SCORING', 'BUREAU_CHECK', 'DATA_SHARING');

-- CreateEnum
CREATE TYPE "ModelStatus" AS ENUM ('DRAFT', 'ACTIVE', 'RETIRED');

-- CreateEnum
CREATE TYPE "Decision" AS ENUM ('APPROVE', 'REFER', 'DECLINE');

-- CreateEnum
CREATE TYPE "CommitteeVerdict" AS ENUM ('APPROVE', 'DECLINE');

-- CreateEnum
CREATE TYPE "OutcomeStatus" AS ENUM ('CURRENT', 'REPAID', 'DELINQUENT', 'DEFAULTED', 'WRITTEN_OFF');

-- CreateEnum
CREATE TYPE "ActorType" AS ENUM ('USER', 'API_KEY', 'SYSTEM');

-- CreateTable
CREATE TABLE "Tenant" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Tenant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "borrowerId" TEXT,
    "disabledAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "scopes" TEXT[],
    "createdByUserId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Borrower" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "nationalIdType" "NationalIdType" NOT NULL,
    "nationalIdHash" TEXT NOT NULL,
    "nationalIdLast4" CHAR(4) NOT NULL,
    "givenName" TEXT NOT NULL,
    "familyName" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "dateOfBirth" DATE NOT NULL,
    "simRegisteredAt" TIMESTAMPTZ(3),
    "idVerified" BOOLEAN NOT NULL DEFAULT false,
    "nameMatchesAccounts" BOOLEAN,
    "deviceId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Borrower_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LinkedAccount" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "borrowerId" TEXT NOT NULL,
    "type" "LinkedAccountType" NOT NULL,
    "provider" TEXT NOT NULL,
    "externalReference" TEXT NOT NULL,
    "openedAt" TIMESTAMPTZ(3) NOT NULL,
    "verified" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LinkedAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Transaction" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "borrowerId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "amount" DECIMAL(19,4) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "direction" "TransactionDirection" NOT NULL,
    "category" "TransactionCategory" NOT NULL,
    "counterparty" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Transaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Bill" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "borrowerId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "accountId" TEXT,
    "biller" TEXT NOT NULL,
    "billType" "BillType" NOT NULL,
    "dueDate" DATE NOT NULL,
    "amountDue" DECIMAL(19,4) NOT NULL,
    "paidAt" TIMESTAMPTZ(3),
    "amountPaid" DECIMAL(19,4),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Bill_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoanRepayment" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "borrowerId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "loanExternalId" TEXT NOT NULL,
    "lender" TEXT NOT NULL,
    "lenderType" "LenderType" NOT NULL,
    "principal" DECIMAL(19,4) NOT NULL,
    "disbursedAt" TIMESTAMPTZ(3) NOT NULL,
    "dueDate" DATE NOT NULL,
    "amountDue" DECIMAL(19,4) NOT NULL,
    "paidAt" TIMESTAMPTZ(3),
    "amountPaid" DECIMAL(19,4),
    "writtenOffAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoanRepayment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BehaviouralEvent" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "borrowerId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "type" "BehaviouralEventType" NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "deviceId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BehaviouralEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BureauRecord" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "borrowerId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "bureau" TEXT NOT NULL,
    "reportedAt" TIMESTAMPTZ(3) NOT NULL,
    "hasFile" BOOLEAN NOT NULL,
    "activeLoans" INTEGER NOT NULL,
    "worstStatus" "BureauStatus" NOT NULL,
    "inquiriesLast6Months" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BureauRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Consent" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "borrowerId" TEXT NOT NULL,
    "purpose" "ConsentPurpose" NOT NULL,
    "statement" TEXT NOT NULL,
    "grantedAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Consent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelVersion" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" "ModelStatus" NOT NULL DEFAULT 'DRAFT',
    "artifact" JSONB NOT NULL,
    "artifactSha256" CHAR(64) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ModelVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyVersion" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "status" "ModelStatus" NOT NULL DEFAULT 'DRAFT',
    "rules" JSONB NOT NULL,
    "rulesSha256" CHAR(64) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PolicyVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CreditScore" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "borrowerId" TEXT NOT NULL,
    "modelVersionId" TEXT NOT NULL,
    "policyVersionId" TEXT NOT NULL,
    "consentId" TEXT,
    "requestedBy" TEXT NOT NULL,
    "scoredAt" TIMESTAMPTZ(3) NOT NULL,
    "score" INTEGER NOT NULL,
    "probabilityOfDefault" DOUBLE PRECISION NOT NULL,
    "decision" "Decision" NOT NULL,
    "inputsSha256" CHAR(64) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CreditScore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommitteeDecision" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "creditScoreId" TEXT NOT NULL,
    "decidedById" TEXT NOT NULL,
    "verdict" "CommitteeVerdict" NOT NULL,
    "rationale" TEXT NOT NULL,
    "decidedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommitteeDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Outcome" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "borrowerId" TEXT NOT NULL,
    "creditScoreId" TEXT,
    "loanExternalId" TEXT NOT NULL,
    "status" "OutcomeStatus" NOT NULL,
    "daysPastDue" INTEGER NOT NULL DEFAULT 0,
    "observedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Outcome_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "actorType" "ActorType" NOT NULL,
    "actorId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT,
    "requestId" TEXT,
    "payload" JSONB NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "prevHash" CHAR(64),
    "rowHash" CHAR(64) NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Tenant_slug_key" ON "Tenant"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "User_tenantId_id_key" ON "User"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "User_tenantId_borrowerId_key" ON "User"("tenantId", "borrowerId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_prefix_key" ON "ApiKey"("prefix");

-- CreateIndex
CREATE INDEX "ApiKey_tenantId_idx" ON "ApiKey"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "Borrower_tenantId_externalId_key" ON "Borrower"("tenantId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Borrower_tenantId_nationalIdType_nationalIdHash_key" ON "Borrower"("tenantId", "nationalIdType", "nationalIdHash");

-- CreateIndex
CREATE UNIQUE INDEX "Borrower_tenantId_id_key" ON "Borrower"("tenantId", "id");

-- CreateIndex
CREATE INDEX "LinkedAccount_tenantId_borrowerId_idx" ON "LinkedAccount"("tenantId", "borrowerId");

-- CreateIndex
CREATE UNIQUE INDEX "LinkedAccount_tenantId_provider_externalReference_key" ON "LinkedAccount"("tenantId", "provider", "externalReference");

-- CreateIndex
CREATE UNIQUE INDEX "LinkedAccount_tenantId_id_key" ON "LinkedAccount"("tenantId", "id");

-- CreateIndex
CREATE INDEX "Transaction_tenantId_borrowerId_occurredAt_idx" ON "Transaction"("tenantId", "borrowerId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "Transaction_tenantId_externalId_key" ON "Transaction"("tenantId", "externalId");

-- CreateIndex
CREATE INDEX "Bill_tenantId_borrowerId_dueDate_idx" ON "Bill"("tenantId", "borrowerId", "dueDate");

-- CreateIndex
CREATE UNIQUE INDEX "Bill_tenantId_externalId_key" ON "Bill"("tenantId", "externalId");

-- CreateIndex
CREATE INDEX "LoanRepayment_tenantId_borrowerId_dueDate_idx" ON "LoanRepayment"("tenantId", "borrowerId", "dueDate");

-- CreateIndex
CREATE UNIQUE INDEX "LoanRepayment_tenantId_externalId_key" ON "LoanRepayment"("tenantId", "externalId");

-- CreateIndex
CREATE INDEX "BehaviouralEvent_tenantId_borrowerId_occurredAt_idx" ON "BehaviouralEvent"("tenantId", "borrowerId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "BehaviouralEvent_tenantId_externalId_key" ON "BehaviouralEvent"("tenantId", "externalId");

-- CreateIndex
CREATE INDEX "BureauRecord_tenantId_borrowerId_idx" ON "BureauRecord"("tenantId", "borrowerId");

-- CreateIndex
CREATE UNIQUE INDEX "BureauRecord_tenantId_externalId_key" ON "BureauRecord"("tenantId", "externalId");

-- CreateIndex
CREATE INDEX "Consent_tenantId_borrowerId_idx" ON "Consent"("tenantId", "borrowerId");

-- CreateIndex
CREATE UNIQUE INDEX "Consent_tenantId_id_key" ON "Consent"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ModelVersion_tenantId_name_version_key" ON "ModelVersion"("tenantId", "name", "version");

-- CreateIndex
CREATE UNIQUE INDEX "ModelVersion_tenantId_id_key" ON "ModelVersion"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyVersion_tenantId_name_version_key" ON "PolicyVersion"("tenantId", "name", "version");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyVersion_tenantId_id_key" ON "PolicyVersion"("tenantId", "id");

-- CreateIndex
CREATE INDEX "CreditScore_tenantId_borrowerId_scoredAt_idx" ON "CreditScore"("tenantId", "borrowerId", "scoredAt");

-- CreateIndex
CREATE UNIQUE INDEX "CreditScore_tenantId_id_key" ON "CreditScore"("tenantId", "id");

-- CreateIndex
CREATE INDEX "CommitteeDecision_tenantId_creditScoreId_idx" ON "CommitteeDecision"("tenantId", "creditScoreId");

-- CreateIndex
CREATE INDEX "Outcome_tenantId_borrowerId_idx" ON "Outcome"("tenantId", "borrowerId");

-- CreateIndex
CREATE UNIQUE INDEX "Outcome_tenantId_loanExternalId_observedAt_key" ON "Outcome"("tenantId", "loanExternalId", "observedAt");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_tenantId_seq_key" ON "AuditEvent"("tenantId", "seq");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_tenantId_borrowerId_fkey" FOREIGN KEY ("tenantId", "borrowerId") REFERENCES "Borrower"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_tenantId_createdByUserId_fkey" FOREIGN KEY ("tenantId", "createdByUserId") REFERENCES "User"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "Borrower" ADD CONSTRAINT "Borrower_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LinkedAccount" ADD CONSTRAINT "LinkedAccount_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LinkedAccount" ADD CONSTRAINT "LinkedAccount_tenantId_borrowerId_fkey" FOREIGN KEY ("tenantId", "borrowerId") REFERENCES "Borrower"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "Transaction" ADD CONSTRAINT "Transaction_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Transaction" ADD CONSTRAINT "Transaction_tenantId_borrowerId_fkey" FOREIGN KEY ("tenantId", "borrowerId") REFERENCES "Borrower"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "Transaction" ADD CONSTRAINT "Transaction_tenantId_accountId_fkey" FOREIGN KEY ("tenantId", "accountId") REFERENCES "LinkedAccount"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "Bill" ADD CONSTRAINT "Bill_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bill" ADD CONSTRAINT "Bill_tenantId_borrowerId_fkey" FOREIGN KEY ("tenantId", "borrowerId") REFERENCES "Borrower"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "Bill" ADD CONSTRAINT "Bill_tenantId_accountId_fkey" FOREIGN KEY ("tenantId", "accountId") REFERENCES "LinkedAccount"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "LoanRepayment" ADD CONSTRAINT "LoanRepayment_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoanRepayment" ADD CONSTRAINT "LoanRepayment_tenantId_borrowerId_fkey" FOREIGN KEY ("tenantId", "borrowerId") REFERENCES "Borrower"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "BehaviouralEvent" ADD CONSTRAINT "BehaviouralEvent_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BehaviouralEvent" ADD CONSTRAINT "BehaviouralEvent_tenantId_borrowerId_fkey" FOREIGN KEY ("tenantId", "borrowerId") REFERENCES "Borrower"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "BureauRecord" ADD CONSTRAINT "BureauRecord_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BureauRecord" ADD CONSTRAINT "BureauRecord_tenantId_borrowerId_fkey" FOREIGN KEY ("tenantId", "borrowerId") REFERENCES "Borrower"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_tenantId_borrowerId_fkey" FOREIGN KEY ("tenantId", "borrowerId") REFERENCES "Borrower"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "ModelVersion" ADD CONSTRAINT "ModelVersion_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyVersion" ADD CONSTRAINT "PolicyVersion_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditScore" ADD CONSTRAINT "CreditScore_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditScore" ADD CONSTRAINT "CreditScore_tenantId_borrowerId_fkey" FOREIGN KEY ("tenantId", "borrowerId") REFERENCES "Borrower"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "CreditScore" ADD CONSTRAINT "CreditScore_tenantId_modelVersionId_fkey" FOREIGN KEY ("tenantId", "modelVersionId") REFERENCES "ModelVersion"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "CreditScore" ADD CONSTRAINT "CreditScore_tenantId_policyVersionId_fkey" FOREIGN KEY ("tenantId", "policyVersionId") REFERENCES "PolicyVersion"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "CreditScore" ADD CONSTRAINT "CreditScore_tenantId_consentId_fkey" FOREIGN KEY ("tenantId", "consentId") REFERENCES "Consent"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "CommitteeDecision" ADD CONSTRAINT "CommitteeDecision_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitteeDecision" ADD CONSTRAINT "CommitteeDecision_tenantId_creditScoreId_fkey" FOREIGN KEY ("tenantId", "creditScoreId") REFERENCES "CreditScore"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "CommitteeDecision" ADD CONSTRAINT "CommitteeDecision_tenantId_decidedById_fkey" FOREIGN KEY ("tenantId", "decidedById") REFERENCES "User"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "Outcome" ADD CONSTRAINT "Outcome_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Outcome" ADD CONSTRAINT "Outcome_tenantId_borrowerId_fkey" FOREIGN KEY ("tenantId", "borrowerId") REFERENCES "Borrower"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "Outcome" ADD CONSTRAINT "Outcome_tenantId_creditScoreId_fkey" FOREIGN KEY ("tenantId", "creditScoreId") REFERENCES "CreditScore"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
