// Health, readiness, validation and the OpenAPI description.
import { z } from "zod";
import { InvalidTopologyError } from "../errors";
import { validateDocument } from "../services/validation.service";
import { ErrorBody, ValidateBody, ValidateResult } from "./dto";
import type { App, Services } from "./types";

const Health = z.object({ status: z.enum(["ok", "starting"]), database: z.string() });

/** Routes answered without a token: load balancers and the studio probe them. */
export const PUBLIC_ROUTES = new Set(["/health", "/ready", "/openapi.json"]);

export function systemRoutes(app: App, services: Services) {
  const health = async (_req: unknown, reply: { code(n: number): unknown }) => {
    const ready = services.ready();
    reply.code(ready ? 200 : 503);
    return { status: ready ? ("ok" as const) : ("starting" as const), database: services.database };
  };
  const schema = { tags: ["system"], response: { 200: Health, 503: Health } };
  app.get(
    "/health",
    { schema: { ...schema, summary: "200 once the worker serves requests" } },
    health,
  );
  app.get(
    "/ready",
    { schema: { ...schema, summary: "200 once migrated and deployments resumed" } },
    health,
  );
  app.post(
    "/validate",
    {
      schema: {
        tags: ["topologies"],
        summary: "Validate a topology document: 200 when valid, 422 with node-level findings",
        body: ValidateBody,
        response: { 200: ValidateResult, 422: ErrorBody },
      },
    },
    async (req) => {
      const { document, findings } = validateDocument(req.body.document);
      if (!document) throw new InvalidTopologyError(findings);
      return { valid: true, findings };
    },
  );
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
}
