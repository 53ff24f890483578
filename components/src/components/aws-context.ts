/**
 * The account, Region and partition a component deploys into, read from the AWS provider.
 *
 * Every ARN a key policy names (trails, Config delivery channels, the key's own account) is computed
 * from these three values and a deterministic name, never read from a created resource: the key
 * policy is then fully known at `pulumi preview` (so the policy pack can check it before anything is
 * created) and the key does not depend on the trail that depends on it (no cycle).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Where a component's resources live. */
export interface AwsContext {
  /** The caller identity's account id. */
  readonly account: string;
  /** The provider's Region, e.g. `us-east-1`. */
  readonly region: string;
  /** `aws`, `aws-us-gov` or `aws-cn`. */
  readonly partition: string;
}

/**
 * Reads caller identity, Region and partition through the invokes of the provider `parent` uses
 * (`aws.getCallerIdentityOutput`, `aws.getRegionOutput`, `aws.getPartitionOutput`). Invokes run in
 * preview too, so the result is known at preview.
 */
export function awsContext(parent: pulumi.Resource): pulumi.Output<AwsContext> {
  const opts: pulumi.InvokeOutputOptions = { parent };
  return pulumi
    .all([aws.getCallerIdentityOutput({}, opts), aws.getRegionOutput({}, opts), aws.getPartitionOutput({}, opts)])
    .apply(([identity, region, partition]) => ({
      account: identity.accountId,
      // @pulumi/aws 7 returns `region`; `name` is its deprecated predecessor, kept for older mocks.
      region: region.region ?? region.name,
      partition: partition.partition,
    }));
}
