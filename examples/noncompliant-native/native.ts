// AWS Native resources and invokes by type token. @pulumi/aws-native is not installed in this repository:
// the policy pack matches type tokens and never imports a provider SDK, so this example registers the
// tokens itself. The generated classes of @pulumi/aws-native do the same: `new CustomResource(token, name,
// inputs)`, with the outputs they expose declared as undefined inputs. Property names are AWS Native's
// (the CloudFormation schema, camelCased), the ones policypack/adapters/aws-native.ts reads.
import * as pulumi from "@pulumi/pulumi";

export class NativeResource extends pulumi.CustomResource {
  constructor(
    type: string,
    name: string,
    inputs: pulumi.Inputs,
    outputs: readonly string[] = [],
    opts?: pulumi.CustomResourceOptions,
  ) {
    super(type, name, { ...inputs, ...Object.fromEntries(outputs.map((o) => [o, undefined])) }, opts);
  }

  /** One of the outputs named at construction (the SDK sets a property per input key). */
  output(name: string): pulumi.Output<string> {
    return (this as unknown as Record<string, pulumi.Output<string>>)[name];
  }
}

/** `aws-native:index:getAccountId` and friends, as @pulumi/aws-native's getAccountIdOutput() calls them. */
export function nativeInvoke<T>(token: string): pulumi.Output<T> {
  return pulumi.runtime.invokeOutput<T>(token, {});
}
