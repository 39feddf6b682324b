// The product's closed vocabularies, defined once in prisma/schema.prisma and re-exported here as types so
// the application core and the engine adapters name them without touching the Prisma client.
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
