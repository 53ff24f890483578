/**
 * config-delivery-channel-encrypted. Seed 000, "Permissions for the KMS Key": AWS Config can "use
 * KMS-based encryption on objects delivered by AWS Config for S3 bucket delivery" when the delivery
 * channel names the key (`s3KmsKeyArn`); without one, configuration items are written with the
 * bucket's default encryption only. A key reference that is not known yet counts as set.
 */
import { resourceLabel } from "../messages";
import type { StackRule, Violation } from "./types";

export const configDeliveryChannelEncrypted: StackRule = {
  scope: "stack",
  id: "config-delivery-channel-encrypted",
  description: "Every AWS Config delivery channel encrypts what it delivers to S3 with a KMS key (s3KmsKeyArn).",
  severity: "medium",
  enforcementLevel: "mandatory",
  sources: [{ seed: "000", section: "Permissions for the KMS Key", anchor: "s3-kms-key-policy" }],
  passing: { description: "A delivery channel with s3KmsKeyArn set to a key of the stack." },
  failing: { description: "A delivery channel with no s3KmsKeyArn." },
  check: (model) => {
    const out: Violation[] = [];
    for (const channel of model.resources.deliveryChannels) {
      if (channel.key.value !== undefined || channel.key.dependencies.length > 0) continue;
      out.push({
        message:
          `${resourceLabel(channel.ref)} has no s3KmsKeyArn: AWS Config delivers configuration items without KMS encryption. ` +
          "Set s3KmsKeyArn to a customer managed key whose policy lets AWS Config use it (see config-key-allows-delivery).",
        urn: channel.ref.urn,
      });
    }
    return out;
  },
};
