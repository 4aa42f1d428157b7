// Maps every failure to `{ error: { code, message, details } }` with the status its class says:
// malformed JSON 400, schema violations 400, oversized bodies 413, user errors as declared,
// anything else 500 with the details kept in the log, not the response.
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { OperationalError, UserError } from "../errors";

export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof UserError) {
    return send(reply, err.status, err.code, err.message, err.details);
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = err.validation.map((v) => ({
      where: `${err.validationContext ?? "body"}${v.instancePath.replaceAll("/", ".")}`,
      message: v.message ?? "invalid",
    }));
    const first = issues[0];
    return send(reply, 400, "invalid_request", `${first?.where}: ${first?.message}`, { issues });
  }
  if (err.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    return send(reply, 413, "body_too_large", err.message);
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return send(reply, err.statusCode, codeOf(err), err.message);
  }
  if (err instanceof OperationalError) {
    req.log.error({ err }, "operational error");
    return send(reply, 503, "unavailable", err.message);
  }
  req.log.error({ err }, "internal error");
  return send(reply, 500, "internal", "internal error; the worker log has the details");
}

function send(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  details?: object,
) {
  return reply.code(status).send({ error: { code, message, details } });
}

function codeOf(err: FastifyError) {
  return err.code === "FST_ERR_CTP_INVALID_JSON_BODY" || err.message.includes("JSON")
    ? "invalid_json"
    : (err.code ?? "bad_request").toLowerCase();
}
