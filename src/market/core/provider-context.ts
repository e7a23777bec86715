/**
 * What the program that builds providers (the server, the `mkt` command) tells people in messages,
 * since only it knows: where API keys come from, and what to try when a provider's host is not found.
 * Carried from where providers are created (createDirectProvider) through ProviderOptions to the
 * messages; everything left out keeps the server's wording.
 */
export interface ProviderContext {
  readonly keyAdvice?: KeyAdvice;
  /** Appended to "host name not found" failures, e.g. "offline? try --provider demo"; none on the server. */
  readonly hostNotFoundHint?: string;
}

/** Where keys are configured, given the variable that holds a provider's key (MKT_TIINGO_KEY). */
export interface KeyAdvice {
  /** Completes "Tiingo needs an API key: …", e.g. "set MKT_TIINGO_KEY in your environment". */
  readonly howToSet: (envName: string) => string;
  /** Completes "The Tiingo API key contains spaces …: check …", e.g. "MKT_TIINGO_KEY". */
  readonly whereToCheck: (envName: string) => string;
}

/** The add-in's server: a team key in its environment, or the analyst's own key in the task pane. */
export const SERVER_KEY_ADVICE: KeyAdvice = {
  howToSet: (envName) => `set ${envName} on the server or enter your own key in the add-in's settings`,
  whereToCheck: (envName) => `${envName} or the key in the add-in's settings`,
};

/** A command run by the analyst (the `mkt` CLI): the key comes from their own environment. */
export const ENVIRONMENT_KEY_ADVICE: KeyAdvice = {
  howToSet: (envName) => `set ${envName} in your environment`,
  whereToCheck: (envName) => `${envName} in your environment`,
};
