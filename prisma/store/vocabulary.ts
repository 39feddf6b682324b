// The product's closed vocabularies as the store holds them, re-exported as types so the application core and
// the engine adapters name them without touching the Prisma client. The signal vocabularies (account, transaction,
// bill, lender, event, bureau, national id) are defined in scoring/signals/signal-contract.ts and generated into
// prisma/schema.prisma; the others are defined in prisma/schema.prisma.
export type {
  ActorType,
  BehaviouralEventType,
  BillType,
  BureauStatus,
  CallerKind,
  ChangeKind,
  CommitteeVerdict,
  ConsentPurpose,
  DataCategory,
  LenderType,
  LinkedAccountType,
  ModelStatus,
  NationalIdType,
  OutcomeStatus,
  ProposalState,
  Recommendation,
  Role,
  TransactionCategory,
  TransactionDirection,
} from "../generated/enums";
