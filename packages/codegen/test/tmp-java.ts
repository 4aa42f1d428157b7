import { validate } from "@riffle/topology";
import { exportTopology, type Lang } from "../src";
import { loadFixture } from "./load-fixture";

const doc = loadFixture(process.argv[2]);
const v = validate(doc);
for (const f of v.findings) console.log("VALIDATION", f.severity, f.code, f.nodeId, f.message);
const r = exportTopology(doc, (process.argv[3] ?? "java") as Lang);
console.log(r.code);
console.log(r.findings);
