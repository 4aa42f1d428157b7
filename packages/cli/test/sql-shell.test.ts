// `riffle sql` against a real worker process: one-shot --execute and --file, the statement
// buffer and table layout, and the interactive shell end to end through a pseudo-terminal
// (util-linux `script`): a script of statements, a push query stopped with Ctrl-C, a syntax
// error with line and column, the shell usable after each; history kept across sessions.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderEntity, renderTable } from "../src/commands/sql-render";
import { StatementBuffer } from "../src/commands/sql-shell";
import type { Io } from "../src/io";
import { main } from "../src/main";

const ROOT = resolve(__dirname, "../../..");
const dir = mkdtempSync(join(tmpdir(), "riffle-sql-shell-"));
const history = join(dir, "history");
const shellEnv = { ...process.env, RIFFLE_SQL_HISTORY: history };

function capture(): Io & { text(): string } {
  const lines: string[] = [];
  return { text: () => lines.join("\n"), out: (t) => lines.push(t), err: (t) => lines.push(t) };
}

/** Output of a child process, awaited until it contains what a step expects. */
function watch(child: ChildProcess) {
  let text = "";
  child.stdout!.on("data", (d) => {
    text += String(d);
  });
  child.stderr!.on("data", (d) => {
    text += String(d);
  });
  return {
    text: () => text,
    async waitFor(pattern: RegExp, from = 0): Promise<string> {
      for (let i = 0; i < 1500; i++) {
        const m = text.slice(from).match(pattern);
        if (m) return m[0];
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`never saw ${pattern} in:\n${text.slice(from)}`);
    },
  };
}

describe("riffle sql", () => {
  let worker: ChildProcess;
  let url: string;
  beforeAll(async () => {
    worker = spawn(process.execPath, ["--import", "tsx", "apps/worker/src/main.ts"], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: "0",
        RIFFLE_DATA_DIR: join(dir, "worker"),
        RIFFLE_SAMPLES: "off",
        RIFFLE_LOG: "memory",
        LOG_LEVEL: "info",
      },
    });
    const out = watch(worker);
    url = JSON.parse((await out.waitFor(/\{[^\n]*"worker ready"[^\n]*\}/)) as string).url;
  }, 60_000);
  afterAll(() => {
    worker?.kill("SIGTERM");
  });

  it("buffers lines until a semicolon outside quotes ends the statement", () => {
    const b = new StatementBuffer();
    expect(b.feed("CREATE STREAM S (A STRING)")).toEqual([]);
    expect(b.feed("  WITH (KAFKA_TOPIC='a;b');")).toEqual([
      "CREATE STREAM S (A STRING)\n  WITH (KAFKA_TOPIC='a;b')",
    ]);
    expect(b.pending).toBe(false);
    expect(b.feed("SHOW STREAMS; SHOW")).toEqual(["SHOW STREAMS"]);
    expect(b.pending).toBe(true);
  });

  it("aligns table columns to the widest cell", () => {
    expect(renderTable(["Name", "N"], [["alice", 12]])).toBe(
      [
        "+-------+----+",
        "| Name  | N  |",
        "+-------+----+",
        "| alice | 12 |",
        "+-------+----+",
      ].join("\n"),
    );
  });

  it("prints SHOW listings and DESCRIBE [EXTENDED] in ksqlDB CLI's layout", () => {
    const streams = renderEntity({
      "@type": "streams",
      streams: [
        {
          name: "CLICKS",
          topic: "clicks",
          keyFormat: "KAFKA",
          valueFormat: "JSON",
          isWindowed: false,
        },
      ],
    });
    expect(streams.split("\n")).toEqual([
      " Stream Name | Kafka Topic | Key Format | Value Format | Windowed ",
      "-".repeat(66),
      " CLICKS      | clicks      | KAFKA      | JSON         | false    ",
      "-".repeat(66),
    ]);
    const source = {
      name: "CLICKS",
      type: "STREAM",
      topic: "clicks",
      keyFormat: "KAFKA",
      valueFormat: "JSON",
      partitions: 2,
      statement: "CREATE STREAM CLICKS ...",
      fields: [
        { name: "USER_ID", schema: { type: "STRING" }, type: "KEY" },
        { name: "N", schema: { type: "INT" } },
      ],
      readQueries: [{ id: "CSAS_X_1", queryString: "CREATE STREAM X AS ...", state: "RUNNING" }],
      writeQueries: [],
    };
    const plain = renderEntity({ "@type": "sourceDescription", sourceDescription: source });
    expect(plain).toContain("Name                 : CLICKS\n Field   | Type                   ");
    expect(plain).toContain(
      " USER_ID | VARCHAR(STRING)  (key) \n N       | INTEGER                ",
    );
    expect(plain).toMatch(
      /For runtime statistics and query details run: DESCRIBE <Stream,Table> EXTENDED;$/,
    );
    const extended = renderEntity({
      "@type": "sourceDescription",
      sourceDescription: { ...source, extended: true },
    });
    expect(extended).toContain("Kafka topic          : clicks (partitions: 2, replication: 1)");
    expect(extended).toContain("Queries that read from this STREAM\n");
    expect(extended).toContain("CSAS_X_1 (RUNNING) : CREATE STREAM X AS ...");
  });

  it("runs --execute statements and --file scripts, exiting 1 at the first error with line and column", async () => {
    const io = capture();
    const script = join(dir, "setup.sql");
    writeFileSync(
      script,
      "CREATE STREAM VISITS (PAGE STRING KEY, MS INT) WITH (KAFKA_TOPIC='visits', VALUE_FORMAT='JSON', PARTITIONS=1);\n",
    );
    expect(await main(["sql", "--url", url, "--file", script], io)).toBe(0);
    expect(await main(["sql", "--url", url, "--execute", "SHOW STREAMS;"], io)).toBe(0);
    expect(io.text()).toMatch(/^ VISITS +\| visits +\| KAFKA +\| JSON +\| false +$/m);
    const bad = capture();
    expect(
      await main(
        ["sql", "--url", url, "--execute", "SHOW STREAMS;\nCREATE STREAM X AS SELECT * FROM NOPE;"],
        bad,
      ),
    ).toBe(1);
    expect(bad.text()).toContain("line 2:34: NOPE does not exist.");
    const missing = capture();
    const nope = join(dir, "nope.sql");
    expect(
      await main(
        ["sql", "--url", url, "--execute", `SHOW TOPICS;\nRUN SCRIPT '${nope}';`],
        missing,
      ),
    ).toBe(1);
    expect(missing.text()).toContain(`line 2:1: cannot read '${nope}': ENOENT`);
  });

  it("works interactively through a pseudo-terminal: script, push query, Ctrl-C, syntax error", async () => {
    const run = join(dir, "run.sql");
    writeFileSync(run, "INSERT INTO VISITS (PAGE, MS) VALUES ('/home', 5);\nSHOW TOPICS;\n");
    const cli = `${process.execPath} ${join(ROOT, "packages/cli/bin/riffle.mjs")} sql --url ${url}`;
    const shell = spawn("script", ["-qfc", cli, "/dev/null"], { cwd: ROOT, env: shellEnv });
    const out = watch(shell);
    const type = (s: string) => shell.stdin!.write(s);
    await out.waitFor(/riffle> /);

    type(`RUN SCRIPT '${run}';\n`);
    await out.waitFor(/ visits +\| 1 +\| 1 /);

    let mark = out.text().length;
    type("SELECT PAGE, MS\n  FROM VISITS EMIT CHANGES;\n");
    await out.waitFor(/\| PAGE +\| MS +\|/, mark);
    await main(
      ["sql", "--url", url, "--execute", "INSERT INTO VISITS (PAGE, MS) VALUES ('/live', 7);"],
      capture(),
    );
    await out.waitFor(/\| \/live +\| 7 +\|/, mark);
    type("\x03");
    await out.waitFor(/Query terminated[\s\S]*riffle> /, mark);

    mark = out.text().length;
    type("SHOW STREAMS;\n");
    await out.waitFor(/ VISITS +\|/, mark);

    mark = out.text().length;
    type("SHOW STREAMS;\nCREATE STREAM Y AS SELECT * FROM VISITS WHERE;\n");
    await out.waitFor(/line 1:\d+: [^\n]+/, mark);
    mark = out.text().length;
    type("LIST TABLES;\n");
    await out.waitFor(/Table Name/, mark);

    type("\x04");
    await new Promise((r) => shell.on("close", r));
  }, 60_000);

  it("keeps history across sessions in RIFFLE_SQL_HISTORY, like ksqlDB's ~/.ksql-history", async () => {
    const saved = readFileSync(history, "utf8").split("\n");
    expect(saved).toEqual(expect.arrayContaining(["SHOW STREAMS;", "LIST TABLES;"]));
    expect(saved.filter((l) => l === "LIST TABLES;")).toHaveLength(1);
    const cli = `${process.execPath} ${join(ROOT, "packages/cli/bin/riffle.mjs")} sql --url ${url}`;
    const shell = spawn("script", ["-qfc", cli, "/dev/null"], { cwd: ROOT, env: shellEnv });
    const out = watch(shell);
    await out.waitFor(/riffle> /);
    const mark = out.text().length;
    shell.stdin!.write("\x1b[A\n");
    await out.waitFor(/Table Name/, mark);
    shell.stdin!.write("\x04");
    await new Promise((r) => shell.on("close", r));
  }, 60_000);
});
