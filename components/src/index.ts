export * as engine from "./engine";
export * as catalog from "./catalog";
export * as governance from "./governance";
export * from "./components";
/** Offline mocks and registration recording for `pulumi.runtime.setMocks` (tests, preflight). */
export * as testing from "./testing/mocks";
