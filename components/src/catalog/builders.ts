/**
 * Contract stubs: each builder moves to its own module (cloudtrail-trail.ts, event-data-store.ts,
 * config.ts, control-tower.ts, service-grant.ts, account.ts, compose.ts, probes.ts, arns.ts) as it
 * is implemented; this file then only re-exports.
 */
import type { KeyPolicy } from "../engine/types";
import type {
  AccountRootParams,
  ConfigIamRoleParams,
  ConfigServiceLinkedRoleParams,
  ControlTowerParams,
  EventDataStoreParams,
  LandingZoneKeyProperties,
  PrincipalsParams,
  ServiceGrantParams,
  TrailParams,
} from "./plans";
import type { IntegrationPlan, PolicyDocumentJson, Probe, ProbeOutcome } from "./types";

const todo = (name: string): never => {
  throw new Error(`${name}: not implemented yet`);
};

export const CLOUDTRAIL_SERVICE_PRINCIPAL = "cloudtrail.amazonaws.com";
export const CONFIG_SERVICE_PRINCIPAL = "config.amazonaws.com";
export const CONTROL_TOWER_TRAIL_NAME = "aws-controltower-BaselineCloudTrail";

export function trailArn(p: { partition?: string; region: string; account: string; name: string }): string {
  return `arn:${p.partition ?? "aws"}:cloudtrail:${p.region}:${p.account}:trail/${p.name}`;
}

export const accountRootPlan = (p: AccountRootParams): IntegrationPlan => todo(`accountRootPlan ${typeof p}`);
export const keyAdministratorsPlan = (p: PrincipalsParams): IntegrationPlan =>
  todo(`keyAdministratorsPlan ${typeof p}`);
export const keyUsersPlan = (p: PrincipalsParams): IntegrationPlan => todo(`keyUsersPlan ${typeof p}`);
export const cloudTrailTrailPlan = (p: TrailParams): IntegrationPlan => todo(`cloudTrailTrailPlan ${typeof p}`);
export const eventDataStorePlan = (p: EventDataStoreParams): IntegrationPlan => todo(`eventDataStorePlan ${typeof p}`);
export const configIamRolePlan = (p: ConfigIamRoleParams): IntegrationPlan => todo(`configIamRolePlan ${typeof p}`);
export const configServiceLinkedRolePlan = (p: ConfigServiceLinkedRoleParams): IntegrationPlan =>
  todo(`configServiceLinkedRolePlan ${typeof p}`);
export const controlTowerPlan = (p: ControlTowerParams): IntegrationPlan => todo(`controlTowerPlan ${typeof p}`);
export const serviceGrantPlan = (p: ServiceGrantParams): IntegrationPlan => todo(`serviceGrantPlan ${typeof p}`);

/** User statements first and verbatim, then the plans' grants; Sids kept unique. */
export const composeKeyPolicy = (
  plans: readonly IntegrationPlan[],
  options?: { userStatements?: readonly unknown[]; id?: string },
): PolicyDocumentJson => todo(`composeKeyPolicy ${typeof plans} ${typeof options}`);

export const checkProbes = (policy: KeyPolicy, probes: readonly Probe[]): ProbeOutcome[] =>
  todo(`checkProbes ${typeof policy} ${typeof probes}`);

/** Problems that make Control Tower's pre-check reject the key (seed 002); empty when it passes. */
export const landingZoneKeyPrecheck = (props: LandingZoneKeyProperties, managementAccount: string): string[] =>
  todo(`landingZoneKeyPrecheck ${typeof props} ${managementAccount}`);
