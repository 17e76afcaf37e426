/**
 * A store's signing identity as assertions, the way Canonical's is: a root account (the authority,
 * e.g. "canonical"), its self-signed root account-key, and a store signing key certified by the
 * root key (an account-key of the same account). Devices trust the root account + root account-key;
 * everything the store serves day to day (publisher accounts, snap-declarations, snap-revisions)
 * is signed by the store key, and snapd chains it back to the root. Pure: keys and times are given.
 */
import type { KeyObject } from "node:crypto";
import { AssertionError, signerOf, type Assertion, type Signer } from "./assertion";
import { accountAssertion, accountKeyAssertion, ACCOUNT_ID_RE, wholeSeconds } from "./types";

export interface IdentityInput {
  /** The authority: account-id of the root account and authority-id of everything signed. */
  authorityId: string;
  /** Display name of the root account. */
  displayName: string;
  rootKey: KeyObject;
  storeKey: KeyObject;
  /** Start of both keys' validity; every assertion's timestamp must be at or after it. */
  since: Date;
}

export interface SigningIdentity {
  authorityId: string;
  /** The store key: signs publisher accounts, snap-declarations and snap-revisions. */
  store: Signer;
  /** The root key's id (it signs only the identity assertions below). */
  rootKeyId: string;
  since: Date;
  /** The root account (self-signed by the root key): part of what a device must trust. */
  rootAccount: Assertion;
  /** The root account-key (self-signed): the other half of what a device must trust. */
  rootAccountKey: Assertion;
  /** The store key's account-key, signed by the root key. */
  storeAccountKey: Assertion;
}

export function buildIdentity(input: IdentityInput): SigningIdentity {
  if (!ACCOUNT_ID_RE.test(input.authorityId)) {
    throw new AssertionError(`authority id ${JSON.stringify(input.authorityId)} is not a valid account id (2-28 of a-z, 0-9 and -, or 32 letters and digits)`);
  }
  const root = signerOf(input.rootKey);
  const store = signerOf(input.storeKey);
  if (root.keyId === store.keyId) throw new AssertionError("the root key and the store signing key must be different keys");
  const since = wholeSeconds(input.since);
  const common = { authorityId: input.authorityId, accountId: input.authorityId, since };
  return {
    authorityId: input.authorityId,
    store,
    rootKeyId: root.keyId,
    since,
    rootAccount: accountAssertion(
      {
        authorityId: input.authorityId,
        accountId: input.authorityId,
        displayName: input.displayName,
        username: input.authorityId,
        validation: "verified",
        timestamp: since,
      },
      root,
    ),
    rootAccountKey: accountKeyAssertion({ ...common, key: input.rootKey, name: "root" }, root),
    storeAccountKey: accountKeyAssertion({ ...common, key: input.storeKey, name: "store" }, root),
  };
}

/** What a device must trust, as one stream (root account, root account-key). */
export function trustedStream(identity: SigningIdentity): string {
  return [identity.rootAccount.encoded, identity.rootAccountKey.encoded].join("\n");
}

/** The timestamp the store writes for a fact that happened at `at`: never before the keys' validity. */
export function assertionTime(identity: Pick<SigningIdentity, "since">, at: Date): Date {
  const t = wholeSeconds(at);
  return t < identity.since ? identity.since : t;
}
