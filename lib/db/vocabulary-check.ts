// Compile-time only (nothing imports this file; `tsc --noEmit` and `next build` check it): the
// lists in lib/vocabulary.ts must equal the Prisma enums of BOTH generated
// clients, so the pure modules need no generated code and still cannot drift from the schema.
import type * as Sqlite from "@/lib/generated/sqlite/enums";
import type * as Pg from "@/lib/generated/postgresql/enums";
import type { NAME_STATUSES, ROLES, REQUEST_STATUSES, REQUEST_TYPES, REVISION_STATUSES } from "@/lib/vocabulary";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Check<T extends true> = T;

export type VocabularyMatchesSchema = [
  Check<Same<(typeof REVISION_STATUSES)[number], Sqlite.RevisionStatus>>,
  Check<Same<(typeof REVISION_STATUSES)[number], Pg.RevisionStatus>>,
  Check<Same<(typeof REQUEST_STATUSES)[number], Sqlite.RequestStatus>>,
  Check<Same<(typeof REQUEST_STATUSES)[number], Pg.RequestStatus>>,
  Check<Same<(typeof NAME_STATUSES)[number], Sqlite.NameStatus>>,
  Check<Same<(typeof NAME_STATUSES)[number], Pg.NameStatus>>,
  Check<Same<(typeof REQUEST_TYPES)[number], Sqlite.RequestType>>,
  Check<Same<(typeof REQUEST_TYPES)[number], Pg.RequestType>>,
  Check<Same<(typeof ROLES)[number], Sqlite.Role>>,
  Check<Same<(typeof ROLES)[number], Pg.Role>>,
];
