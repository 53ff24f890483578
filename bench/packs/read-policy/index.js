/* global require */
// The least any key-policy rule does in Analyze: read the resource's key policy and JSON.parse it.
// Measured against the empty pack, it is the floor under our pack's Analyze ratio (npm run bench).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- compiled packs are CommonJS, loaded by require()
const { PolicyPack } = require("@pulumi/policy");

new PolicyPack("bench-read-policy", {
  policies: [
    {
      name: "read-key-policy",
      description: "Decodes each key policy and checks nothing.",
      enforcementLevel: "advisory",
      validateResource: (args, reportViolation) => {
        const policy = args.props.policy ?? args.props.keyPolicy;
        const document = typeof policy === "string" ? JSON.parse(policy) : policy;
        if (document === null) reportViolation("a null key policy");
      },
    },
  ],
});
