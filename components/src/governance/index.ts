/**
 * Governance shared by the policy pack and the preflight: per-resource exemptions (validation,
 * matching, expiry, the messages of exempted findings).
 */
export * from "./exemptions";
