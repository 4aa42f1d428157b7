// A CDC-style cleanup of customer changes: mask, rename, re-key, and a flatMap'd name index.

import { SAMPLE_TOPICS } from "../sample-topics";
import { chain, type Template, topologyOf } from "../template";

export const customerEtl: Template = {
  name: "customer-etl",
  title: "Customer change ETL",
  description:
    "Cleans the customers change stream for downstream use: masks names, renames and upper-cases fields and re-keys by country; in parallel a flatMap emits one record per name part for a search index.",
  samples: ["customers"],
  document: topologyOf(
    "customer-etl",
    "Masked, renamed and re-keyed customer changes, plus a name index.",
    [SAMPLE_TOPICS.customers],
    [
      {
        id: "changes",
        kind: "stream-source",
        config: { topic: "customers", timestamp: { kind: "record" }, offsetReset: "earliest" },
      },
      {
        id: "clean",
        kind: "map-values",
        config: {
          columns: [
            { name: "CUSTOMER_ID", expr: "customerId" },
            { name: "NAME_MASKED", expr: "MASK(name)" },
            { name: "SEGMENT", expr: "UCASE(tier)" },
            { name: "COUNTRY", expr: "country" },
          ],
        },
      },
      { id: "by-country", kind: "select-key", config: { key: "COUNTRY", keyName: "COUNTRY" } },
      { id: "customers-clean", kind: "sink", config: { topic: "customers-clean" } },
      {
        id: "name-parts",
        kind: "flat-map",
        config: {
          explode: "SPLIT(LCASE(name), ' ')",
          as: "PART",
          key: "PART",
          keyName: "NAME_PART",
          columns: [
            { name: "CUSTOMER_ID", expr: "customerId" },
            { name: "COUNTRY", expr: "country" },
          ],
        },
      },
      { id: "name-index", kind: "sink", config: { topic: "customer-name-index" } },
    ],
    [
      ...chain("changes", "clean", "by-country", "customers-clean"),
      ...chain("changes", "name-parts", "name-index"),
    ],
  ),
};
