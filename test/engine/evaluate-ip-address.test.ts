/**
 * IP addresses and CIDR blocks of the IpAddress / NotIpAddress operators (ip-address.ts; IAM User
 * Guide, "IP address condition operators": RFC 4632 CIDR notation, IPv4 and IPv6). Every IPv6
 * form RFC 4291 section 2.2 allows (eight groups, `::` anywhere, a trailing dotted IPv4 part) and
 * the near misses each must refuse: text that is not an address never matches, and never throws.
 */
import { strict as assert } from "node:assert";
import { ipInNetwork, parseCidr, type IpNetwork } from "../../components/src/engine/ip-address";

const network = (cidr: string): IpNetwork => {
  const n = parseCidr(cidr);
  assert.ok(n, cidr);
  return n;
};
const v6 = (hex: string): bigint => BigInt(`0x${hex}`);

describe("IP addresses and CIDR blocks", () => {
  it("IPv6: eight groups, :: in any place, a trailing IPv4 part", () => {
    const cases: [string, bigint][] = [
      ["2001:db8:0:0:0:0:0:1", v6("20010db8000000000000000000000001")],
      ["2001:DB8:a:b:c:d:e:f", v6("20010db8000a000b000c000d000e000f")],
      ["2001:db8::1", v6("20010db8000000000000000000000001")],
      ["::1", 1n],
      ["::", 0n],
      ["1::", v6("00010000000000000000000000000000")],
      ["1:2:3:4:5:6::8", v6("00010002000300040005000600000008")],
      ["1::3:4:5:6:7:8", v6("00010000000300040005000600070008")],
      ["64:ff9b::192.0.2.33", v6("0064ff9b0000000000000000c0000221")],
      ["1:2:3:4:5:6:1.2.3.4", v6("00010002000300040005000601020304")],
    ];
    for (const [text, value] of cases) {
      assert.deepEqual(parseCidr(text), { version: 6, network: value, prefix: 128 }, text);
    }
  });

  it("IPv6: refuses the wrong number of groups, two ::, bad groups, zone ids and misplaced IPv4 parts", () => {
    for (const bad of [
      "2001:db8:0:0:0:0:1",
      "2001:db8:0:0:0:0:0:0:1",
      "1:2:3:4:5:6:7::8",
      "1:2:3:4::5:6:7:8",
      "1::2::3",
      "2001:db8::12345",
      "2001:db8::g1",
      "2001:db8::1g",
      "2001:db8:::1",
      "fe80::1%eth0",
      "::1.2.3.4:1",
      "::ffff:1.2.3.256",
      "::ffff:1.2.3",
      ":",
    ]) {
      assert.equal(parseCidr(bad), undefined, bad);
    }
  });

  it("IPv4: four decimal parts up to 255, nothing else", () => {
    assert.deepEqual(parseCidr("203.0.113.7"), { version: 4, network: 0xcb007107n, prefix: 32 });
    assert.deepEqual(parseCidr("0.0.0.0"), { version: 4, network: 0n, prefix: 32 });
    for (const bad of ["10.0.0.1a", "10.0.0.a1", "10.0.0.1234", "10.0.0.-1", "10.0.0", "10.0.0.0.1", "10..0.1", ""]) {
      assert.equal(parseCidr(bad), undefined, bad);
    }
  });

  it("prefixes: the network bits kept, spaces around the prefix allowed, anything else refused", () => {
    assert.deepEqual(parseCidr("203.0.113.77/24"), { version: 4, network: 0xcb007100n, prefix: 24 });
    assert.deepEqual(parseCidr("203.0.113.77/ 24 "), { version: 4, network: 0xcb007100n, prefix: 24 });
    assert.deepEqual(parseCidr("10.0.0.0/0"), { version: 4, network: 0n, prefix: 0 });
    assert.deepEqual(parseCidr("2001:db8::1/32"), { version: 6, network: v6("20010db8" + "0".repeat(24)), prefix: 32 });
    for (const bad of ["10.0.0.0/33", "10.0.0.0/24x", "10.0.0.0/x24", "10.0.0.0/", "/24", "10.0.0.0/8/9", "::/129"]) {
      assert.equal(parseCidr(bad), undefined, bad);
    }
  });

  it("IPv4-mapped IPv6 addresses are their IPv4 address; other IPv6 addresses never are", () => {
    const net = network("10.0.0.0/8");
    assert.equal(ipInNetwork("::ffff:10.1.2.3", net), true);
    assert.equal(ipInNetwork("::ffff:a01:203", net), true);
    assert.deepEqual(parseCidr("::ffff:10.1.2.3"), { version: 4, network: 0x0a010203n, prefix: 32 });
    // ::10.1.2.3 (IPv4-compatible, deprecated) is an IPv6 address whose low bits look like 10.1.2.3.
    assert.equal(ipInNetwork("::a01:203", net), false);
    assert.equal(ipInNetwork("::10.1.2.3", net), false);
    assert.equal(ipInNetwork("::a01:203", network("::/96")), true);
  });

  it("request values: surrounding spaces ignored, text that is not an address in no network", () => {
    const net = network("10.0.0.0/8");
    assert.equal(ipInNetwork(" 10.1.2.3 ", net), true);
    assert.equal(ipInNetwork("10.1.2.3/8", net), false);
    assert.equal(ipInNetwork("", net), false);
    assert.equal(ipInNetwork("2001:db8::1%eth0", network("2001:db8::/32")), false);
  });
});
