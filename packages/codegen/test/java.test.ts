import { describe, expect, it } from "vitest";
import { toJava } from "../src";
import { golden } from "./golden";
import { fixtureNames, loadFixture } from "./load-fixture";

describe("Java (Kafka Streams DSL) export of the reference topologies", () => {
  for (const name of fixtureNames()) {
    it(`${name} matches the reviewed golden file`, () => {
      const { code, findings } = toJava(loadFixture(name));
      expect(findings).toEqual([]);
      const className = name.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());
      expect(code).toBe(golden(`${className}.java`, code));
    });
  }
});

describe("Java export rules", () => {
  const java = (name: string) => toJava(loadFixture(name)).code;

  it("imports exactly the classes the code uses, sorted", () => {
    for (const name of fixtureNames()) {
      const code = java(name);
      const imports = code.split("\n").filter((l) => l.startsWith("import "));
      expect(imports).toEqual([...imports].sort());
      const body = code.slice(code.indexOf("public final class"));
      for (const line of imports) {
        const cls = line.replace(/^import .*\.(\w+);$/, "$1");
        expect(body, `${name}: ${cls}`).toMatch(new RegExp(`\\b${cls}\\b`));
      }
    }
  });

  it("KStream#split names branches prefix + branch name, read back from the returned map", () => {
    const code = java("routing");
    expect(code).toContain('.split(Named.as("by-country-"))');
    expect(code).toContain('byCountry.get("by-country-de")');
  });

  it("asymmetric JoinWindows narrow the before side: ofTimeDifference(after).before(before)", () => {
    expect(java("stream-joins")).toContain(
      "JoinWindows.ofTimeDifferenceAndGrace(Duration.ofMinutes(5), Duration.ZERO).before(Duration.ZERO)",
    );
  });

  it("a dynamic sink is a TopicNameExtractor lambda", () => {
    expect(java("routing")).toMatch(
      /\.to\(\s*\(key, value, recordContext\) -> \(String\) Fn\.concat/,
    );
  });
});
