export * as engine from "./engine";
export * as catalog from "./catalog";
