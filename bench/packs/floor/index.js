/* global require, process */
// The floor under our pack's Analyze ratio (npm run bench): as many resource policies as our pack
// has, the same @pulumi/policy and launcher; the first reads each key policy and JSON.parses it, the
// others return at once. What is left between it and our pack is our analysis; what is between it
// and the empty pack, @pulumi/policy's own cost per policy and reading the policy at all.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- compiled packs are CommonJS, loaded by require()
const { PolicyPack } = require("@pulumi/policy");

// Set by the bench from our pack's rule list (bench/packs.ts), so the two cannot drift apart.
const count = Number(process.env.KMS_GUARDRAILS_BENCH_RESOURCE_POLICIES);
if (!Number.isInteger(count) || count < 1) {
  throw new Error("KMS_GUARDRAILS_BENCH_RESOURCE_POLICIES must give the number of resource policies");
}

function readKeyPolicy(args, reportViolation) {
  const policy = args.props.policy ?? args.props.keyPolicy;
  const document = typeof policy === "string" ? JSON.parse(policy) : policy;
  if (document === null) reportViolation("a null key policy");
}

const policies = [];
for (let i = 0; i < count; i++) {
  policies.push({
    name: `floor-${i}`,
    description: i === 0 ? "Decodes each key policy and checks nothing." : "Checks nothing.",
    enforcementLevel: "advisory",
    validateResource: i === 0 ? readKeyPolicy : () => {},
  });
}

new PolicyPack("bench-floor", { policies });
