import { profiles } from './index.js';

/**
 * Every fact of the profile catalog no public source confirms ([U]), in one place (graph-intune.md §10, §11.8, §12.3 and
 * §12.4; docs/architecture.md "Where the guesses live"). Each profile file marks its own in `unconfirmed`; this is
 * their union, which test/unit/policies/profile-catalog.test.ts keeps complete.
 */
export const UNCONFIRMED_PROFILE_FACTS: readonly { readonly profile: string; readonly fact: string }[] =
  profiles.flatMap((profile) => profile.unconfirmed.map((fact) => ({ profile: profile.id, fact })));
