"""Audit baseline from Python: a key, a multi-Region trail and AWS Config delivery, all encrypted.

Generate the SDK once (it is written to sdks/ and added to requirements.txt):
    pulumi package add <path to pulumi-kms-guardrails/components, or its git URL>
Then `pulumi up`. Not run by `npm start` or `npm test` (no Pulumi CLI or Python there).
"""

import pulumi
import pulumi_pulumi_kms_guardrails as guardrails

config = pulumi.Config()
administrators = config.get_object("administrators") or []
log_readers = config.get_object("logReaders") or []

# The one-liner. Config delivery uses the account's existing AWS Config service-linked role; pass
# config={"create_service_linked_role": True} in an account that never used AWS Config.
baseline = guardrails.AuditBaseline(
    "baseline",
    administrators=administrators,
    log_readers=log_readers,
    alias="audit-baseline",
    trail={"cloud_watch_logs": {"retention_in_days": 365}},
)

# Piece by piece: each component is its own Construct call, so the key's arguments list the trails
# that will use it, and the trail takes the key by ARN (it checks that the key's policy covers it).
team_key = guardrails.AuditKey(
    "team",
    administrators=administrators,
    cloud_trail={"trails": ["team-trail"], "log_readers": log_readers},
)
team_trail = guardrails.EncryptedTrail(
    "team",
    trail_name="team-trail",
    key_arn=team_key.arn,
    log_readers=log_readers,
    is_multi_region_trail=False,
)

pulumi.export("keyArn", baseline.key_arn)
pulumi.export("keyPolicy", baseline.key_policy)
pulumi.export("trailArn", baseline.trail_arn)
pulumi.export("teamTrailArn", team_trail.trail_arn)
pulumi.export("teamKeyPolicy", team_key.policy)
